// kustomize's `replacements` (v5.5.0, and v5.8.1's way of selecting targets): copy a value from one
// field of one resource into fields of other resources, whole or as one part of a delimited string.
import { cloneJson, isJsonObject, type JsonObject, type JsonValue, type KustomizationFileLoader, type Resource, type ResId } from '../resource.ts';
import { currentId, effectiveNamespace } from '../resource-id.ts';
import { parseLabelSelector } from '../patch/selector.ts';
import { parseYamlDocuments } from '../yaml/reader.ts';
import { resolvePlainV3 } from '../../yaml/resolve.ts';
import { goJsonField } from '../generators/go-json.ts';
import { annotationValuesAsText } from '../patch/annotation-text.ts';
import type { KustomizeVersion } from '../version.ts';
import { lookupField, matchFields, scalarText, splitFieldPath, UntypedScalars, type CreateKind, type Slot } from './field-path.ts';

interface IdSelector {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

interface Selector extends IdSelector {
  labelSelector: string;
  annotationSelector: string;
}

interface FieldOptions {
  delimiter: string;
  index: number;
  create: boolean;
}

interface Replacement {
  source: (IdSelector & { fieldPath: string; options: FieldOptions }) | undefined;
  targets: { select: Selector | undefined; reject: Selector[]; fieldPaths: string[]; options: FieldOptions }[] | undefined;
}

/** The `replacements` field of a kustomization: inline entries and `path:` files (one replacement or a list). */
export function applyReplacements(resources: Resource[], entries: JsonValue[], loader: KustomizationFileLoader, version: KustomizeVersion = 'v5.5.0'): void {
  const replacements: Replacement[] = [];
  for (const entry of entries) {
    if (!isJsonObject(entry)) throw new Error(`replacements: each entry must be an object, got ${JSON.stringify(entry)}`);
    const rawPath = goJsonField(entry, 'path');
    const path = typeof rawPath === 'string' ? rawPath : '';
    const targets = goJsonField(entry, 'targets');
    if (path !== '' && (goJsonField(entry, 'source') !== undefined || (Array.isArray(targets) && targets.length > 0))) {
      throw new Error('cannot specify both path and inline replacement');
    }
    if (path === '') {
      replacements.push(readReplacement(entry));
      continue;
    }
    const [content = null] = parseYamlDocuments(Buffer.from(loader.load(path)).toString('utf8'), path);
    if (Array.isArray(content)) replacements.push(...content.map((r) => readReplacement(isJsonObject(r) ? r : {})));
    else if (isJsonObject(content)) replacements.push(readReplacement(content));
    else throw new Error(`unsupported replacement type encountered within replacement path: ${content === null ? 'invalid' : typeof content}`);
  }
  const untyped = new UntypedScalars();
  const touched = new Set<Resource>();
  for (const replacement of replacements) {
    if (replacement.source === undefined || replacement.targets === undefined) {
      throw new Error('replacements must specify a source and at least one target');
    }
    const value = sourceValue(resources, replacement.source);
    for (const target of replacement.targets) applyToTargets(resources, value, target, untyped, touched, version);
  }
  untyped.settle();
  for (const res of touched) annotationValuesAsText(res.object);
}

function sourceValue(resources: Resource[], source: NonNullable<Replacement['source']>): JsonValue {
  const matches = resources.filter((res) => idsOf(res).some((id) => isSelectedBy(id, source)));
  if (matches.length > 1) throw new Error(`multiple matches for selector ${describeSelector(source)}`);
  const [match] = matches;
  if (match === undefined) throw new Error(`nothing selected by ${describeSelector(source)}`);
  const fieldPath = source.fieldPath === '' ? 'metadata.name' : source.fieldPath;
  let value: JsonValue | undefined;
  try {
    value = lookupField(match.object, splitFieldPath(fieldPath));
  } catch (err) {
    throw new Error(`error looking up replacement source: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (isNilOrEmpty(value)) throw new Error(`fieldPath \`${fieldPath}\` is missing for replacement source ${describeId(source)}`);
  const found = value as JsonValue;
  if (source.options.delimiter === '') return found;
  if (isJsonObject(found) || Array.isArray(found)) throw new Error('delimiter option can only be used with scalar nodes');
  const parts = scalarText(found).split(source.options.delimiter);
  const { index } = source.options;
  if (index >= parts.length || index < 0) throw new Error(`options.index ${index} is out of bounds for value ${scalarText(found)}`);
  return retype(found, parts[index] ?? '');
}

function applyToTargets(
  resources: Resource[],
  value: JsonValue,
  target: NonNullable<Replacement['targets']>[number],
  untyped: UntypedScalars,
  touched: Set<Resource>,
  version: KustomizeVersion,
): void {
  const selects = version === 'v5.8.1' ? isMatchedBy : isSelectedBy;
  const select = target.select;
  if (select === undefined) throw new Error('target must specify resources to select');
  const fieldPaths = target.fieldPaths.length > 0 ? target.fieldPaths : ['metadata.name'];
  for (const res of resources) {
    if (!matchesLabelsAndAnnotations(res.object, select)) continue;
    if (target.reject.some((r) => (r.labelSelector !== '' || r.annotationSelector !== '') && matchesLabelsAndAnnotations(res.object, r))) continue;
    const ids = idsOf(res);
    const rejected = target.reject.some((r) => !isEmptyId(r) && ids.some((id) => selects(id, r)));
    if (rejected || !ids.some((id) => selects(id, select))) continue;
    for (const fieldPath of fieldPaths) copyToField(res, value, fieldPath, target.options, untyped);
    touched.add(res);
  }
}

function copyToField(res: Resource, value: JsonValue, fieldPath: string, options: FieldOptions, untyped: UntypedScalars): void {
  const create: CreateKind = options.create ? (isJsonObject(value) ? 'map' : Array.isArray(value) ? 'list' : 'scalar') : undefined;
  const failure = options.create
    ? `unable to find or create field "${fieldPath}" in replacement target`
    : `unable to find field "${fieldPath}" in replacement target`;
  const root: Slot = { holder: undefined, key: '', get: () => res.object, set: (v) => void (res.object = v as JsonObject) };
  let slots: Slot[];
  try {
    slots = matchFields(root, splitFieldPath(fieldPath), create, untyped);
  } catch (err) {
    throw new Error(`${failure}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (slots.length === 0) throw new Error(failure);
  for (const slot of slots) setField(slot, value, options, untyped);
}

/**
 * kustomize copies only the text into a scalar target, which keeps its own type; a collection target
 * is replaced by a copy of the value.
 */
function setField(slot: Slot, value: JsonValue, options: FieldOptions, untyped: UntypedScalars): void {
  const current = slot.get();
  const isScalar = !isJsonObject(current) && !Array.isArray(current);
  let text = scalarText(value);
  if (options.delimiter !== '') {
    if (!isScalar) throw new Error('delimiter option can only be used with scalar nodes');
    const parts = scalarText(current).split(options.delimiter);
    if (options.index < 0) parts.unshift(text);
    else if (options.index >= parts.length) parts.push(text);
    else parts[options.index] = text;
    text = parts.join(options.delimiter);
  } else if (!isScalar) {
    slot.set(cloneJson(value));
    return;
  }
  if (!isScalar) return;
  slot.set(untyped.has(slot) ? text : retype(current, text));
}

/**
 * The value a target of the same type as `like` holds after its text became `text`. kustomize keeps the
 * target's YAML tag, so text that does not read as that type fails when the object is decoded.
 */
function retype(like: JsonValue, text: string): JsonValue {
  if (typeof like === 'string') return text;
  const resolved = resolvePlainV3(text);
  const wanted = like === null ? 'null' : typeof like === 'boolean' ? 'bool' : typeof like === 'bigint' || Number.isInteger(like) ? 'int' : 'float';
  const fits = resolved.tag === wanted || (wanted === 'float' && resolved.tag === 'int');
  if (!fits) throw new Error(`map[string]interface {}(nil): yaml: cannot decode !!${resolved.tag} \`${text}\` as a !!${wanted}`);
  if (wanted === 'null') return null;
  return wanted === 'float' ? Number(resolved.value) : (resolved.value as JsonValue);
}

// ---------------------------------------------------------------------------------------------

function idsOf(res: Resource): ResId[] {
  return [currentId(res), ...res.previousIds];
}

/** kyaml's ResId.IsSelectedBy: exact name, effective namespace and group/version/kind when set. */
function isSelectedBy(id: ResId, selector: IdSelector): boolean {
  if (selector.name !== '' && selector.name !== id.name) return false;
  if (selector.namespace !== '' && effectiveNamespace({ ...id, namespace: selector.namespace, kind: selector.kind }) !== effectiveNamespace(id)) return false;
  if (selector.group !== '' && selector.group !== id.group) return false;
  if (selector.version !== '' && selector.version !== id.version) return false;
  if (selector.kind !== '' && selector.kind !== id.kind) return false;
  return true;
}

/** kustomize v5.8's target selection: every id field an anchored regular expression, the namespace as written. */
function isMatchedBy(id: ResId, selector: IdSelector): boolean {
  const fields = ['group', 'version', 'kind', 'name', 'namespace'] as const;
  return fields.every((f) => selector[f] === '' || new RegExp(`^(?:${selector[f]})$`, 'u').test(id[f]));
}

function isEmptyId(s: IdSelector): boolean {
  return s.group === '' && s.version === '' && s.kind === '' && s.name === '' && s.namespace === '';
}

function matchesLabelsAndAnnotations(object: JsonObject, selector: Selector): boolean {
  const metadata = isJsonObject(object['metadata']) ? object['metadata'] : {};
  const asMap = (v: JsonValue | undefined): Map<string, string> =>
    new Map(isJsonObject(v) ? Object.entries(v).map(([k, x]) => [k, scalarText(x)]) : []);
  if (selector.annotationSelector !== '' && !parseLabelSelector(selector.annotationSelector)(asMap(metadata['annotations']))) return false;
  if (selector.labelSelector !== '' && !parseLabelSelector(selector.labelSelector)(asMap(metadata['labels']))) return false;
  return true;
}

function isNilOrEmpty(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

function readReplacement(entry: JsonObject): Replacement {
  const rawSource = goJsonField(entry, 'source');
  const source = isJsonObject(rawSource)
    ? { ...readId(rawSource), fieldPath: text(rawSource, 'fieldPath'), options: readOptions(goJsonField(rawSource, 'options')) }
    : undefined;
  const rawTargets = goJsonField(entry, 'targets');
  const targets = Array.isArray(rawTargets)
    ? rawTargets.map((t) => {
        const target = isJsonObject(t) ? t : {};
        const select = goJsonField(target, 'select');
        const reject = goJsonField(target, 'reject');
        const fieldPaths = goJsonField(target, 'fieldPaths');
        return {
          select: isJsonObject(select) ? readSelector(select) : undefined,
          reject: Array.isArray(reject) ? reject.map((r) => readSelector(isJsonObject(r) ? r : {})) : [],
          fieldPaths: Array.isArray(fieldPaths) ? fieldPaths.map((p) => scalarText(p)) : [],
          options: readOptions(goJsonField(target, 'options')),
        };
      })
    : undefined;
  return { source, targets };
}

function readId(o: JsonObject): IdSelector {
  return { group: text(o, 'group'), version: text(o, 'version'), kind: text(o, 'kind'), name: text(o, 'name'), namespace: text(o, 'namespace') };
}

function readSelector(o: JsonObject): Selector {
  return { ...readId(o), labelSelector: text(o, 'labelSelector'), annotationSelector: text(o, 'annotationSelector') };
}

function readOptions(value: JsonValue | undefined): FieldOptions {
  const o = isJsonObject(value) ? value : {};
  const index = goJsonField(o, 'index');
  return { delimiter: text(o, 'delimiter'), index: typeof index === 'number' ? index : 0, create: goJsonField(o, 'create') === true };
}

function text(o: JsonObject, key: string): string {
  const v = goJsonField(o, key);
  return v === undefined || v === null ? '' : scalarText(v);
}

/** ResId as kustomize prints it in these messages. */
function describeId(id: IdSelector): string {
  const or = (v: string, missing: string): string => (v === '' ? missing : v);
  return `${or(id.kind, '[noKind]')}.${or(id.version, '[noVer]')}.${or(id.group, '[noGrp]')}/${or(id.name, '[noName]')}.${or(id.namespace, '[noNs]')}`;
}

function describeSelector(source: NonNullable<Replacement['source']>): string {
  return [describeId(source), source.fieldPath].filter((s) => s !== '').join(':');
}
