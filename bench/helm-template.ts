// `npm run bench -- helm-template`: renders a large generated chart (60 templates and a subchart, helpers
// that include each other five levels deep, toYaml/tpl/range-heavy values) with our engine in-process
// and with the reference `helm template` binary, and prints both times and their ratio. The chart has a
// values.schema.json that our validator leaves to Ajv (unevaluatedProperties) and its subchart one that
// it models; the schema-validation figure is the time one render spends on them.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { coalesceValues, formatTemplateOutput, loadChart, renderRelease, validateValuesAgainstSchemas } from '../src/engines/helm/index.ts';
import { ensureHelmBinary } from '../test/differential/helm-binary.ts';

const TEMPLATES = 60;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 10);

const helpers = `
{{- define "big.name" -}}{{ default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "big.fullname" -}}{{ printf "%s-%s" .Release.Name (include "big.name" .) | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "big.selector" -}}
app.kubernetes.io/name: {{ include "big.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
{{- define "big.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "big.selector" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}
{{- define "big.container" -}}
- name: {{ .name }}
  image: {{ printf "%s:%s" .root.Values.image.repository (.root.Values.image.tag | default .root.Chart.AppVersion) }}
  env:
  {{- range $k, $v := .root.Values.env }}
  - name: {{ $k | upper }}
    value: {{ tpl (toString $v) $.root | quote }}
  {{- end }}
  resources:
    {{- toYaml .root.Values.resources | nindent 4 }}
{{- end }}
{{- define "big.podSpec" -}}
containers:
{{- range $i := until 3 }}
{{ include "big.container" (dict "name" (printf "c%d" $i) "root" $.root) }}
{{- end }}
{{- end }}
`;

function template(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "big.fullname" . }}-${i}
  labels:
    {{- include "big.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      {{- include "big.selector" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "big.labels" . | nindent 8 }}
    spec:
      {{- include "big.podSpec" (dict "root" .) | nindent 6 }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "big.fullname" . }}-config-${i}
data:
  settings.json: {{ toJson .Values.settings | quote }}
  settings.yaml: |
    {{- toYaml .Values.settings | nindent 4 }}
`;
}

/** A realistic values schema; `closed` adds unevaluatedProperties, which only Ajv checks for us. */
function schema(closed: boolean): Record<string, unknown> {
  const setting = { type: 'object', properties: { enabled: { type: 'boolean' }, weight: { type: 'integer', minimum: 0 }, name: { type: 'string', minLength: 1 }, tags: { type: 'array', items: { enum: ['a', 'b', 'c'] }, uniqueItems: true } }, required: ['enabled'] };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['replicas', 'image'],
    $defs: { quantities: { type: 'object', properties: { cpu: { type: 'string', pattern: '^[0-9.]+m?$' }, memory: { type: 'string', pattern: '^[0-9]+(Mi|Gi)$' } } }, setting },
    properties: {
      replicas: { type: 'integer', minimum: 1 },
      image: { type: 'object', properties: { repository: { type: 'string', minLength: 1 }, tag: { type: 'string' } }, required: ['repository'] },
      commonLabels: { type: 'object', additionalProperties: { type: 'string' } },
      env: { type: 'object' },
      resources: { type: 'object', properties: { limits: { $ref: '#/$defs/quantities' }, requests: { $ref: '#/$defs/quantities' } } },
      settings: { type: 'object', patternProperties: { '^key[0-9]+$': { $ref: '#/$defs/setting' } } },
      global: { type: 'object' },
      sub: { type: 'object' },
    },
    ...(closed ? { unevaluatedProperties: false } : {}),
  };
}

async function writeChart(dir: string): Promise<void> {
  const files: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v2\nname: big\nversion: 1.0.0\nappVersion: "2.3.4"\ndependencies:\n  - name: sub\n    version: 1.0.0\n',
    'values.yaml': [
      'replicas: 3',
      'image: {repository: registry.example.com/app, tag: ""}',
      'commonLabels: {team: platform, tier: backend}',
      'env: {log_level: info, release: "{{ .Release.Name }}", port: 8080}',
      'resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 100m, memory: 128Mi}}',
      'settings:',
      ...Array.from({ length: 30 }, (_, i) => `  key${i}: {enabled: true, weight: ${i}, name: "setting number ${i}", tags: [a, b, c]}`),
      '',
    ].join('\n'),
    'templates/_helpers.tpl': helpers,
    'values.schema.json': JSON.stringify(schema(true)),
    'charts/sub/values.schema.json': JSON.stringify(schema(false)),
    'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
    'charts/sub/templates/_helpers.tpl': helpers.replaceAll('big.', 'sub.'),
    'charts/sub/values.yaml': 'replicas: 1\nimage: {repository: sub, tag: "1"}\nenv: {a: b}\nresources: {}\nsettings: {x: 1}\n',
  };
  for (let i = 0; i < TEMPLATES; i++) files[`templates/app-${String(i).padStart(2, '0')}.yaml`] = template(i);
  for (let i = 0; i < 5; i++) files[`charts/sub/templates/sub-${i}.yaml`] = template(i).replaceAll('big.', 'sub.');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function runHelm(helm: string, chart: string): Promise<{ ms: number; out: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(helm, ['template', 'bench', chart], { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, KUBECONFIG: '/nonexistent' } }, (err, out) => {
      if (err) reject(err);
      else resolve({ ms: performance.now() - start, out });
    });
  });
}

const work = await mkdtemp(join(tmpdir(), 'tsflux-bench-helm-'));
try {
  const chartDir = join(work, 'big');
  await writeChart(chartDir);
  const helm = await ensureHelmBinary('v3');

  const ours: number[] = [];
  let ourOut = '';
  for (let i = 0; i < ITERATIONS + 1; i++) {
    const start = performance.now();
    const chart = await loadChart(chartDir);
    ourOut = formatTemplateOutput(renderRelease(chart, {}, { releaseName: 'bench' }));
    if (i > 0) ours.push(performance.now() - start); // the first run warms the JIT
  }
  // The validation step of a render, on a freshly loaded chart each time as a controller reconcile has.
  const validation: number[] = [];
  for (let i = 0; i < ITERATIONS + 1; i++) {
    const chart = await loadChart(chartDir);
    const values = coalesceValues(chart, {});
    const start = performance.now();
    validateValuesAgainstSchemas(chart, values);
    if (i > 0) validation.push(performance.now() - start);
  }
  const theirs: number[] = [];
  let helmOut = '';
  for (let i = 0; i < ITERATIONS; i++) {
    const r = await runHelm(helm, chartDir);
    theirs.push(r.ms);
    helmOut = r.out;
  }
  const o = median(ours);
  const h = median(theirs);
  console.log(`helm-template benchmark: ${TEMPLATES + 5} templates, ${(ourOut.length / 1024).toFixed(0)} KiB of output, median of ${ITERATIONS} runs`);
  console.log(`  tsflux (in-process, load + render + format): ${o.toFixed(1)} ms`);
  console.log(`  of which values.schema.json validation: ${median(validation).toFixed(2)} ms`);
  console.log(`  helm v3 template (process, includes startup): ${h.toFixed(1)} ms`);
  console.log(`  ratio tsflux/helm: ${(o / h).toFixed(2)}`);
  console.log(`  outputs identical: ${ourOut === helmOut ? 'yes' : 'NO'}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
