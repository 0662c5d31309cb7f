// The error every kustomize build failure is reported with. Messages name the file or kustomization
// and the problem; callers add context as the error travels up through nested kustomizations.
export class KustomizeError extends Error {}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Rethrows `err` with `context` in front, keeping the original as the cause. */
export function wrapError(context: string, err: unknown): KustomizeError {
  return new KustomizeError(`${context}: ${errorMessage(err)}`, { cause: err });
}
