// Go's path package (base, dir, clean, ext, isAbs) behind Sprig's path functions; on Linux
// filepath behaves the same, so the os* variants share the implementation.
import { goFunc as f } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';

/** path.Clean: shortest equivalent path by purely lexical processing. */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

export function base(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  p = p.slice(i + 1);
  return p === '' ? '/' : p;
}

export function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(p.slice(0, i + 1));
}

export function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

export function pathFuncs(): FuncMap {
  const S = 'string' as const;
  const fns = {
    base: f([S], base), dir: f([S], dir), clean: f([S], clean), ext: f([S], ext),
    isAbs: f([S], (p: string) => p.startsWith('/')),
  };
  return { ...fns, osBase: fns.base, osDir: fns.dir, osClean: fns.clean, osExt: fns.ext, osIsAbs: fns.isAbs };
}
