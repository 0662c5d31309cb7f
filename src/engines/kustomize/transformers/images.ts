// The `images:` field (kustomize's ImageTagTransformer): rewrites container images by name, with a
// new name, tag and/or digest. Like kustomize it looks at every `containers` and `initContainers`
// list anywhere in an object, then at the configured image field specs; an image both passes reach
// gets a tagSuffix twice, as kustomize v5.5 does.

import type { JsonObject, JsonValue, Resource } from '../resource.ts';
import { isJsonObject } from '../resource.ts';
import type { FieldSpec } from '../config/field-spec.ts';
import { visitFieldSpec } from './field-visitor.ts';

export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  /** Appended to the current tag, only when the rule sets neither newTag nor digest (kustomize v5.5). */
  tagSuffix?: string;
}

/** Splits "registry:5000/repo/name:tag@digest" into name, tag and digest (a port is not a tag). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, offset + at), tag: '', digest: image.slice(offset + at + 1) };
  if (at >= 0 && colon >= 0) {
    return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1, offset + at), digest: image.slice(offset + at + 1) };
  }
  return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1), digest: '' };
}

function matchesPattern(image: string, name: string): boolean {
  // kustomize builds this pattern from the name without escaping it, so a '.' in the name matches any character.
  try {
    return new RegExp(`^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).test(image);
  } catch {
    return false;
  }
}

function matches(image: string, name: string): boolean {
  return matchesPattern(image, name) || splitImage(image).name === name;
}

export function rewriteImage(image: string, rule: ImageRule): string {
  if (!matches(image, rule.name)) return image;
  let { name, tag, digest } = splitImage(image);
  if (rule.newName) name = rule.newName;
  if (rule.newTag && rule.digest) {
    tag = rule.newTag;
    digest = rule.digest;
  } else if (rule.newTag) {
    tag = rule.newTag;
    digest = '';
  } else if (rule.digest) {
    tag = '';
    digest = rule.digest;
  } else if (rule.tagSuffix) {
    tag += rule.tagSuffix;
    digest = '';
  }
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

function updateContainers(node: JsonValue, rule: ImageRule): void {
  if (Array.isArray(node)) {
    for (const item of node) updateContainers(item, rule);
    return;
  }
  if (!isJsonObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) {
        if (isJsonObject(c) && typeof c.image === 'string') c.image = rewriteImage(c.image, rule);
      }
    }
    updateContainers(value, rule);
  }
}

export function applyImages(resources: Resource[], rules: ImageRule[], fieldSpecs: FieldSpec[]): void {
  for (const rule of rules) {
    for (const res of resources) {
      updateContainers(res.object, rule);
      for (const fs of fieldSpecs) {
        visitFieldSpec(res.object as JsonObject, fs, 'scalar', (holder, key) => {
          const v = holder[key];
          if (typeof v === 'string') holder[key] = rewriteImage(v, rule);
        });
      }
    }
  }
}
