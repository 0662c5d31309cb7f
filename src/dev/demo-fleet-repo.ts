// The sample fleet repository the demo serves: namespaces first, a SOPS-encrypted Secret, and an app
// with a base and an overlay, wired as a dependsOn chain (infrastructure → secrets → apps).

/** Files of the repository; `secrets/db.yaml` is written encrypted by the demo. */
export const fleetFiles: Record<string, string> = {
  'README.md': '# Sample fleet served by the tsflux demo\n\nEdit, commit and push: tsflux applies what Git says.\n',
  'infrastructure/namespaces.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: apps
---
apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
`,
  'infrastructure/limits.yaml': `apiVersion: v1
kind: ResourceQuota
metadata:
  name: apps-quota
  namespace: apps
spec:
  hard:
    pods: "20"
`,
  'apps/base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
`,
  'apps/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: ghcr.io/stefanprodan/podinfo:6.7.0
          env:
            - name: PODINFO_UI_MESSAGE
              value: "\${greeting} from \${cluster_name}"
          ports:
            - containerPort: 9898
`,
  'apps/base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 9898
`,
  'apps/demo/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: apps
resources:
  - ../base
patches:
  - target:
      kind: Deployment
      name: web
    patch: |
      - op: replace
        path: /spec/replicas
        value: 2
configMapGenerator:
  - name: web-settings
    literals:
      - LOG_LEVEL=info
`,
};

/** The Secret `secrets/db.yaml` holds once decrypted. */
export const databaseSecret = `apiVersion: v1
kind: Secret
metadata:
  name: database
  namespace: apps
type: Opaque
stringData:
  password: correct-horse-battery-staple
`;
