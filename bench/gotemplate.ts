// `npm run bench -- gotemplate`: parse + execute a chart-like template (defines, ranges, Sprig
// pipelines) N times in-process, beside Go text/template + Sprig doing the same in the oracle.
import { performance } from 'node:perf_hooks';
import { TemplateSet } from '../src/engines/gotemplate/index.ts';
import { sprigFuncs } from '../src/engines/sprig/index.ts';
import { runOracle } from '../test/differential/gotemplate-oracle.ts';

const template = `{{- define "fullname" -}}{{ printf "%s-%s" .name "chart" | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "labels" -}}
app.kubernetes.io/name: {{ .name | quote }}
{{- range $k, $v := .labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ template "fullname" . }}
  labels:
    {{- template "labels" . }}
spec:
  replicas: {{ .replicas | default 1 }}
  template:
    spec:
      containers:
{{- range $i, $c := .containers }}
        - name: {{ $c.name }}
          image: "{{ $c.image }}:{{ $c.tag | default "latest" }}"
          env:
{{- range $k, $v := $c.env }}
            - name: {{ $k | upper }}
              value: {{ $v | toString | quote }}
{{- end }}
          resources: {{ toJson $c.resources }}
{{- end }}
`;

const data = {
  name: 'web', replicas: 3, labels: { a: '1', b: '2', c: '3', tier: 'frontend' },
  containers: Array.from({ length: 8 }, (_, i) => ({
    name: `c${i}`, image: 'nginx', tag: '1.25', env: { A: 1, B: 'x', C: true, D: 2.5, E: 'long value here' },
    resources: { limits: { cpu: '100m', memory: '128Mi' } },
  })),
};

const N = 2000;
const funcs = sprigFuncs();
const t0 = performance.now();
let bytes = 0;
for (let i = 0; i < N; i++) {
  const set = new TemplateSet().funcs(funcs).parse('deployment.yaml', template);
  bytes += set.execute('deployment.yaml', data).length;
}
const ours = performance.now() - t0;

const cases = Array.from({ length: N }, (_, i) => ({ name: `c${i}`, template, data }));
const t1 = performance.now();
runOracle(cases);
const go = performance.now() - t1;

console.log(`gotemplate: ${N} parse+execute of a ${template.length}-byte template (${bytes / N} bytes out each)`);
console.log(`  tsflux in-process: ${ours.toFixed(0)} ms (${((ours * 1000) / N).toFixed(0)} µs each)`);
console.log(`  Go text/template + Sprig (one oracle process, incl. JSON I/O and startup): ${go.toFixed(0)} ms`);
console.log(`  ratio tsflux/Go: ${(ours / go).toFixed(2)}`);
