// Expected splits are kustomize v5's documented ones (its repospec table: what `git fetch` gets and the
// folder inside the checkout); the loopback differential corpus covers the forms a local server can serve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloneSpec, goDuration, isRemoteFile, parseRepoSpec, type RepoSpec } from './repo-spec.ts';

const spec = (entry: string): RepoSpec => {
  const parsed = parseRepoSpec(entry);
  if ('error' in parsed) throw new Error(`${entry}: ${parsed.error}`);
  return parsed;
};

test('repository URL forms: clone spec and kustomization folder', () => {
  const cases: Array<[string, string, string]> = [
    ['http://github.com/someorg/somerepo/somedir', 'https://github.com/someorg/somerepo', 'somedir'],
    ['git@github.com:someorg/somerepo.git/somedir', 'git@github.com:someorg/somerepo.git', 'somedir'],
    ['git@github.com/someorg/somerepo/somepath', 'git@github.com:someorg/somerepo', 'somepath'],
    ['ssh://git@github.com/kubernetes-sigs/kustomize//examples/multibases/dev?ref=v1.0.6', 'git@github.com:kubernetes-sigs/kustomize', 'examples/multibases/dev'],
    ['ssh://org-12345@github.com/kubernetes-sigs/kustomize', 'org-12345@github.com:kubernetes-sigs/kustomize', ''],
    ['git@gitlab2.sqtools.ru:infra/kubernetes/thanos-base.git?ref=v0.1.0', 'git@gitlab2.sqtools.ru:infra/kubernetes/thanos-base.git', ''],
    ['git@bitbucket.org/company/project.git//path?ref=branch', 'git@bitbucket.org/company/project.git', 'path'],
    ['git@gitlab.com/user:name/YOUR-REPOSITORY.git/path', 'git@gitlab.com/user:name/YOUR-REPOSITORY.git', 'path'],
    ['ssh://git@ssh.github.com:443/YOUR-USERNAME/YOUR-REPOSITORY.git', 'ssh://git@ssh.github.com:443/YOUR-USERNAME/YOUR-REPOSITORY.git', ''],
    ['https://itfs.mycompany.com/collection/project/_git/somerepos/somedir?version=v1.0.0', 'https://itfs.mycompany.com/collection/project/_git/somerepos', 'somedir'],
    ['git::https://itfs.mycompany.com/collection/project/_git/somerepos', 'https://itfs.mycompany.com/collection/project/_git/somerepos', ''],
    ['https://example.org/path/to/repo//examples/multibases/dev', 'https://example.org/path/to/repo', 'examples/multibases/dev'],
    ['https://authority/org/repo/?ref=includes.git/for_some_reason', 'https://authority/org/repo', ''],
    ['file://a/b/c/someRepo//somepath?ref=someBranch', 'file://a/b/c/someRepo', 'somepath'],
    ['file:///a/b/c/someRepo?ref=someBranch', 'file:///a/b/c/someRepo', ''],
  ];
  for (const [entry, clone, root] of cases) {
    const s = spec(entry);
    assert.equal(cloneSpec(s), clone, entry);
    assert.equal(s.kustRootPath.replace(/\/$/, ''), root, entry);
  }
});

test('query options: ref over version, timeout in seconds or as a duration, submodules', () => {
  assert.equal(spec('https://h/o/r?version=master&ref=v1.0.0').ref, 'v1.0.0');
  assert.equal(spec('https://h/o/r?version=master').ref, 'master');
  assert.equal(spec('https://h/o/r?ref=kustomize/v4.5.7').ref, 'kustomize/v4.5.7');
  assert.equal(spec('https://h/o/r').timeoutMs, 27_000);
  assert.equal(spec('https://h/o/r?timeout=61').timeoutMs, 61_000);
  assert.equal(spec('https://h/o/r?timeout=1m30s').timeoutMs, 90_000);
  assert.equal(spec('https://h/o/r?timeout=nonsense').timeoutMs, 27_000);
  assert.equal(spec('https://h/o/r').submodules, true);
  assert.equal(spec('https://h/o/r?submodules=false').submodules, false);
  assert.equal(spec('https://h/o/r?submodules=maybe').submodules, true);
  assert.equal(goDuration(27_000), '27s');
  assert.equal(goDuration(90_000), '1m30s');
});

test('what is not a repository: local paths, an unknown scheme, a repository path that leaves the repository', () => {
  for (const entry of ['base', '../base', './x/y.yaml', 'github.com', '/abs/path']) assert.ok('error' in parseRepoSpec(entry), entry);
  assert.deepEqual(parseRepoSpec('ftp://h/o/r'), { error: 'failed to parse scheme' });
  assert.deepEqual(parseRepoSpec('https://h/o/r.git//../up'), { error: 'url path exits repo: o/r.git//../up' });
  assert.ok(isRemoteFile('https://h/x.yaml'));
  assert.ok(!isRemoteFile('git@h:o/r'));
});
