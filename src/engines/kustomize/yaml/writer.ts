// Prints resources the way `kustomize build` does: each object goes through encoding/json and then
// go-yaml v2's Marshal, so keys come out in v2's "natural" order, sequences inside mappings are not
// indented, empty collections are `{}` / `[]`, and scalars follow v2's quoting rules.

import type { JsonObject, JsonValue } from '../resource.ts';
import { formatNumber } from './go-number.ts';
import { readBackKey, readBackString } from '../../yaml/json-read-back.ts';
import { compareKeysV2 } from '../../yaml/key-order.ts';
import { Output } from './output.ts';

function isCollection(v: JsonValue): v is JsonValue[] | JsonObject {
  return typeof v === 'object' && v !== null;
}

function isEmptyCollection(v: JsonValue[] | JsonObject): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** libyaml's simple-key test for a string key: at most 128 bytes and on one line. */
function isSimpleKey(key: string): boolean {
  return Buffer.byteLength(key, 'utf8') <= 128 && !/[\n\r\u0085\u2028\u2029]/.test(key);
}

class DocumentWriter {
  readonly out = new Output();

  scalar(v: JsonValue, indent: number): void {
    if (v === null) this.out.write('null');
    else if (typeof v === 'boolean') this.out.write(v ? 'true' : 'false');
    else if (typeof v === 'number' || typeof v === 'bigint') this.out.write(formatNumber(v));
    else if (typeof v === 'string') {
      this.out.writeString(readBackString(v), indent, false);
    }
  }

  /** Writes a value placed after "key:" or "-": inline scalars and empty collections, nested blocks below. */
  value(v: JsonValue, indent: number, inSequence: boolean): void {
    if (!isCollection(v) || isEmptyCollection(v)) {
      this.out.write(' ');
      if (isCollection(v)) this.out.write(Array.isArray(v) ? '[]' : '{}');
      else this.scalar(v, indent + 2);
      return;
    }
    if (inSequence) {
      // A collection inside a sequence item starts on the dash's line.
      this.out.write(' ');
      if (Array.isArray(v)) this.sequence(v, indent + 2, true);
      else this.mapping(v, indent + 2, true);
      return;
    }
    if (Array.isArray(v)) this.sequence(v, indent, false);
    else this.mapping(v, indent + 2, false);
  }

  mapping(obj: JsonObject, indent: number, inline: boolean): void {
    const keys = Object.keys(obj).sort(compareKeysV2);
    keys.forEach((key, i) => {
      readBackKey(key);
      if (i > 0 || !inline) this.out.startLine(indent);
      const simple = isSimpleKey(key);
      if (simple) this.out.writeString(key, indent, true);
      else {
        // go-yaml writes long or multi-line keys in the explicit "? key / : value" form.
        this.out.write('? ');
        this.out.writeString(key, indent + 2, false);
        this.out.startLine(indent);
      }
      this.out.write(':');
      // After an explicit "? key", a collection value starts on the ":" line, as in a sequence item.
      this.value(obj[key], indent, !simple);
    });
  }

  sequence(items: JsonValue[], indent: number, inline: boolean): void {
    items.forEach((item, i) => {
      if (i > 0 || !inline) this.out.startLine(indent);
      this.out.write('-');
      this.value(item, indent, true);
    });
  }
}

/** One YAML document for one object, ending with a newline. (kustomize prints each resource on its own, so no "..." markers.) */
export function renderDocument(obj: JsonObject): string {
  const w = new DocumentWriter();
  if (Object.keys(obj).length === 0) w.out.write('{}');
  else w.mapping(obj, 0, true);
  w.out.startLine(0);
  return w.out.text();
}

/** The whole output of `kustomize build`: documents separated by "---". */
export function renderYaml(objects: JsonObject[]): string {
  return objects.map(renderDocument).join('---\n');
}
