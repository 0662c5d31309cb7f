// Builds and runs tools/gotemplate-oracle: real Go text/template + Sprig v3.3.0 (Helm's
// FuncMap minus env/expandenv), the reference for the gotemplate and sprig engines.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOL_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../tools/gotemplate-oracle');
const BINARY = join(homedir(), '.cache/tsflux/gotemplate-oracle');

export interface OracleCase {
  name: string;
  template: string;
  data: unknown;
  missingKey?: string;
}

export interface OracleResult {
  output: string;
  error?: string;
  phase?: 'parse' | 'exec' | 'data';
}

/** Path of the oracle binary, built with `go build` when missing or older than its source. */
export function oracleBinary(): string {
  // go.mod pins the module versions Helm selects, so a change there needs a rebuild too.
  const newest = Math.max(...['main.go', 'go.mod', 'go.sum'].map((f) => statSync(join(TOOL_DIR, f)).mtimeMs));
  if (!existsSync(BINARY) || statSync(BINARY).mtimeMs < newest) {
    mkdirSync(dirname(BINARY), { recursive: true });
    // Test files run in parallel: build under a private name, then rename into place atomically.
    const tmp = `${BINARY}.${process.pid}.tmp`;
    execFileSync('go', ['build', '-o', tmp, '.'], { cwd: TOOL_DIR, stdio: 'inherit' });
    renameSync(tmp, BINARY);
  }
  return BINARY;
}

/** Renders every case in one oracle process. */
export function runOracle(cases: OracleCase[]): OracleResult[] {
  const input = JSON.stringify(cases.map((c) => ({ ...c, missingKey: c.missingKey ?? '' })));
  const out = execFileSync(oracleBinary(), { input, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8')) as OracleResult[];
}

/** The names in Sprig's function map as Helm uses it (without env/expandenv), sorted. */
export function oracleFunctionNames(): string[] {
  return JSON.parse(execFileSync(oracleBinary(), ['-funcs']).toString('utf8')) as string[];
}

/**
 * Our output as the oracle's JSON shows it: Go's encoder writes each invalid UTF-8 byte as
 * U+FFFD, and we keep such bytes as lone surrogates U+DC80..U+DCFF (see values.ts).
 */
export function asOracleText(s: string): string {
  return s.replace(/(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g, '\uFFFD');
}
