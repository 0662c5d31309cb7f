// Sprig's crypto functions: key and certificate generation (PEM exactly as Go's x509 writes it),
// derivePassword (Master Password algorithm), htpasswd/bcrypt, AES-CBC encrypt/decrypt,
// uuidv4 and randBytes.
import {
  X509Certificate, createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey,
  generateKeyPairSync, randomBytes, randomUUID, scryptSync, sign,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import bcrypt from 'bcryptjs';
import { fromUtf8, goFunc as f, utf8 } from '../gotemplate/index.ts';
import type { GoNumber } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import * as der from './der.ts';

/** Sprig's certificate struct: {{ $ca.Cert }} and {{ $ca.Key }} are PEM strings. */
export class Certificate {
  static goTypeName = 'sprig.certificate';
  Cert: string;
  Key: string;
  constructor(cert: string, key: string) {
    this.Cert = cert;
    this.Key = key;
  }
}

function pem(type: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/** PEM of a private key in the block type Go's sprig chooses for it. */
function privateKeyPEM(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa': return pem('RSA PRIVATE KEY', key.export({ format: 'der', type: 'pkcs1' }));
    case 'ec': return pem('EC PRIVATE KEY', key.export({ format: 'der', type: 'sec1' }));
    default: return pem('PRIVATE KEY', key.export({ format: 'der', type: 'pkcs8' }));
  }
}

function generatePrivateKey(typ: string): string {
  switch (typ) {
    case '': case 'rsa': return privateKeyPEM(generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey);
    case 'ecdsa': return privateKeyPEM(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'ed25519': return privateKeyPEM(generateKeyPairSync('ed25519').privateKey);
    case 'dsa': return privateKeyPEM(generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey);
    default: return `Unknown type ${typ}`;
  }
}

function parsePrivateKeyPEM(text: string): KeyObject {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (!m) throw new Error('no PEM data in input');
  const type = m[1]!;
  if (type !== 'PRIVATE KEY' && !type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${type}`);
  if (!['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY'].includes(type)) throw new Error(`invalid private key type ${type}`);
  try {
    return createPrivateKey(text);
  } catch (e) {
    throw new Error(`parsing private key from PEM: ${(e as Error).message}`, { cause: e });
  }
}

function signatureAlgorithm(key: KeyObject): { alg: Buffer; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa': return { alg: der.seq(der.oid('1.2.840.113549.1.1.11'), der.nullValue()), hash: 'sha256' };
    case 'ec': return { alg: der.seq(der.oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    case 'ed25519': return { alg: der.seq(der.oid('1.3.101.112')), hash: null };
    default: return { alg: der.seq(der.oid('2.16.840.1.101.3.4.3.2')), hash: 'sha256' };
  }
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.from(groups.flatMap((g) => { const v = parseInt(g, 16); return [v >> 8, v & 0xff]; }));
}

function stringList(items: unknown[] | null, what: (v: unknown) => string): string[] {
  return (items ?? []).map((v) => {
    if (typeof v !== 'string') throw new Error(what(v));
    return v;
  });
}

interface CertRequest { cn: string; ips: string[]; dns: string[]; days: number; isCA: boolean }

function subjectKeyId(pub: KeyObject): Buffer {
  const spki = pub.export({ format: 'der', type: 'spki' });
  // The subjectPublicKey BIT STRING is the last element of the SPKI sequence.
  return createHash('sha1').update(spki.subarray(spki.length - bitStringLength(spki))).digest();
}

function bitStringLength(spki: Buffer): number {
  // Walk SEQUENCE { AlgorithmIdentifier, BIT STRING }: skip the outer header and the algorithm.
  let i = 1;
  i += spki[i]! & 0x80 ? 1 + (spki[i]! & 0x7f) : 1;
  const algLenByte = spki[i + 1]!;
  const algHeader = algLenByte & 0x80 ? 2 + (algLenByte & 0x7f) : 2;
  const algLen = algLenByte & 0x80 ? spki.readUIntBE(i + 2, algLenByte & 0x7f) : algLenByte;
  i += algHeader + algLen;
  const bsLenByte = spki[i + 1]!;
  const bsHeader = bsLenByte & 0x80 ? 2 + (bsLenByte & 0x7f) : 2;
  return spki.length - i - bsHeader - 1;
}

function createCertificate(req: CertRequest, key: KeyObject, issuer?: { cert: X509Certificate; key: KeyObject }): string {
  const pub = createPublicKey(key);
  const signer = issuer?.key ?? key;
  const { alg, hash } = signatureAlgorithm(signer);
  const name = der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.directoryString(req.cn))));
  const issuerName = issuer ? issuerSubject(issuer.cert) : name;
  const now = new Date();
  const notAfter = new Date(now.getTime() + req.days * 24 * 3600 * 1000);
  const serial = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const keyUsageBits = req.isCA ? 0xa4 : 0xa0; // digitalSignature | keyEncipherment (| keyCertSign)
  const extensions: Buffer[] = [
    der.seq(der.oid('2.5.29.15'), der.bool(true), der.octets(der.tlv(0x03, Buffer.from([req.isCA ? 0x02 : 0x05, keyUsageBits])))),
    der.seq(der.oid('2.5.29.37'), der.octets(der.seq(der.oid('1.3.6.1.5.5.7.3.1'), der.oid('1.3.6.1.5.5.7.3.2')))),
    der.seq(der.oid('2.5.29.19'), der.bool(true), der.octets(der.seq(...(req.isCA ? [der.bool(true)] : [])))),
  ];
  if (req.isCA) extensions.push(der.seq(der.oid('2.5.29.14'), der.octets(der.octets(subjectKeyId(pub)))));
  if (issuer) {
    const issuerPub = createPublicKey(issuer.key);
    extensions.push(der.seq(der.oid('2.5.29.35'), der.octets(der.seq(der.tlv(0x80, subjectKeyId(issuerPub))))));
  }
  if (req.dns.length || req.ips.length) {
    const names = [...req.dns.map((d) => der.tlv(0x82, Buffer.from(d))), ...req.ips.map((ip) => der.tlv(0x87, ipBytes(ip)))];
    extensions.push(der.seq(der.oid('2.5.29.17'), der.octets(der.seq(...names))));
  }
  const tbs = der.seq(
    der.explicit(0, der.integer(2n)),
    der.integer(serial),
    alg,
    issuerName,
    der.seq(der.time(now), der.time(notAfter)),
    name,
    pub.export({ format: 'der', type: 'spki' }),
    der.explicit(3, der.seq(...extensions)),
  );
  const signature = sign(hash, tbs, signer);
  return pem('CERTIFICATE', der.seq(tbs, alg, der.bitString(signature)));
}

/** The DER of a certificate's subject Name (the issuer of the certificates it signs). */
function issuerSubject(cert: X509Certificate): Buffer {
  const cn = /CN=(.*)/.exec(cert.subject)?.[1] ?? '';
  return der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.directoryString(cn))));
}

function baseRequest(cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, isCA: boolean): CertRequest {
  const ipStrings = stringList(ips, (v) => `error parsing ip: ${String(v)} is not a string`);
  for (const ip of ipStrings) if (!isIP(ip)) throw new Error(`error parsing ip: ${ip}`);
  return {
    cn, ips: ipStrings, days: Number(days), isCA,
    dns: stringList(dns, (v) => `error processing alternate dns name: ${String(v)} is not a string`),
  };
}

const rsaKey = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

function signedCert(cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, ca: Certificate, key: KeyObject): Certificate {
  let caCert: X509Certificate;
  try {
    caCert = new X509Certificate(ca.Cert);
  } catch {
    throw new Error('unable to decode certificate');
  }
  let caKey: KeyObject;
  try {
    caKey = parsePrivateKeyPEM(ca.Key);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`, { cause: e });
  }
  const req = baseRequest(cn, ips, dns, days, false);
  return new Certificate(createCertificate(req, key, { cert: caCert, key: caKey }), privateKeyPEM(key));
}

function selfSigned(req: CertRequest, key: KeyObject): Certificate {
  return new Certificate(createCertificate(req, key), privateKeyPEM(key));
}

const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: ['CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno',
    'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno',
    'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno'],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const TEMPLATE_CHARS: Record<string, string> = {
  V: 'AEIOU', C: 'BCDFGHJKLMNPQRSTVWXYZ', v: 'aeiou', c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ', a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', n: '0123456789',
  o: '@&%?,=[]_:-+*$#!\'^~;()/.', x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function derivePassword(counter: GoNumber, passwordType: string, password: string, user: string, site: string): string {
  if (!Object.hasOwn(PASSWORD_TEMPLATES, passwordType)) return `cannot find password template ${passwordType}`;
  const templates = PASSWORD_TEMPLATES[passwordType]!;
  const seedPrefix = Buffer.from('com.lyndir.masterpassword');
  const u32 = (n: number | bigint): Buffer => { const b = Buffer.alloc(4); b.writeUInt32BE(Number(BigInt.asUintN(32, BigInt(n)))); return b; };
  const userBytes = Buffer.from(user, 'utf8');
  const salt = Buffer.concat([seedPrefix, u32(userBytes.length), userBytes]);
  const key = scryptSync(Buffer.from(password, 'utf8'), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const siteBytes = Buffer.from(site, 'utf8');
  const seed = createHmac('sha256', key).update(Buffer.concat([seedPrefix, u32(siteBytes.length), siteBytes, u32(BigInt(counter.value))])).digest();
  const template = templates[seed[0]! % templates.length]!;
  return [...template].map((c, i) => {
    const chars = TEMPLATE_CHARS[c]!;
    return chars[seed[i + 1]! % chars.length];
  }).join('');
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(utf8(password)).copy(key);
  return key;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return Buffer.concat([iv, cipher.update(utf8(plaintext)), cipher.final()]).toString('base64');
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = Buffer.from(crypt64, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16));
  decipher.setAutoPadding(false);
  const out = Buffer.concat([decipher.update(crypt.subarray(16)), decipher.final()]);
  return fromUtf8(out.subarray(0, out.length - out[out.length - 1]!));
}

/** bcrypt with Go's "$2a$" prefix and default cost 10. */
function bcryptHash(input: string): string {
  return bcrypt.hashSync(input, 10).replace(/^\$2b\$/, '$2a$');
}

export function cryptoFuncs(): FuncMap {
  const S = 'string' as const;
  const I = 'int' as const;
  const L = '[]interface {}' as const;
  const C = 'sprig.certificate' as const;
  return {
    genPrivateKey: f([S], generatePrivateKey),
    derivePassword: f(['uint32', S, S, S, S], derivePassword),
    bcrypt: f([S], bcryptHash),
    htpasswd: f([S, S], (user: string, pw: string) => (user.includes(':') ? `invalid username: ${user}` : `${user}:${bcryptHash(pw)}`)),
    encryptAES: f([S, S], encryptAES),
    decryptAES: f([S, S], decryptAES),
    randBytes: f([I], (n: bigint) => randomBytes(Number(n)).toString('base64')),
    uuidv4: f([], () => randomUUID()),
    buildCustomCert: f([S, S], (b64cert: string, b64key: string) => {
      const cert = Buffer.from(b64cert, 'base64').toString('utf8');
      const key = Buffer.from(b64key, 'base64').toString('utf8');
      try { new X509Certificate(cert); } catch (e) { throw new Error(`error parsing certificate: ${(e as Error).message}`, { cause: e }); }
      parsePrivateKeyPEM(key);
      return new Certificate(cert, key);
    }),
    genCA: f([S, I], (cn: string, days: bigint) => selfSigned(baseRequest(cn, null, null, days, true), rsaKey())),
    genCAWithKey: f([S, I, S], (cn: string, days: bigint, key: string) => selfSigned(baseRequest(cn, null, null, days, true), parsePrivateKeyPEM(key))),
    genSelfSignedCert: f([S, L, L, I], (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint) => selfSigned(baseRequest(cn, ips, dns, days, false), rsaKey())),
    genSelfSignedCertWithKey: f([S, L, L, I, S], (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, key: string) =>
      selfSigned(baseRequest(cn, ips, dns, days, false), parsePrivateKeyPEM(key))),
    genSignedCert: f([S, L, L, I, C], (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, ca: Certificate) =>
      signedCert(cn, ips, dns, days, ca, rsaKey())),
    genSignedCertWithKey: f([S, L, L, I, C, S], (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, ca: Certificate, key: string) =>
      signedCert(cn, ips, dns, days, ca, parsePrivateKeyPEM(key))),
  };
}

