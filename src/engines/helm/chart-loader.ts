// Loads a chart as Helm's pkg/chart/loader does: from a folder (honouring .helmignore), from a .tgz
// (one top folder, no path escaping it) or from a list of files; sorts each file into metadata, values,
// schema, templates, subcharts (folders or archives under charts/) and plain files.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { parseChartMetadata, validateChartMetadata, ChartLoadError, type Chart, type ChartFile } from './chart.ts';
import { getKey, setKey } from '../sprig/index.ts';
import { isTable, type HelmFlavor } from './coalesce.ts';
import { unmarshalGoYaml } from './go-yaml-decode.ts';
import { isIgnored, parseHelmIgnore } from './helmignore.ts';

export const MAX_DECOMPRESSED_FILE_SIZE = 100 * 1024 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

function stripBom(data: Uint8Array): Uint8Array {
  return data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2] ? data.subarray(3) : data;
}

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

/** A chart folder or a chart archive (by its extension or content). */
export interface LoadOptions {
  /** v4 reads every document of values.yaml and merges them. */
  flavor?: HelmFlavor;
}

export async function loadChart(path: string, options: LoadOptions = {}): Promise<Chart> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) throw new ChartLoadError(`path "${path}" not found`);
  if (info.isDirectory()) return loadChartDir(path, options);
  const data = await readFile(path);
  ensureArchive(path, data);
  return loadChartArchive(data, options);
}

/**
 * ensureArchive: a chart file must be gzip. Helm names what it got with http.DetectContentType of the
 * first 512 bytes, zero-padded (so a short file reads as binary); only its common answers are modelled.
 */
function ensureArchive(path: string, data: Uint8Array): void {
  if (data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08) return;
  if (path.endsWith('.yml') || path.endsWith('.yaml')) throw new ChartLoadError(`file '${path}' seems to be a YAML file, but expected a gzipped archive`);
  const head = Buffer.alloc(512);
  head.set(data.subarray(0, 512));
  const binary = head.some((b) => b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f));
  let type = binary ? 'application/octet-stream' : 'text/plain; charset=utf-8';
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) type = 'application/zip';
  throw new ChartLoadError(`file '${path}' does not appear to be a gzipped archive; got '${type}'`);
}

export async function loadChartDir(dir: string, options: LoadOptions = {}): Promise<Chart> {
  // Helm 4 reads Chart.yaml first, to learn the chart's API version, and names the file it missed.
  const chartYaml = join(dir, 'Chart.yaml');
  if (options.flavor === 'v4' && !(await lstat(chartYaml).catch(() => undefined))) {
    throw new ChartLoadError(`unable to detect chart at ${chartYaml}: open ${chartYaml}: no such file or directory`);
  }
  const ignoreText = await readFile(join(dir, '.helmignore'), 'utf8').catch(() => '');
  const rules = parseHelmIgnore(ignoreText);
  const files: ChartFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(join(dir, rel))).sort();
    for (const name of entries) {
      const relPath = rel ? `${rel}/${name}` : name;
      const full = join(dir, relPath);
      const st = await lstat(full);
      const isDir = st.isDirectory() || (st.isSymbolicLink() && (await lstat(full).then((s) => s.isDirectory())));
      if (isIgnored(rules, relPath, isDir)) continue;
      if (isDir) {
        await walk(relPath);
        continue;
      }
      if (!st.isFile()) throw new ChartLoadError(`cannot load irregular file ${full} as it has file mode type bits set`);
      if (st.size > MAX_DECOMPRESSED_FILE_SIZE) throw new ChartLoadError(`chart file "${name}" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`);
      files.push({ name: relPath, data: stripBom(await readFile(full)) });
    }
  };
  await walk('');
  return loadChartFiles(files, options);
}

/** The files of a chart archive, with the top folder removed (LoadArchiveFiles). */
export async function readChartArchive(archive: Uint8Array): Promise<ChartFile[]> {
  let tarBytes: Buffer;
  try {
    tarBytes = gunzipSync(archive);
  } catch (err) {
    // compress/gzip's words for a cut archive and for one that is not gzip at all.
    throw new ChartLoadError(/unexpected end of file/.test((err as Error).message) ? 'unexpected EOF' : 'gzip: invalid header');
  }
  const files: ChartFile[] = [];
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
      stream.on('end', () => {
        try {
          if (header.type === 'file' || header.type === 'contiguous-file') addArchiveEntry(files, header.name, Buffer.concat(chunks));
          next();
        } catch (err) {
          reject(err as Error);
        }
      });
      stream.on('error', reject);
    });
    ex.on('finish', resolve);
    ex.on('error', (err: Error) => reject(new ChartLoadError(`reading chart archive: ${err.message}`)));
  });
  Readable.from([tarBytes]).pipe(ex);
  await done;
  if (files.length === 0) throw new ChartLoadError('no files in chart archive');
  return files;
}

