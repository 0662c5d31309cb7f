// Recovers the 32-byte data key from the first master key we hold a private key for (age or OpenPGP).
import { SopsError } from './errors.ts';
import type { SopsMetadata } from './metadata.ts';

export interface SopsKeys {
  /** age identities, `AGE-SECRET-KEY-1…` (one per line in a Flux `*.agekey` entry). */
  age?: string[];
  /** Armored OpenPGP private keys (Flux `*.asc` entries). */
  pgp?: string[];
}

// The crypto libraries cost a long-running controller ~30 MiB resident once loaded, so they load on
// first use: most Kustomizations never decrypt.
export async function dataKey(meta: SopsMetadata, keys: SopsKeys): Promise<Uint8Array> {
  const failures: string[] = [];
  const ageIdentities = (keys.age ?? []).flatMap((k) => k.split('\n')).map((l) => l.trim()).filter((l) => l.startsWith('AGE-SECRET-KEY-'));
  if (meta.age.length > 0 && ageIdentities.length > 0) {
    const { Decrypter, armor } = await import('age-encryption');
    const decrypter = new Decrypter();
    for (const id of ageIdentities) decrypter.addIdentity(id);
    for (const stanza of meta.age) {
      try {
        return await decrypter.decrypt(armor.decode(stanza.enc));
      } catch (err) {
        failures.push(`age recipient ${stanza.recipient}: ${(err as Error).message}`);
      }
    }
  }
  if (meta.pgp.length > 0 && (keys.pgp ?? []).length > 0) {
    const openpgp = await import('openpgp');
    const privateKeys = (await Promise.all(keys.pgp!.map((k) => openpgp.readPrivateKeys({ armoredKeys: k })))).flat();
    for (const stanza of meta.pgp) {
      try {
        const message = await openpgp.readMessage({ armoredMessage: stanza.enc });
        const { data } = await openpgp.decrypt({ message, decryptionKeys: privateKeys, format: 'binary' });
        return data as Uint8Array;
      } catch (err) {
        failures.push(`pgp key ${stanza.fp}: ${(err as Error).message}`);
      }
    }
  }
  const wanted = [...meta.age.map((a) => `age ${a.recipient}`), ...meta.pgp.map((p) => `pgp ${p.fp}`)];
  const held = `held keys: ${ageIdentities.length} age, ${(keys.pgp ?? []).length} pgp`;
  throw new SopsError(
    `cannot decrypt the sops data key: no private key for any of [${wanted.join(', ')}] (${held})${failures.length ? `; ${failures.join('; ')}` : ''}`,
  );
}
