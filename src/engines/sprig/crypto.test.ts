// Certificates from genCA/genSignedCert must be real X.509 a TLS stack accepts: CA flag,
// subject/issuer, SANs, and a signature that verifies with the CA key.
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { test } from 'node:test';
import { TemplateSet } from '../gotemplate/index.ts';
import { sprigFuncs } from './index.ts';

test('genCA + genSignedCert produce a verifiable chain with the requested names', () => {
  const set = new TemplateSet().funcs(sprigFuncs()).parse('t',
    '{{ $ca := genCA "test-ca" 30 }}{{ $c := genSignedCert "web.ns.svc" (list "10.1.2.3" "::1") (list "web" "web.ns.svc") 7 $ca }}{{ $ca.Cert }}|{{ $c.Cert }}|{{ $c.Key }}');
  const [caPem, certPem, keyPem] = set.execute('t', {}).split('|') as [string, string, string];
  const ca = new X509Certificate(caPem);
  const cert = new X509Certificate(certPem);
  assert.equal(ca.ca, true);
  assert.equal(cert.ca, false);
  assert.equal(cert.subject, 'CN=web.ns.svc');
  assert.equal(cert.issuer, 'CN=test-ca');
  assert.equal(cert.subjectAltName, 'DNS:web, DNS:web.ns.svc, IP Address:10.1.2.3, IP Address:0:0:0:0:0:0:0:1');
  assert.ok(cert.verify(ca.publicKey));
  assert.ok(cert.checkPrivateKey(createPrivateKey(keyPem)));
  const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86400000;
  assert.ok(days > 6.99 && days < 7.01);
});
