// The kustomization.yaml the controller builds: the one found at spec.path, or one generated from every
// Kubernetes YAML file under it (as upstream does when the path has none), with the Kustomization's own
// fields (targetNamespace, patches, images, components, name prefix/suffix) written into it. The result
// lives in an in-memory overlay over the directory, so a user's checkout is never modified.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, posix, relative } from 'node:path';
import type { KustomizationSpec } from '../../../api/kustomize/kustomization.ts';
import type { FileSystem, JsonObject, JsonValue } from '../../../engines/kustomize/index.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../../../engines/kustomize/kustomization.ts';
import { renderDocument } from '../../../engines/kustomize/yaml/writer.ts';
import { parseYamlDocuments } from '../../../engines/kustomize/yaml/reader.ts';
import { BuildError } from './errors.ts';

/** The spec fields that shape the build (the rest act on the built objects). */
export type BuildSpec = Pick<
  KustomizationSpec,
  'targetNamespace' | 'patches' | 'images' | 'components' | 'ignoreMissingComponents' | 'namePrefix' | 'nameSuffix' | 'buildMetadata'
>;

/** A file system whose kustomization file at `dir` is replaced by `content`. */
function overlay(base: FileSystem, file: string, content: string): FileSystem {
  const bytes = new TextEncoder().encode(content);
  return {
    stat: (path) => (path === file ? 'file' : base.stat(path)),
    readFile: (path) => (path === file ? bytes : base.readFile(path)),
    realPath: (path) => (path === file ? file : base.realPath(path)),
  };
}

function existingKustomizationFile(fs: FileSystem, dir: string): string | undefined {
  return KUSTOMIZATION_FILE_NAMES.map((n) => posix.join(dir, n)).find((p) => fs.stat(p) === 'file');
}

/**
 * Resources of a generated kustomization: YAML files under `dir`, and sub-directories holding their own
 * kustomization (not descended into). A file that is not valid Kubernetes YAML fails the build naming it.
 */
function scanResources(fs: FileSystem, root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (existingKustomizationFile(fs, path)) found.push(path);
        else walk(path);
        continue;
      }
      const ext = extname(name);
      if (ext !== '.yaml' && ext !== '.yml') continue;
      const rel = relative(root, path);
      let docs: JsonValue[];
      try {
        docs = parseYamlDocuments(new TextDecoder().decode(fs.readFile(path)), rel);
      } catch (err) {
        throw new BuildError(`failed to decode Kubernetes YAML from ${rel}: ${(err as Error).message}`);
      }
      for (const doc of docs) {
        const obj = doc as JsonObject | null;
        if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !obj.kind) {
          throw new BuildError(`failed to decode Kubernetes YAML from ${rel}: missing Resource metadata (apiVersion, kind)`);
        }
      }
      found.push(path);
    }
  };
  walk(root);
  return found.map((p) => `./${relative(root, p)}`);
}

function readKustomization(fs: FileSystem, file: string): JsonObject {
  let docs: JsonValue[];
  try {
    docs = parseYamlDocuments(new TextDecoder().decode(fs.readFile(file)), posix.basename(file));
  } catch (err) {
    throw new BuildError(`failed to read ${posix.basename(file)}: ${(err as Error).message}`);
  }
  const k = docs[0];
  if (docs.length > 1 || !k || typeof k !== 'object' || Array.isArray(k)) throw new BuildError(`${posix.basename(file)} must hold one YAML map`);
  return k;
}

function list(k: JsonObject, field: string): JsonValue[] {
  const v = k[field];
  return Array.isArray(v) ? v : [];
}

/** Writes the spec's build fields into the kustomization, as upstream's generator does. */
function withSpecFields(k: JsonObject, spec: BuildSpec, fs: FileSystem, dir: string): JsonObject {
  const out: JsonObject = { ...k };
  if (spec.targetNamespace) out.namespace = spec.targetNamespace;
  if (spec.patches?.length) {
    out.patches = [...list(k, 'patches'), ...spec.patches.map((p): JsonObject => (p.target ? { patch: p.patch, target: selector(p.target) } : { patch: p.patch }))];
  }
  if (spec.components?.length) {
    const present = spec.components.filter((c) => !spec.ignoreMissingComponents || fs.stat(posix.resolve(dir, c)) !== undefined);
    out.components = [...list(k, 'components'), ...present];
  }
  if (spec.images?.length) {
    out.images = [...list(k, 'images'), ...spec.images.map((i) => ({ ...i }) as JsonObject)];
  }
  if (spec.namePrefix) out.namePrefix = spec.namePrefix;
  if (spec.nameSuffix) out.nameSuffix = spec.nameSuffix;
  if (spec.buildMetadata?.length) out.buildMetadata = [...spec.buildMetadata];
  return out;
}

function selector(target: NonNullable<NonNullable<BuildSpec['patches']>[number]['target']>): JsonObject {
  return Object.fromEntries(Object.entries(target).filter(([, v]) => v !== undefined && v !== '')) as JsonObject;
}

/** The file system to build `dir` from: the directory with its kustomization made or amended in memory. */
export function prepareKustomization(fs: FileSystem, dir: string, spec: BuildSpec): FileSystem {
  if (fs.stat(dir) !== 'dir') throw new BuildError(`kustomization path not found: ${dir}`);
  const existing = existingKustomizationFile(fs, dir);
  const base: JsonObject = existing
    ? readKustomization(fs, existing)
    : { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: scanResources(fs, dir) };
  const file = existing ?? posix.join(dir, 'kustomization.yaml');
  return overlay(fs, file, renderDocument(withSpecFields(base, spec, fs, dir)));
}
