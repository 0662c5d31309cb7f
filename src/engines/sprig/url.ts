// Sprig's urlParse/urlJoin over a port of the parts of Go's net/url they use: Parse splits
// scheme, opaque, userinfo, host, (unescaped) path, raw query and (unescaped) fragment;
// URL.String re-escapes them.
import { fromUtf8, goFunc as f, quote, typeName, utf8 } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';

interface GoURL {
  scheme: string; opaque: string; user?: string; host: string; path: string; rawQuery: string; fragment: string;
}

/** url.Error text: parse "RAW": MSG, with RAW quoted as Go's %q. */
const parseError = (raw: string, msg: string): Error => new Error(`parse ${quote(raw)}: ${msg}`);

/** Characters allowed unescaped in a host (net/url's shouldEscape in encodeHost mode). */
const HOST_OK = /[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]/;

function unescape(s: string, what: string, host = false): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) {
    const bad = /%.{0,2}/.exec(s.slice(s.search(/%(?![0-9A-Fa-f]{2})/)))![0];
    throw parseError(what, `invalid URL escape ${quote(bad)}`);
  }
  if (host) {
    // In a host, %-escapes are only for non-ASCII bytes (and %25), as RFC 3986 says.
    const esc = /%([0-7][0-9A-Fa-f])/.exec(s);
    if (esc && esc[0] !== '%25') throw parseError(what, `invalid URL escape ${quote(esc[0])}`);
    for (const ch of s) {
      if (ch.charCodeAt(0) < 0x80 && ch !== '%' && !HOST_OK.test(ch)) throw parseError(what, `invalid character ${quote(ch)} in host name`);
    }
  }
  return fromUtf8(Buffer.from(Buffer.from(utf8(s)).toString('latin1').replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'));
}

/** The host[:port] checks of net/url's parseHost. */
function checkHost(host: string, raw: string): void {
  let port = '';
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw parseError(raw, "missing ']' in host");
    port = host.slice(close + 1);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) port = host.slice(colon);
  }
  if (port !== '' && !/^:\d*$/.test(port)) throw parseError(raw, `invalid port ${quote(port)} after host`);
}

function parseURL(raw: string): GoURL {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw parseError(raw, 'net/url: invalid control character in URL');
  const u: GoURL = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', fragment: '' };
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) { u.fragment = unescape(rest.slice(hash + 1), raw); rest = rest.slice(0, hash); }
  const sm = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (sm) { u.scheme = sm[1]!.toLowerCase(); rest = rest.slice(sm[0].length); }
  else if (/^[^/?]*:/.test(rest) && !rest.startsWith('/')) {
    if (rest.startsWith(':')) throw parseError(raw, 'missing protocol scheme');
  }
  const q = rest.indexOf('?');
  if (q >= 0) { u.rawQuery = rest.slice(q + 1); rest = rest.slice(0, q); }
  if (u.scheme && !rest.startsWith('/')) { u.opaque = rest; return u; }
  if ((u.scheme || !raw.startsWith('///')) && rest.startsWith('//')) {
    rest = rest.slice(2);
    const slash = rest.indexOf('/');
    let authority = slash >= 0 ? rest.slice(0, slash) : rest;
    rest = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) { u.user = authority.slice(0, at); authority = authority.slice(at + 1); }
    checkHost(authority, raw);
    u.host = unescape(authority, raw, true);
  }
  u.path = unescape(rest, raw);
  return u;
}

const shouldEscapePath = (c: string): boolean => !/[A-Za-z0-9\-_.~$&+,/:;=@!*'()]/.test(c);

function escapePart(s: string, keep: (c: string) => boolean): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && keep(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function urlString(u: GoURL): string {
  let out = '';
  if (u.scheme) out += `${u.scheme}:`;
  if (u.opaque) {
    out += u.opaque;
  } else {
    if (u.scheme || u.host || u.user !== undefined) {
      if (u.host || u.path || u.user !== undefined) out += '//';
      if (u.user !== undefined) out += `${u.user}@`;
      out += u.host;
    }
    let path = escapePart(u.path, (c) => !shouldEscapePath(c));
    if (path && path[0] !== '/' && u.host) path = `/${path}`;
    if (out === '') {
      const colon = path.indexOf(':');
      if (colon >= 0 && (path.indexOf('/') < 0 || colon < path.indexOf('/'))) path = `./${path}`;
    }
    out += path;
  }
  if (u.rawQuery) out += `?${u.rawQuery}`;
  if (u.fragment) out += `#${escapePart(u.fragment, (c) => !shouldEscapePath(c) || c === '?')}`;
  return out;
}

function dictString(d: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(d, key)) return '';
  const v = d[key];
  if (typeof v !== 'string') {
    const kind = v === null || v === undefined ? 'invalid' : typeName(v).startsWith('map') ? 'map' : typeName(v);
    throw new Error(`unable to parse ${key} key, must be of type string, but ${kind} found`);
  }
  return v;
}

export function urlFuncs(): FuncMap {
  return {
    urlParse: f(['string'], (v: string) => {
      let u: GoURL;
      try {
        u = parseURL(v);
      } catch (e) {
        throw new Error(`unable to parse url: ${(e as Error).message}`, { cause: e });
      }
      const host = u.host.startsWith('[') ? u.host.slice(1, u.host.indexOf(']')) : u.host.replace(/:\d*$/, '');
      return {
        scheme: u.scheme, host: u.host, hostname: host, path: u.path, query: u.rawQuery, opaque: u.opaque,
        fragment: u.fragment, userinfo: u.user ?? '',
      };
    }),
    urlJoin: f(['map[string]interface {}'], (d: Record<string, unknown>) => {
      const user = dictString(d, 'userinfo');
      return urlString({
        scheme: dictString(d, 'scheme'), host: dictString(d, 'host'), path: dictString(d, 'path'),
        rawQuery: dictString(d, 'query'), opaque: dictString(d, 'opaque'), fragment: dictString(d, 'fragment'),
        user: user === '' ? undefined : user,
      });
    }),
  };
}
