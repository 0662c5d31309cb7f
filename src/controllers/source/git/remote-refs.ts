// Resolves a GitRepository spec.ref to a commit with a single `git ls-remote`, before anything is
// cloned: that is what makes an unchanged remote cheap (the caller compares the revision with the
// last artifact's and stops there).
import { maxSatisfying, parseConstraint, InvalidConstraintError } from '../../../engines/semver/index.ts';
import { runGit } from './exec.ts';

/** spec.ref of a GitRepository. Precedence: commit > name > semver > tag > branch. */
export interface GitRef {
  branch?: string;
  tag?: string;
  semver?: string;
  name?: string;
  commit?: string;
}

/** Where upstream starts when spec.ref is omitted. */
export const DEFAULT_BRANCH = 'master';

export interface ResolvedRef {
  /** Revision in upstream's format: `main@sha1:<hex>`, `v1.2.3@sha1:<hex>`, `refs/...@sha1:<hex>`, `sha1:<hex>`. */
  revision: string;
  /** The commit to check out (tags peeled). */
  commit: string;
  /** What to fetch: a full ref name, or the commit itself when the ref is a bare commit. */
  fetchRef: string;
  /** Set when the ref designates a tag: its full name, so Tag verification can read the tag object. */
  tagRef?: string;
  /** Set for a commit given with a branch: the branch whose history must contain the commit. */
  containingBranch?: string;
}

/** A ref that can never resolve whatever the remote holds (the controller still retries it, as upstream does). */
export class InvalidRefError extends Error {}
/** The ref is valid but the remote does not have it (may appear later). */
export class RefNotFoundError extends Error {}

export interface LsRemoteOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
}

interface LsRemoteQuery extends LsRemoteOptions {
  tagsOnly?: boolean;
}

/** `git ls-remote` as a map of ref name → object id; peeled tags appear as `<ref>^{}`. */
export async function lsRemote(url: string, patterns: readonly string[], options: LsRemoteQuery = {}): Promise<Map<string, string>> {
  const flags = options.tagsOnly ? ['--tags'] : [];
  const { stdout } = await runGit(['ls-remote', ...flags, '--', url, ...patterns], { env: options.env, timeoutMs: options.timeoutMs });
  const refs = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [id, name] = line.split('\t');
    if (id && name) refs.set(name, id);
  }
  return refs;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

export function selectedRefKind(ref: GitRef | undefined): 'commit' | 'name' | 'semver' | 'tag' | 'branch' {
  if (ref?.commit) return 'commit';
  if (ref?.name) return 'name';
  if (ref?.semver) return 'semver';
  if (ref?.tag) return 'tag';
  return 'branch';
}

export async function resolveRef(url: string, ref: GitRef | undefined, options: LsRemoteOptions = {}): Promise<ResolvedRef> {
  switch (selectedRefKind(ref)) {
    case 'commit': {
      const commit = ref!.commit!.toLowerCase();
      if (!FULL_SHA.test(commit)) throw new InvalidRefError(`invalid commit '${ref!.commit}': a full 40-character SHA-1 is required`);
      if (!ref!.branch) return { revision: `sha1:${commit}`, commit, fetchRef: commit };
      // Upstream clones the branch and looks the commit up in it: the branch must exist (checked
      // here) and contain the commit (checked by the checkout, which needs the branch history).
      const branchRef = `refs/heads/${ref!.branch}`;
      const refs = await lsRemote(url, [branchRef], options);
      if (!refs.has(branchRef)) throw new RefNotFoundError(`unable to resolve branch '${ref!.branch}': no such branch on '${url}'`);
      return { revision: `${ref!.branch}@sha1:${commit}`, commit, fetchRef: commit, containingBranch: branchRef };
    }
    case 'name': {
      const name = ref!.name!;
      if (!name.startsWith('refs/')) throw new InvalidRefError(`invalid ref name '${name}': it must start with 'refs/'`);
      const refs = await lsRemote(url, [name, `${name}^{}`], options);
      const commit = refs.get(`${name}^{}`) ?? refs.get(name);
      if (!commit) throw new RefNotFoundError(`unable to resolve ref '${name}': no such ref on '${url}'`);
      return { revision: `${name}@sha1:${commit}`, commit, fetchRef: name, tagRef: name.startsWith('refs/tags/') ? name : undefined };
    }
    case 'semver': {
      let constraint;
      try {
        constraint = parseConstraint(ref!.semver!);
      } catch (err) {
        if (err instanceof InvalidConstraintError) throw new InvalidRefError(`semver parse error: ${err.message}`);
        throw err;
      }
      const refs = await lsRemote(url, [], { ...options, tagsOnly: true });
      // Upstream (fluxcd/pkg/version.ParseVersion) only considers tags of three dot-separated parts:
      // `v2` or `1.2` never match, though Masterminds alone would read them as 2.0.0 and 1.2.0.
      const tags = [...refs.keys()]
        .filter((r) => !r.endsWith('^{}'))
        .map((r) => r.slice('refs/tags/'.length))
        .filter((tag) => tag.split('.').length >= 3);
      const best = maxSatisfying(tags, constraint);
      if (!best) throw new RefNotFoundError(`no match found for semver: ${ref!.semver}`);
      return tagResolution(best.candidate, refs);
    }
    case 'tag': {
      const refs = await lsRemote(url, [`refs/tags/${ref!.tag}`, `refs/tags/${ref!.tag}^{}`], options);
      if (!refs.has(`refs/tags/${ref!.tag}`)) throw new RefNotFoundError(`unable to resolve tag '${ref!.tag}': no such tag on '${url}'`);
      return tagResolution(ref!.tag!, refs);
    }
    case 'branch': {
      const branch = ref?.branch || DEFAULT_BRANCH;
      const refs = await lsRemote(url, [`refs/heads/${branch}`], options);
      const commit = refs.get(`refs/heads/${branch}`);
      if (!commit) throw new RefNotFoundError(`unable to resolve branch '${branch}': no such branch on '${url}'`);
      return { revision: `${branch}@sha1:${commit}`, commit, fetchRef: `refs/heads/${branch}` };
    }
  }
}

function tagResolution(tag: string, refs: Map<string, string>): ResolvedRef {
  const full = `refs/tags/${tag}`;
  // Annotated tags point at a tag object; the artifact revision names the commit it peels to.
  const commit = refs.get(`${full}^{}`) ?? refs.get(full)!;
  return { revision: `${tag}@sha1:${commit}`, commit, fetchRef: full, tagRef: full };
}

/** The commit id inside a revision string (`main@sha1:abc` → `abc`). */
export function commitOfRevision(revision: string): string {
  const at = revision.lastIndexOf('sha1:');
  return at < 0 ? revision : revision.slice(at + 'sha1:'.length);
}
