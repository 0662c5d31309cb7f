// Reads the template corpus: test/fixtures/gotemplate/*.tmpl hold cases separated by header
// lines "### NAME [missingkey=MODE]"; all cases render test/fixtures/gotemplate/data.json.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OracleCase } from './gotemplate-oracle.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/gotemplate');

export function loadCorpus(): OracleCase[] {
  const data: unknown = JSON.parse(readFileSync(join(DIR, 'data.json'), 'utf8'));
  const cases: OracleCase[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.tmpl')).sort()) {
    const lines = readFileSync(join(DIR, file), 'utf8').split('\n');
    let current: { name: string; missingKey?: string; body: string[] } | undefined;
    const flush = (): void => {
      if (!current) return;
      cases.push({ name: current.name, template: current.body.join('\n'), data, missingKey: current.missingKey });
    };
    for (const line of lines) {
      const header = /^### (\S+)(?: missingkey=(\w+))?\s*$/.exec(line);
      if (header) {
        flush();
        current = { name: `${file.replace(/\.tmpl$/, '')}/${header[1]}`, missingKey: header[2], body: [] };
      } else if (current) {
        current.body.push(line);
      }
    }
    flush();
  }
  return cases;
}
