// Which files of a checkout go into the artifact: gitignore-syntax rules from `.sourceignore` files
// (any directory, scoped to it) and spec.ignore, on top of upstream's default exclusions. As in
// source-controller, VCS files are always excluded, and the other defaults (images, archives, CI
// files) apply only when the repository and the spec give no rules at all.
import ignore, { type Ignore } from 'ignore';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SOURCE_IGNORE_FILE = '.sourceignore';
// Upstream lists `.git/`; `.git` also drops the `.git` files git writes in submodule checkouts, which
// point outside the artifact and would be useless in it.
const EXCLUDE_VCS = ['.git', '.gitignore', '.gitmodules', '.gitattributes'];
const EXCLUDE_EXT = ['*.jpg', '*.jpeg', '*.gif', '*.png', '*.wmv', '*.flv', '*.tar.gz', '*.zip'];
const EXCLUDE_CI = ['.github/', '.circleci/', '.travis.yml', '.gitlab-ci.yml', 'appveyor.yml', '.drone.yml', 'cloudbuild.yaml', 'codeship-services.yml', 'codeship-steps.yml'];
const EXCLUDE_EXTRA = ['**/.goreleaser.yml', '**/.sops.yaml', '**/.flux.yaml'];

/** Rules scoped to a directory (`''` = the root), evaluated on paths relative to it. */
interface RuleGroup {
  domain: string;
  rules: Ignore;
}

export interface IgnoreMatcher {
  /** `path` is relative to the checkout root, `/`-separated. */
  isIgnored(path: string, isDirectory: boolean): boolean;
}

/** Parses gitignore-syntax text into patterns (comments and blank lines dropped). */
export function readPatterns(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** Loads `.sourceignore` files below `root` and combines them with spec.ignore. */
export async function loadIgnoreMatcher(root: string, specIgnore?: string): Promise<IgnoreMatcher> {
  const userGroups: { domain: string; patterns: string[] }[] = [];
  await collectSourceIgnores(root, '', userGroups);
  if (specIgnore !== undefined) userGroups.push({ domain: '', patterns: readPatterns(specIgnore) });
  const user = userGroups.filter((g) => g.patterns.length > 0);
  const defaults = user.length > 0 ? EXCLUDE_VCS : [...EXCLUDE_VCS, ...EXCLUDE_EXT, ...EXCLUDE_CI, ...EXCLUDE_EXTRA];
  return matcherOf([{ domain: '', patterns: defaults }, ...user]);
}

export function matcherOf(groups: { domain: string; patterns: string[] }[]): IgnoreMatcher {
  const compiled: RuleGroup[] = groups.map((g) => ({ domain: g.domain, rules: ignore({ allowRelativePaths: true }).add(g.patterns) }));
  return {
    isIgnored(path, isDirectory) {
      // The last rule that matches wins, across groups as within one: walk groups from the last.
      for (let i = compiled.length - 1; i >= 0; i--) {
        const { domain, rules } = compiled[i]!;
        if (domain !== '' && !path.startsWith(`${domain}/`)) continue;
        const local = domain === '' ? path : path.slice(domain.length + 1);
        const result = rules.test(isDirectory ? `${local}/` : local);
        if (result.ignored) return true;
        if (result.unignored) return false;
      }
      return false;
    },
  };
}

async function collectSourceIgnores(root: string, rel: string, out: { domain: string; patterns: string[] }[]): Promise<void> {
  const dir = rel === '' ? root : join(root, rel);
  const entries = await readdir(dir, { withFileTypes: true });
  const file = entries.find((e) => e.name === SOURCE_IGNORE_FILE && e.isFile());
  if (file) out.push({ domain: rel, patterns: readPatterns(await readFile(join(dir, file.name), 'utf8')) });
  for (const e of entries.filter((x) => x.isDirectory() && x.name !== '.git').sort((a, b) => (a.name < b.name ? -1 : 1))) {
    await collectSourceIgnores(root, rel === '' ? e.name : `${rel}/${e.name}`, out);
  }
}
