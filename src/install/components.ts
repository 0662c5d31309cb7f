// The controllers tsflux can install, named as Flux names its Deployments, and how a component name
// maps to the `tsflux controllers --only` selector.
import type { FluxComponent } from '../api/kind.ts';

export const defaultComponents: FluxComponent[] = ['source-controller', 'kustomize-controller', 'helm-controller', 'notification-controller'];
export const extraComponents: FluxComponent[] = ['image-reflector-controller', 'image-automation-controller'];
export const knownComponents: FluxComponent[] = [...defaultComponents, ...extraComponents];

/** `source-controller` → `source`, `image-reflector-controller` → `image-reflector`. */
export function controllerSelector(component: FluxComponent): string {
  return component.replace(/-controller$/, '');
}

/** Parses a comma-separated component list, refusing names Flux does not have. */
export function parseComponents(list: string): FluxComponent[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const name of names) {
    if (!knownComponents.includes(name as FluxComponent)) {
      throw new Error(`unknown component '${name}': expected one of ${knownComponents.join(', ')}`);
    }
  }
  return names as FluxComponent[];
}
