// Brings a per-repository working directory to a resolved commit with a shallow fetch of that one
// ref. The directory is kept between reconciliations (a cache): objects already there are not
// downloaded again, and an unchanged remote never gets here at all (see remote-refs.ts).
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit, type GitCommandError } from './exec.ts';
import type { ResolvedRef } from './remote-refs.ts';

export interface CheckoutOptions {
  url: string;
  resolved: ResolvedRef;
  /** The cache directory for this repository; created if missing. */
  dir: string;
  env?: Record<string, string>;
  /** Budget for the whole checkout (all git commands together). */
  timeoutMs?: number;
  recurseSubmodules?: boolean;
  /** Directories to check out, as upstream matches them (see sparsePattern); empty or undefined = the whole tree. */
  sparseCheckout?: readonly string[];
}

export interface Checkout {
  /** The commit actually checked out (may differ from resolved.commit if the remote moved meanwhile). */
  commit: string;
  revision: string;
  /** First line of the commit message. */
  subject: string;
  dir: string;
}

const FETCHED = 'refs/tsflux/fetched';
const BRANCH = 'refs/tsflux/branch';

export async function checkout(options: CheckoutOptions): Promise<Checkout> {
  const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
  const git = (args: string[]) =>
    runGit(args, { cwd: options.dir, env: options.env, timeoutMs: deadline === undefined ? undefined : Math.max(1, deadline - Date.now()) });
  // A cache belongs to one remote: when spec.url changes, the old objects are of no use.
  const origin = join(options.dir, '.git', 'tsflux-remote');
  if ((await readFile(origin, 'utf8').catch(() => undefined)) !== options.url) await rm(options.dir, { recursive: true, force: true });
  await mkdir(options.dir, { recursive: true });
  const fresh = !(await isRepository(options.dir));
  if (fresh) {
    await git(['init', '--quiet']);
    await writeFile(origin, options.url);
  }

  const { resolved } = options;
  let destination: string;
  if (resolved.containingBranch) {
    await fetchBranchHistory(git, options.dir, options.url, resolved.containingBranch, resolved.commit);
    destination = resolved.commit;
  } else {
    // Tags are fetched under their own name so the tag object (and its signature) is kept.
    destination = resolved.tagRef ?? FETCHED;
    await git(['fetch', '--quiet', '--depth=1', '--no-tags', '--force', '--', options.url, `+${resolved.fetchRef}:${destination}`]);
  }
  // One process for the commit id and the first line of its message (the NewArtifact event quotes
  // it). Not %s: git's subject joins the whole first paragraph, upstream takes the first line.
  const [commit = '', subject = ''] = (await git(['log', '-1', '--format=%H%n%B', `${destination}^{commit}`, '--'])).stdout.split('\n');

  // Every git process counts at scale: skip the ones that would change nothing.
  const sparse = options.sparseCheckout ?? [];
  const wasSparse = await exists(join(options.dir, '.git', 'info', 'sparse-checkout'));
  if (sparse.length > 0) await git(['sparse-checkout', 'set', '--no-cone', '--', ...sparse.map(sparsePattern)]);
  else if (wasSparse) {
    await git(['sparse-checkout', 'disable']);
    await rm(join(options.dir, '.git', 'info', 'sparse-checkout'), { force: true });
  }
  await git(['checkout', '--quiet', '--force', '--detach', commit]);
  if (!fresh) await git(['clean', '-ffdxq']);
  if (options.recurseSubmodules) {
    await git(['submodule', 'update', '--init', '--recursive', '--force', '--depth=1']);
  } else if (await exists(join(options.dir, '.git', 'modules'))) {
    // Submodules an earlier checkout initialized sit in tracked directories, which `git clean` keeps:
    // without this their files would stay in the artifact after recurseSubmodules is turned off.
    await git(['submodule', 'deinit', '--all', '--force', '--quiet']);
    await rm(join(options.dir, '.git', 'modules'), { recursive: true, force: true });
  }
  const revision = commit === resolved.commit ? resolved.revision : resolved.revision.replace(resolved.commit, commit);
  return { commit, revision, subject, dir: options.dir };
}

/**
 * A commit given with a branch must be in that branch's history, as upstream (which clones the branch
 * and looks the commit up in it) requires. Telling needs the history, not one shallow commit: the
 * cache is deepened once, and later fetches of the branch only bring what is new.
 */
async function fetchBranchHistory(git: (args: string[]) => Promise<unknown>, dir: string, url: string, branchRef: string, commit: string): Promise<void> {
  const shallow = await exists(join(dir, '.git', 'shallow'));
  await git(['fetch', '--quiet', '--no-tags', '--force', ...(shallow ? ['--unshallow'] : []), '--', url, `+${branchRef}:${BRANCH}`]);
  try {
    await git(['merge-base', '--is-ancestor', commit, BRANCH]);
  } catch (err) {
    // Exit code 1: not an ancestor; anything else (128): the commit is not in the fetched objects at all.
    const where = (err as GitCommandError).exitCode === 1 ? 'is not in the history of' : 'was not found in';
    throw new Error(`unable to resolve commit object for '${commit}': it ${where} branch '${branchRef.slice('refs/heads/'.length)}'`);
  }
}

/**
 * Upstream (go-git) keeps the files whose path starts with one of the given strings, and nothing else:
 * unlike git's cone mode, no top-level files. `/<prefix>*` selects the same entries in git's
 * non-cone patterns (a matched directory brings everything below it).
 */
function sparsePattern(prefix: string): string {
  return `/${prefix.replace(/[\\*?[]/g, '\\$&')}*`;
}

async function isRepository(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, '.git'))).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
