// SOPS decryption (age and OpenPGP master keys) for Flux's kustomize-controller.
export { decryptObject, isSopsEncrypted } from './decrypt.ts';
export { decryptFile, formatFromPath, type SopsFormat } from './formats.ts';
export type { SopsKeys } from './data-key.ts';
export { SopsError } from './errors.ts';
