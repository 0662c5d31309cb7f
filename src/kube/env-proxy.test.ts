// The rules of Go's ProxyFromEnvironment (golang.org/x/net/http/httpproxy), which client-go uses when
// a kubeconfig names no proxy-url.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proxyFromEnvironment } from './env-proxy.ts';

const proxy = 'http://proxy.corp:3128/';

void test('HTTPS_PROXY serves https servers, HTTP_PROXY http ones; upper case first, a bare host:port means http', () => {
  assert.equal(proxyFromEnvironment('https://k8s.example.com:6443', { HTTPS_PROXY: proxy, HTTP_PROXY: 'http://other:1/' }), proxy);
  assert.equal(proxyFromEnvironment('http://k8s.example.com:8080', { HTTPS_PROXY: proxy, HTTP_PROXY: 'http://other:1/' }), 'http://other:1/');
  assert.equal(proxyFromEnvironment('https://k8s.example.com', { https_proxy: proxy }), proxy);
  assert.equal(proxyFromEnvironment('https://k8s.example.com', { HTTPS_PROXY: 'proxy.corp:3128', https_proxy: 'http://lower:1' }), proxy);
  assert.equal(proxyFromEnvironment('https://k8s.example.com', {}), undefined);
});

void test('localhost and loopback addresses are never proxied', () => {
  for (const server of ['https://localhost:6443', 'https://127.0.0.1:6443', 'https://127.1.2.3', 'https://[::1]:6443']) {
    assert.equal(proxyFromEnvironment(server, { HTTPS_PROXY: proxy }), undefined, server);
  }
});

void test('NO_PROXY: *, domains with their subdomains, leading dots for subdomains only, IPs, CIDRs, ports', () => {
  const via = (server: string, noProxy: string) => proxyFromEnvironment(server, { HTTPS_PROXY: proxy, NO_PROXY: noProxy });
  assert.equal(via('https://k8s.example.com', '*'), undefined);
  assert.equal(via('https://k8s.example.com', 'example.com'), undefined);
  assert.equal(via('https://example.com', 'example.com'), undefined);
  assert.equal(via('https://notexample.com', 'example.com'), proxy);
  assert.equal(via('https://example.com', '.example.com'), proxy);
  assert.equal(via('https://k8s.example.com', '.example.com'), undefined);
  assert.equal(via('https://k8s.example.com', '*.example.com'), undefined);
  assert.equal(via('https://10.1.2.3:6443', '10.1.2.3'), undefined);
  assert.equal(via('https://10.1.2.3:6443', '10.0.0.0/8'), undefined);
  assert.equal(via('https://11.1.2.3:6443', '10.0.0.0/8'), proxy);
  assert.equal(via('https://k8s.example.com:6443', 'example.com:6443'), undefined);
  assert.equal(via('https://k8s.example.com:6443', 'example.com:443'), proxy);
  assert.equal(via('https://k8s.example.com', 'other.org, k8s.example.com'), undefined);
  assert.equal(proxyFromEnvironment('https://k8s.example.com', { HTTPS_PROXY: proxy, no_proxy: 'example.com' }), undefined);
});
