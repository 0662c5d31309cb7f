// Changing a resource's id (name, namespace) while remembering the old one, which nameReference
// later uses to find and rewrite the references to it.
import type { Resource } from '../resource.ts';
import { resIdOf } from '../resource.ts';

export function rememberCurrentId(res: Resource): void {
  const id = resIdOf(res.object);
  const last = res.previousIds[res.previousIds.length - 1];
  if (last && last.name === id.name && last.namespace === id.namespace && last.kind === id.kind && last.group === id.group) return;
  res.previousIds.push(id);
}
