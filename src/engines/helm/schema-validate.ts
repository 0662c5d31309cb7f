// A JSON Schema validator that reports violations the way Helm's (santhosh-tekuri/jsonschema v6) does:
// the same keyword order, the same error tree (a schema with several failures groups them, `$ref`
// wraps its target's, allOf/anyOf/oneOf/contains carry their branches) and the same English messages,
// printed as Helm prints them. Go walks object properties in random map order; we walk them sorted.
// Schemas using what this does not model (remote or anchor `$ref`, unevaluated*, dynamic references)
// return undefined so the caller can fall back to a general validator.
import { sprint } from '../gotemplate/index.ts';
import { GoNumber } from '../gotemplate/values.ts';
import { checkFormat, quoteV6 as quote } from './schema-formats.ts';

interface Violation {
  loc: string[];
  msg: string;
  /** A Reference with a single cause is not printed itself (v6's skip()). */
  ref?: boolean;
  group?: boolean;
  causes: Violation[];
}

type Schema = boolean | Record<string, unknown>;

class Unsupported extends Error {}

const UNSUPPORTED_KEYWORDS = ['unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$recursiveRef'];

function draftOf(root: Schema): number {
  const dialect = typeof root === 'object' && typeof root.$schema === 'string' ? root.$schema : '';
  if (dialect.includes('draft-04')) return 4;
  if (dialect.includes('draft-06')) return 6;
  if (dialect.includes('draft-07')) return 7;
  if (dialect.includes('2019-09')) return 2019;
  return 2020;
}

function pointer(loc: string[]): string {
  return loc.map((t) => `/${t.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoNumber) && !(v instanceof Uint8Array);
}

function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof GoNumber;
}

function numberValue(v: unknown): number {
  if (v instanceof GoNumber) return Number(v.value);
  return Number(v);
}

/** The value as Go's %v prints it (float64 values print as 1e+06). */
function goText(v: unknown): string {
  return sprint(v);
}

function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (isNumber(v)) return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const SUPERSCRIPT: Record<string, string> = { '-': '\u207b', 0: '\u2070', 1: '\u00b9', 2: '\u00b2', 3: '\u00b3', 4: '\u2074', 5: '\u2075', 6: '\u2076', 7: '\u2077', 8: '\u2078', 9: '\u2079' };

/**
 * A number as v6's English message printer (golang.org/x/text/message) prints it: Go's %v choice of
 * plain or exponent form, integer digits grouped by commas, exponents as ×10 and superscripts.
 */
function localized(n: number): string {
  const text = goText(n);
  const e = text.indexOf('e');
  if (e >= 0) {
    const exp = text.slice(e + 1).replace('+', '');
    return `${text.slice(0, e)}\u00d710${[...exp].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
  }
  const [int, frac] = text.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A decimal text as an exact fraction, for multipleOf (v6 uses big.Rat). */
function toRational(text: string): { n: bigint; d: bigint } | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  let n = BigInt(`${m[1]}${m[2] || '0'}${frac}`);
  let d = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? '0');
  if (exp > 0) n *= 10n ** BigInt(exp);
  else d *= 10n ** BigInt(-exp);
  return { n, d };
}

function isIntegerValue(v: unknown): boolean {
  const r = toRational(goText(v));
  return r !== undefined && r.n % r.d === 0n;
}

function equals(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) return numberValue(a) === numberValue(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k]));
  }
  return (a ?? null) === (b ?? null);
}

/** v6's display(): strings quoted, compound values as "value", the rest with %v. */
function display(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v) || isMap(v)) return 'value';
  return v === null ? '<nil>' : goText(v);
}

const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

class Validator {
  private readonly root: Schema;
  private readonly draft: number;
  /** pattern and patternProperties apply to every matching value: each source compiles once per validation. */
  private readonly regexps = new Map<string, RegExp>();

  constructor(root: Schema) {
    this.root = root;
    this.draft = draftOf(root);
  }