function addArchiveEntry(files: ChartFile[], headerName: string, data: Buffer): void {
  const parts = headerName.replaceAll('\\', '/').split('/');
  if (parts.length > 1 && parts[0] === '' ) parts.shift();
  const name = cleanPath(parts.slice(1).join('/'));
  if (parts[0] === 'Chart.yaml') throw new ChartLoadError('chart yaml not in base directory');
  if (name === '' || name === '.') return;
  if (name.startsWith('../') || name === '..' || name.startsWith('/')) throw new ChartLoadError('chart illegally contains content outside the base directory');
  if (data.length > MAX_DECOMPRESSED_FILE_SIZE) throw new ChartLoadError(`decompressed chart file "${name}" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`);
  files.push({ name, data: stripBom(data) });
}

/** path.Clean for slash paths. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export async function loadChartArchive(archive: Uint8Array, options: LoadOptions = {}): Promise<Chart> {
  return loadChartFiles(await readChartArchive(archive), options);
}

/** LoadFiles: builds a chart (and its subcharts) from chart-relative files. */
export async function loadChartFiles(files: ChartFile[], options: LoadOptions = {}): Promise<Chart> {
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  let metadata = chartYaml ? parseChartMetadata(text(chartYaml.data)) : undefined;
  if (metadata && metadata.APIVersion === '') metadata.APIVersion = 'v1';
  const chart: Chart = { metadata: metadata!, values: {}, templates: [], files: [], dependencies: [] };
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    if (f.name === 'Chart.yaml' || f.name === 'Chart.lock') continue;
    if (f.name === 'values.yaml') {
      chart.values = options.flavor === 'v4' ? parseValuesDocuments(text(f.data), 'cannot load values.yaml') : parseValuesYaml(f.data, 'cannot load values.yaml');
    } else if (f.name === 'values.schema.json') {
      chart.schema = f.data;
    } else if (f.name === 'requirements.yaml') {
      metadata = parseChartMetadata(text(f.data), metadata);
      chart.metadata = metadata;
      if (metadata.APIVersion === 'v1') chart.files.push(f);
    } else if (f.name === 'requirements.lock') {
      if (metadata?.APIVersion === 'v1') chart.files.push(f);
    } else if (f.name.startsWith('templates/')) {
      chart.templates.push(f);
    } else if (f.name.startsWith('charts/')) {
      if (f.name.endsWith('.prov')) {
        chart.files.push(f);
        continue;
      }
      const rest = f.name.slice('charts/'.length);
      const sub = rest.split('/')[0]!;
      const list = subcharts.get(sub) ?? [];
      list.push({ name: rest, data: f.data });
      subcharts.set(sub, list);
    } else {
      chart.files.push(f);
    }
  }
  if (!metadata) throw new ChartLoadError('Chart.yaml file is missing');
  validateChartMetadata(metadata);
  for (const [name, subFiles] of [...subcharts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    let sub: Chart;
    try {
      if (name.endsWith('.tgz')) {
        const file = subFiles[0]!;
        if (file.name !== name) throw new ChartLoadError(`error unpacking subchart tar in ${metadata.Name}: expected ${name}, got ${file.name}`);
        sub = await loadChartArchive(file.data, options);
      } else {
        const inner = subFiles.filter((f) => f.name.includes('/')).map((f) => ({ name: f.name.slice(f.name.indexOf('/') + 1), data: f.data }));
        sub = await loadChartFiles(inner, options);
      }
    } catch (err) {
      throw new ChartLoadError(`error unpacking subchart ${name} in ${metadata.Name}: ${(err as Error).message}`);
    }
    sub.parent = chart;
    chart.dependencies.push(sub);
  }
  return chart;
}

/** A values document as Helm reads it (chartutil.ReadValues): an empty document is an empty map. */
export function parseValuesYaml(data: Uint8Array | string, context: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = unmarshalGoYaml(typeof data === 'string' ? data : text(data));
  } catch (err) {
    throw new ChartLoadError(`${context}: error converting YAML to JSON: ${(err as Error).message}`);
  }
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new ChartLoadError(`${context}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}`);
  }
  return v as Record<string, unknown>;
}

/** loader.MergeMaps: b's values win; maps on both sides merge recursively. */
export function mergeMaps(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = getKey(out, k);
    setKey(out, k, isTable(v) && isTable(prev) ? mergeMaps(prev, v) : v);
  }
  return out;
}

/**
 * Helm v4's LoadValues: the stream cut into documents as Kubernetes' YAMLReader cuts it (at lines
 * starting with `---`, which may be followed only by a comment), each read as a values map, all merged.
 */
export function parseValuesDocuments(source: string, context: string): Record<string, unknown> {
  const docs: string[] = [];
  let current = '';
  for (const line of source.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) throw new ChartLoadError(`${context}: error reading yaml document: invalid Yaml document separator: ${rest}`);
      if (current !== '') docs.push(current);
      current = '';
      continue;
    }
    current += line;
  }
  if (current !== '') docs.push(current);
  return docs.reduce((acc, d) => mergeMaps(acc, parseValuesYaml(d, `${context}: cannot unmarshal yaml document`)), {} as Record<string, unknown>);
}
