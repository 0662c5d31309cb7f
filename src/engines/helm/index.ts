// The Helm engine: chart loading, values, rendering and `helm template` output, without a cluster.
export { loadChart, loadChartDir, loadChartArchive, loadChartFiles, readChartArchive } from './chart-loader.ts';
export { ChartLoadError, chartFullPath, type Chart, type ChartFile, type ChartMetadata } from './chart.ts';
export { mergeUserValues, UserValuesError, type UserValueOptions } from './user-values.ts';
export { coalesceValues, type Values } from './coalesce.ts';
export { renderRelease, formatTemplateOutput, TemplateCommandError, type TemplateOptions, type RenderedRelease } from './template.ts';
export { renderChartTemplates, RenderError } from './render.ts';
export { SchemaValidationError, validateValuesAgainstSchemas } from './schema.ts';
export { ManifestError, type Hook, type Manifest } from './manifests.ts';
export { marshalGoYaml } from './go-yaml-encode.ts';
export { unmarshalGoYaml } from './go-yaml-decode.ts';
export type { LookupFunction } from './functions.ts';
export { parseKubeVersion } from './capabilities.ts';
