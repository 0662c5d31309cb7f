// sops's value format: ENC[AES256_GCM,data:…,iv:…,tag:…,type:…], AES-256-GCM whose additional
// data is the value's path ("stringData:password:") or, for the MAC, the lastmodified time.
import { createDecipheriv } from 'node:crypto';
import { SopsError } from './errors.ts';

const ENC = /^ENC\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:([a-z]+)\]$/;

export type Plain = string | number | boolean | { comment: string };

export const isEncryptedValue = (v: unknown): v is string => typeof v === 'string' && ENC.test(v);

export function decryptValue(value: string, key: Uint8Array, additionalData: string): Plain {
  // sops leaves empty strings as they are instead of encrypting them.
  if (value === '') return '';
  const m = ENC.exec(value);
  if (!m) throw new SopsError(`value at ${additionalData} is not in sops ENC[...] format`);
  const [, data, iv, tag, type] = m;
  let text: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64'));
    decipher.setAAD(Buffer.from(additionalData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag!, 'base64'));
    text = Buffer.concat([decipher.update(Buffer.from(data!, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SopsError(`could not decrypt value at '${additionalData}': authentication failed (wrong key or tampered data)`);
  }
  switch (type) {
    case 'str':
    case 'bytes':
      return text;
    case 'int':
      return Number.parseInt(text, 10);
    case 'float':
      return Number.parseFloat(text);
    case 'bool':
      return text.toLowerCase() === 'true';
    case 'comment':
      return { comment: text };
    default:
      throw new SopsError(`unknown sops value type '${type}' at '${additionalData}'`);
  }
}
