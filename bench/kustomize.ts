// Benchmark: build time of a 1000-resource overlay (patches, generators, prefixes, labels, images)
// with our kustomize engine in-process, beside `kubectl kustomize` (kustomize v5.5.0) on the same tree.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKustomization, diskFileSystem, renderYaml } from '../src/engines/kustomize/index.ts';

const KUBECTL = '/usr/bin/kubectl';
const APPS = 250; // each app: Deployment, Service, ConfigMap, ServiceAccount = 1000 resources

function writeTree(root: string): void {
  const base = join(root, 'base');
  const overlay = join(root, 'overlay');
  mkdirSync(base, { recursive: true });
  mkdirSync(overlay, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < APPS; i++) {
    const name = `app${i}`;
    const docs = [
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels:\n    app: ${name}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n      - name: main\n        image: nginx:1.25\n        envFrom:\n        - configMapRef:\n            name: ${name}-config\n        - configMapRef:\n            name: shared\n        ports:\n        - containerPort: 8080\n        resources:\n          limits:\n            cpu: 100m\n            memory: 128Mi\n`,
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n    targetPort: 8080\n`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\ndata:\n  INDEX: "${i}"\n  MODE: "on"\n  RATIO: "1.0"\n`,
      `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`,
    ];
    const file = `${name}.yaml`;
    writeFileSync(join(base, file), docs.join('---\n'));
    files.push(file);
  }
  writeFileSync(join(base, 'kustomization.yaml'), `resources:\n${files.map((f) => `- ${f}`).join('\n')}\ncommonLabels:\n  tier: backend\n`);
  writeFileSync(join(overlay, 'shared.env'), 'LOG_LEVEL=debug\nREGION=eu-west-1\n');
  writeFileSync(
    join(overlay, 'kustomization.yaml'),
    `resources:
- ../base
namespace: production
namePrefix: prod-
nameSuffix: -v2
commonAnnotations:
  owner: platform
images:
- name: nginx
  newName: registry.example.com/nginx
  newTag: "1.27"
configMapGenerator:
- name: shared
  envs:
  - shared.env
secretGenerator:
- name: creds
  literals:
  - password=hunter2
patches:
- target:
    kind: Deployment
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 3
- target:
    kind: Deployment
    name: app1.*
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: ignored
    spec:
      template:
        spec:
          containers:
          - name: main
            env:
            - name: EXTRA
              value: "yes"
`,
  );
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const root = mkdtempSync(join(tmpdir(), 'tsflux-bench-kustomize-'));
try {
  writeTree(root);
  const overlay = join(root, 'overlay');
  // Warm up (module loading, JIT), and check both agree before timing.
  const ours = renderYaml(buildKustomization(diskFileSystem, overlay).map((r) => r.object));
  const theirs = execFileSync(KUBECTL, ['kustomize', overlay], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const resources = ours.split('\n---\n').length;
  const oursTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    renderYaml(buildKustomization(diskFileSystem, overlay).map((r) => r.object));
    oursTimes.push(performance.now() - t);
  }
  const kubectlTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    execFileSync(KUBECTL, ['kustomize', overlay], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    kubectlTimes.push(performance.now() - t);
  }
  const o = median(oursTimes);
  const k = median(kubectlTimes);
  console.log(`kustomize build of a ${resources}-resource overlay (patches, generators, prefix/suffix, namespace, labels, images)`);
  console.log(`  output identical to kubectl kustomize: ${ours === theirs ? 'yes' : 'NO'}`);
  console.log(`  tsflux (in-process, median of ${oursTimes.length}): ${o.toFixed(1)} ms`);
  console.log(`  kubectl kustomize (process, median of ${kubectlTimes.length}): ${k.toFixed(1)} ms`);
  console.log(`  ratio tsflux/kubectl: ${(o / k).toFixed(2)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
