import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHttpServer, type GitHttpServer } from '../../../../test/support/git-http-server.ts';
import { TestRepo, generateGpgKey, generateSshSigningKey, type GpgKey, type SshSigningKey } from '../../../../test/support/git-fixtures.ts';
import { resolveRef, type GitRef } from './remote-refs.ts';
import { checkout } from './checkout.ts';
import { readTrustedKeys, verifyCheckout, VerificationError, type VerificationMode } from './verify.ts';

void describe('verification of commit and tag signatures (OpenPGP and SSH)', () => {
  let root: string;
  let server: GitHttpServer;
  let repo: TestRepo;
  let trusted: GpgKey;
  let stranger: GpgKey;
  let sshSigner: SshSigningKey;
  let sshStranger: SshSigningKey;
  let url: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsflux-verify-'));
    server = await startGitHttpServer({ root });
    trusted = generateGpgKey('Trusted Signer');
    stranger = generateGpgKey('Someone Else');
    repo = TestRepo.create(root, 'signed');
    repo.write({ 'a.yaml': 'signed' });
    repo.commit('signed commit', trusted);
    repo.tag('v1.0.0', { sign: trusted });
    repo.tag('v1.0.0-light');
    repo.tag('v1.0.0-annotated', { message: 'not signed' });
    repo.tag('v1.0.0-stranger', { sign: stranger });
    repo.push('main', '--tags');
    repo.git('checkout', '--quiet', '-b', 'unsigned');
    repo.write({ 'a.yaml': 'unsigned' });
    repo.commit('unsigned commit');
    repo.push('unsigned');
    repo.git('checkout', '--quiet', '-b', 'foreign');
    repo.commit('signed by a stranger', stranger);
    repo.push('foreign');
    sshSigner = generateSshSigningKey();
    sshStranger = generateSshSigningKey();
    repo.git('checkout', '--quiet', '-b', 'ssh-signed');
    repo.commit('ssh signed', sshSigner);
    repo.tag('v2.0.0', { sign: sshSigner });
    repo.tag('v2.0.1', { sign: sshStranger });
    repo.push('ssh-signed', '--tags');
    url = `${server.url}/signed.git`;
  });
  after(async () => {
    await server.close();
    repo.dispose();
    await rm(root, { recursive: true, force: true });
    await rm(trusted.home, { recursive: true, force: true });
    await rm(stranger.home, { recursive: true, force: true });
    await rm(sshSigner.home, { recursive: true, force: true });
    await rm(sshStranger.home, { recursive: true, force: true });
  });

  const verify = async (ref: GitRef, mode: VerificationMode, keys = { pgp: [trusted.publicKey], ssh: [] as string[] }) => {
    const dir = await mkdtemp(join(tmpdir(), 'tsflux-co-'));
    try {
      const resolved = await resolveRef(url, ref);
      const co = await checkout({ url, resolved, dir });
      return await verifyCheckout({ dir, commit: co.commit, tagRef: resolved.tagRef, mode, keys: await readTrustedKeys(keys) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const keyId = () => trusted.fingerprint.slice(-16).toLowerCase();

  void it('accepts a commit signed by a trusted key (HEAD)', async () => {
    assert.match(await verify({ branch: 'main' }, 'HEAD'), new RegExp(`commit '[0-9a-f]{40}' with key '${keyId()}'`));
  });
  void it('accepts a signed tag (Tag) and both (TagAndHEAD)', async () => {
    assert.match(await verify({ tag: 'v1.0.0' }, 'Tag'), new RegExp(`tag 'v1.0.0' with key '${keyId()}'`));
    const both = await verify({ tag: 'v1.0.0' }, 'TagAndHEAD');
    assert.match(both, /tag 'v1.0.0'/);
    assert.match(both, /commit '[0-9a-f]{40}'/);
  });
  void it('rejects unsigned commits and tags', async () => {
    await assert.rejects(verify({ branch: 'unsigned' }, 'HEAD'), /commit '[0-9a-f]{40}': the commit is not signed/);
    await assert.rejects(verify({ tag: 'v1.0.0-annotated' }, 'Tag'), /the tag is not signed/);
    await assert.rejects(verify({ tag: 'v1.0.0-light' }, 'Tag'), /lightweight tag/);
    await assert.rejects(verify({ branch: 'main' }, 'Tag'), /tag reference is not specified/);
  });
  void it('rejects signatures by keys that are not trusted', async () => {
    await assert.rejects(verify({ branch: 'foreign' }, 'HEAD'), VerificationError);
    await assert.rejects(verify({ tag: 'v1.0.0-stranger' }, 'Tag'), /does not match any trusted key/);
  });

  void it('verifies SSH-signed commits and tags against *.sshpub keys', async () => {
    const keys = { pgp: [], ssh: [`# release key\n${sshSigner.publicKey}\n`] };
    assert.match(await verify({ branch: 'ssh-signed' }, 'HEAD', keys), /commit '[0-9a-f]{40}' with key 'SHA256:/);
    assert.match(await verify({ tag: 'v2.0.0' }, 'TagAndHEAD', keys), /tag 'v2.0.0' with key 'SHA256:/);
    await assert.rejects(verify({ tag: 'v2.0.1' }, 'Tag', keys), /SSH signature does not match any trusted key/);
    await assert.rejects(verify({ branch: 'ssh-signed' }, 'HEAD'), /no SSH keys are trusted/);
    await assert.rejects(verify({ branch: 'main' }, 'HEAD', keys), /no OpenPGP keys are trusted/);
  });
});
