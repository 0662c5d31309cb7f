import { isJsonObject, type JsonObject } from '../resource.ts';
import { scalarText } from '../replacements/field-path.ts';

/**
 * kustomize prints annotation values as text: it rewrites every non-empty annotations map at the end
 * of the build. Steps that can bring typed values (patches, replacements, vars) apply it to what they
 * touched, so the output matches wherever the rewrite happens.
 */
export function annotationValuesAsText(object: JsonObject): void {
  const metadata = object['metadata'];
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  if (!isJsonObject(annotations)) return;
  for (const [key, value] of Object.entries(annotations)) annotations[key] = scalarText(value);
}