  private regexp(source: string): RegExp {
    let re = this.regexps.get(source);
    if (re === undefined) {
      re = new RegExp(source, 'u');
      this.regexps.set(source, re);
    }
    return re;
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith('#')) throw new Unsupported(ref);
    let target: unknown = this.root;
    const path = ref.slice(1);
    if (path !== '' && !path.startsWith('/')) throw new Unsupported(ref);
    for (const raw of path.split('/').slice(1)) {
      const tok = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      if (target === null || typeof target !== 'object') throw new Unsupported(ref);
      target = (target as Record<string, unknown>)[tok];
    }
    if (typeof target !== 'boolean' && !isMap(target)) throw new Unsupported(ref);
    return target;
  }

  validate(s: Schema, v: unknown, loc: string[]): Violation | undefined {
    const err = (msg: string, causes: Violation[] = []): Violation => ({ loc, msg, causes });
    if (s === true) return undefined;
    if (s === false) return err('false schema');
    for (const k of UNSUPPORTED_KEYWORDS) if (k in s) throw new Unsupported(k);
    const d = this.draft;
    const t = jsonType(v);

    const types = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.filter((x) => typeof x === 'string') : [];
    if (types.length > 0) {
      const ok = types.includes(t) || (types.includes('integer') && t === 'number' && isIntegerValue(v));
      if (!ok) return err(`got ${t}, want ${TYPE_ORDER.filter((x) => types.includes(x)).join(' or ')}`);
    }
    if (d >= 6 && 'const' in s && !equals(v, s.const)) {
      return err(Array.isArray(s.const) || isMap(s.const) ? "'const' failed" : `value must be ${display(s.const)}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((x) => equals(v, x))) {
      const want = s.enum as unknown[];
      if (want.some((x) => Array.isArray(x) || isMap(x))) return err("'enum' failed");
      return err(want.length === 1 ? `value must be ${display(want[0])}` : `value must be one of ${want.map(display).join(', ')}`);
    }
    if (d < 2019 && typeof s.format === 'string') {
      const reason = checkFormat(s.format, v);
      if (reason !== undefined) return err(`${display(v)} is not valid ${s.format}: ${reason}`);
    }

    const errors: Violation[] = [];
    const add = (e: Violation | undefined) => { if (e) errors.push(e); };
    if (typeof s.$ref === 'string') {
      const refErr = this.validateRef(s.$ref, v, loc);
      if (d < 2019) return refErr;
      add(refErr);
    }
    if (t === 'object' && isMap(v)) this.object(s, v, loc, errors);
    else if (t === 'array' && Array.isArray(v)) this.array(s, v, loc, errors);
    else if (t === 'string') this.string(s, v as string, loc, errors);
    else if (t === 'number') this.number(s, v, loc, errors);
    this.conditions(s, v, loc, errors);

    if (errors.length === 0) return undefined;
    if (errors.length === 1) return errors[0];
    return { loc, msg: 'validation failed', group: true, causes: errors };
  }

  private validateRef(ref: string, v: unknown, loc: string[]): Violation | undefined {
    const e = this.validate(this.resolve(ref), v, loc);
    if (!e) return undefined;
    return { loc, msg: 'validation failed', ref: true, causes: e.group ? e.causes : [e] };
  }

  private object(s: Record<string, unknown>, obj: Record<string, unknown>, loc: string[], errors: Violation[]): void {
    const d = this.draft;
    const keys = Object.keys(obj).sort();
    const at = (msg: string): Violation => ({ loc, msg, causes: [] });
    const missing = (names: unknown): string[] => (Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && !Object.hasOwn(obj, n)) : []);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) errors.push(at(`minProperties: got ${localized(keys.length)}, want ${localized(s.minProperties)}`));
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) errors.push(at(`maxProperties: got ${localized(keys.length)}, want ${localized(s.maxProperties)}`));
    const req = missing(s.required);
    if (req.length === 1) errors.push(at(`missing property ${quote(req[0]!)}`));
    else if (req.length > 1) errors.push(at(`missing properties ${req.map(quote).join(', ')}`));
    if (d < 2019 && isMap(s.dependencies)) {
      for (const [name, dep] of Object.entries(s.dependencies)) {
        if (!Object.hasOwn(obj, name)) continue;
        if (Array.isArray(dep)) {
          const m = missing(dep);
          if (m.length > 0) errors.push(at(`properties ${m.map(quote).join(', ')} required, if ${quote(name)} exists`));
        } else {
          const e = this.validate(dep as Schema, obj, loc);
          if (e) errors.push(e);
        }
      }
    }
    const props = isMap(s.properties) ? s.properties : {};
    const patterns = isMap(s.patternProperties) ? Object.entries(s.patternProperties).map(([p, sch]) => [this.regexp(p), sch] as const) : [];
    const additional: string[] = [];
    for (const name of keys) {
      let evaluated = false;
      if (Object.hasOwn(props, name)) {
        evaluated = true;
        const e = this.validate(props[name] as Schema, obj[name], [...loc, name]);
        if (e) errors.push(e);
      }
      for (const [re, sch] of patterns) {
        if (!re.test(name)) continue;
        evaluated = true;
        const e = this.validate(sch as Schema, obj[name], [...loc, name]);
        if (e) errors.push(e);
      }
      if (!evaluated && s.additionalProperties !== undefined) {
        if (s.additionalProperties === false) additional.push(name);
        else if (s.additionalProperties !== true) {
          const e = this.validate(s.additionalProperties as Schema, obj[name], [...loc, name]);
          if (e) errors.push(e);
        }
      }
    }
    if (additional.length > 0) errors.push(at(`additional properties ${additional.map(quote).join(', ')} not allowed`));
    if (d >= 6 && s.propertyNames !== undefined) {
      for (const name of keys) {
        const e = this.validate(s.propertyNames as Schema, name, []);
        if (e) errors.push({ loc: [], msg: `invalid propertyName ${quote(name)}`, causes: e.group ? e.causes : [e] });
      }
    }
    if (d >= 2019 && isMap(s.dependentSchemas)) {
      for (const [name, sch] of Object.entries(s.dependentSchemas)) {
        if (!Object.hasOwn(obj, name)) continue;
        const e = this.validate(sch as Schema, obj, loc);
        if (e) errors.push(e);
      }
    }
    if (d >= 2019 && isMap(s.dependentRequired)) {
      for (const [name, names] of Object.entries(s.dependentRequired)) {
        if (!Object.hasOwn(obj, name)) continue;
        const m = missing(names);
        if (m.length > 0) errors.push(at(`properties ${m.map(quote).join(', ')} required, if ${quote(name)} exists`));
      }
    }
  }

  private array(s: Record<string, unknown>, arr: unknown[], loc: string[], errors: Violation[]): void {
    const at = (msg: string, causes: Violation[] = []): Violation => ({ loc, msg, causes });
    const item = (sch: unknown, i: number) => {
      const e = this.validate(sch as Schema, arr[i], [...loc, String(i)]);
      if (e) errors.push(e);
    };
    if (typeof s.minItems === 'number' && arr.length < s.minItems) errors.push(at(`minItems: got ${localized(arr.length)}, want ${localized(s.minItems)}`));
    if (typeof s.maxItems === 'number' && arr.length > s.maxItems) errors.push(at(`maxItems: got ${localized(arr.length)}, want ${localized(s.maxItems)}`));
    if (s.uniqueItems === true && arr.length > 1) {
      outer: for (let i = 1; i < arr.length; i++) {
        for (let j = 0; j < i; j++) {
          if (equals(arr[i], arr[j])) {
            errors.push(at(`items at ${localized(j)} and ${localized(i)} are equal`));
            break outer;
          }
        }
      }
    }
    if (this.draft < 2020) {
      let evaluated = 0;
      if (Array.isArray(s.items)) {
        evaluated = Math.min(arr.length, s.items.length);
        for (let i = 0; i < evaluated; i++) item(s.items[i], i);
      } else if (s.items !== undefined) {
        for (let i = 0; i < arr.length; i++) item(s.items, i);
        evaluated = arr.length;
      }
      if (s.additionalItems === false && evaluated !== arr.length && Array.isArray(s.items)) {
        errors.push(at(`last ${localized(arr.length - evaluated)} additionalItem(s) not allowed`));
      } else if (isMap(s.additionalItems) && Array.isArray(s.items)) {
        for (let i = evaluated; i < arr.length; i++) item(s.additionalItems, i);
      }
    } else {
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      const evaluated = Math.min(prefix.length, arr.length);
      for (let i = 0; i < evaluated; i++) item(prefix[i], i);
      if (s.items !== undefined) for (let i = evaluated; i < arr.length; i++) item(s.items, i);
    }
    if (this.draft >= 6 && s.contains !== undefined) {
      const failures: Violation[] = [];
      const matched: number[] = [];
      arr.forEach((x, i) => {
        const e = this.validate(s.contains as Schema, x, [...loc, String(i)]);
        if (e) failures.push(e);
        else matched.push(i);
      });
      if (typeof s.minContains === 'number') {
        if (matched.length < s.minContains) {
          errors.push(at(matched.length === 0
            ? `min ${localized(s.minContains)} items required to match contains schema, but none matched`
            : `min ${localized(s.minContains)} items required to match contains schema, but matched ${localized(matched.length)} items at ${matched.join(' ')}`, failures));
        }
      } else if (matched.length === 0) {
        errors.push(at('no items match contains schema', failures));
      }
      if (typeof s.maxContains === 'number' && matched.length > s.maxContains) {
        errors.push(at(`max ${localized(s.maxContains)} items required to match contains schema, but matched ${localized(matched.length)} items at ${matched.join(' ')}`));
      }
    }
  }

  private string(s: Record<string, unknown>, str: string, loc: string[], errors: Violation[]): void {
    const at = (msg: string): Violation => ({ loc, msg, causes: [] });
    const len = [...str].length;
    if (typeof s.minLength === 'number' && len < s.minLength) errors.push(at(`minLength: got ${localized(len)}, want ${localized(s.minLength)}`));
    if (typeof s.maxLength === 'number' && len > s.maxLength) errors.push(at(`maxLength: got ${localized(len)}, want ${localized(s.maxLength)}`));
    if (typeof s.pattern === 'string' && !this.regexp(s.pattern).test(str)) errors.push(at(`${quote(str)} does not match pattern ${quote(s.pattern)}`));
  }

  private number(s: Record<string, unknown>, v: unknown, loc: string[], errors: Violation[]): void {
    const at = (kw: string, want: number): Violation => ({ loc, msg: `${kw}: got ${localized(numberValue(v))}, want ${localized(want)}`, causes: [] });
    const n = numberValue(v);
    let { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = s;
    if (this.draft === 4) {
      // draft-04's exclusive flags turn the bound exclusive.
      if (exclusiveMinimum === true) [exclusiveMinimum, minimum] = [minimum, undefined];
      else exclusiveMinimum = undefined;
      if (exclusiveMaximum === true) [exclusiveMaximum, maximum] = [maximum, undefined];
      else exclusiveMaximum = undefined;
    }
    if (typeof minimum === 'number' && n < minimum) errors.push(at('minimum', minimum));
    if (typeof maximum === 'number' && n > maximum) errors.push(at('maximum', maximum));
    if (typeof exclusiveMinimum === 'number' && n <= exclusiveMinimum) errors.push(at('exclusiveMinimum', exclusiveMinimum));
    if (typeof exclusiveMaximum === 'number' && n >= exclusiveMaximum) errors.push(at('exclusiveMaximum', exclusiveMaximum));
    if (typeof s.multipleOf === 'number') {
      const a = toRational(goText(v));
      const b = toRational(goText(s.multipleOf));
      if (a && b && b.n !== 0n && (a.n * b.d) % (a.d * b.n) !== 0n) errors.push(at('multipleOf', s.multipleOf));
    }
  }

  private conditions(s: Record<string, unknown>, v: unknown, loc: string[], errors: Violation[]): void {
    const at = (msg: string, causes: Violation[] = []): Violation => ({ loc, msg, causes });
    const branches = (k: string): Schema[] => (Array.isArray(s[k]) ? (s[k] as Schema[]) : []);
    if (s.not !== undefined && this.validate(s.not as Schema, v, loc) === undefined) errors.push(at("'not' failed"));
    const allOf = branches('allOf').map((b) => this.validate(b, v, loc)).filter((e): e is Violation => e !== undefined);
    if (allOf.length > 0) errors.push(at("'allOf' failed", allOf));
    const anyOf = branches('anyOf');
    if (anyOf.length > 0) {
      const failures: Violation[] = [];
      let matched = false;
      for (const b of anyOf) {
        const e = this.validate(b, v, loc);
        if (!e) { matched = true; break; }
        failures.push(e);
      }
      if (!matched) errors.push(at("'anyOf' failed", failures));
    }
    const oneOf = branches('oneOf');
    if (oneOf.length > 0) {
      const failures: Violation[] = [];
      let matched = -1;
      for (let i = 0; i < oneOf.length; i++) {
        const e = this.validate(oneOf[i]!, v, loc);
        if (e) { if (matched === -1) failures.push(e); continue; }
        if (matched === -1) { matched = i; continue; }
        errors.push(at(`'oneOf' failed, subschemas ${localized(matched)}, ${localized(i)} matched`));
        break;
      }
      if (matched === -1) errors.push(at("'oneOf' failed, none matched", failures));
    }
    if (this.draft >= 7 && s.if !== undefined) {
      const branch = this.validate(s.if as Schema, v, loc) === undefined ? s.then : s.else;
      if (branch !== undefined) {
        const e = this.validate(branch as Schema, v, loc);
        if (e) errors.push(e);
      }
    }
  }
}

function render(e: Violation, indent: number): string {
  let out = '';
  if (!(e.ref && e.causes.length === 1)) {
    out += `\n${'  '.repeat(indent - 1)}- at ${quote(pointer(e.loc))}: ${e.msg}`;
    indent++;
  }
  for (const c of e.causes) out += render(c, indent);
  return out;
}

/**
 * Helm's text for the values' violations of `schema` ('' when none), or undefined when the schema uses
 * something this validator does not model.
 */
export function describeViolations(schema: Schema, values: unknown): string | undefined {
  let top: Violation | undefined;
  try {
    top = new Validator(schema).validate(schema, values, []);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  if (!top) return '';
  const causes = top.group ? top.causes : [top];
  return `${causes.map((c) => render(c, 1)).join('').slice(1)}\n`;
}
