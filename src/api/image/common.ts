// Pieces shared by the image automation kinds.
import { Described, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const ImageGroup = 'image.toolkit.fluxcd.io';
export const ImageVersion = 'v1';
export const imageCategories = ['all', 'fluxcd', 'fluxcd-images'];

export const ImageRefSchema = Type.Object({
  name: Described(Type.String(), 'Image name without tag.'),
  tag: Described(Type.String(), 'Image tag.'),
  digest: Type.Optional(Described(Type.String(), 'Image digest.')),
});
export type ImageRef = Static<typeof ImageRefSchema>;
