// Reading status fields the way kstatus does: a missing or mistyped field yields the default.
import type { ObservedObject, StatusCondition } from './types.ts';

export function field(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function intField(obj: unknown, path: string, fallback: number): number {
  const v = field(obj, path);
  return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
}

export function stringField(obj: unknown, path: string, fallback: string): string {
  const v = field(obj, path);
  return typeof v === 'string' ? v : fallback;
}

export function conditions(obj: ObservedObject): StatusCondition[] {
  const list = obj.status?.conditions;
  if (!Array.isArray(list)) return [];
  return list.filter((c): c is StatusCondition => typeof c === 'object' && c !== null && typeof (c as StatusCondition).type === 'string');
}

export function findCondition(obj: ObservedObject, type: string): StatusCondition | undefined {
  return conditions(obj).find((c) => c.type === type);
}
