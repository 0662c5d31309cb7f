// The resolver lives in src/engines/yaml/ (Helm's encoder uses it too); kustomize's generators and
// replacements still import it from here.
export { resolvePlainV3 } from '../../yaml/resolve.ts';
