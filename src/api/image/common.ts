// Pieces shared by the image automation kinds.
import { Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const ImageGroup = 'image.toolkit.fluxcd.io';
export const ImageVersion = 'v1';
export const imageCategories = ['all', 'fluxcd', 'fluxcd-images'];

export const ImageRefSchema = Type.Object({
  name: Type.String(),
  tag: Type.String(),
  digest: Type.Optional(Type.String()),
});
export type ImageRef = Static<typeof ImageRefSchema>;
