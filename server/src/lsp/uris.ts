import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The analysis names files by path. `file:` URIs map to real paths; other schemes (untitled:, vscode-vfs:)
 * map to `scheme:/authority/path` pseudo paths, which the file access never looks up on disk.
 */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // A malformed file URI: treat it as virtual below.
    }
  }
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]+):(?:\/\/([^/?#]*))?([^?#]*)/.exec(uri);
  if (!m) return `unknown:/${uri}`;
  let p = m[3];
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep it encoded
  }
  return `${m[1]}:${path.posix.normalize(`/${m[2] ?? ''}/${p}`)}`;
}

/** True for pseudo paths of non-file documents (two or more letters before the colon: not `C:`). */
export function isVirtualPath(p: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(p);
}

/** Path → URI: open documents keep the URI the client used; other absolute paths become file: URIs. */
export function pathToUri(p: string, known?: ReadonlyMap<string, string>): string | undefined {
  const k = known?.get(p);
  if (k) return k;
  if (isVirtualPath(p) || !path.isAbsolute(p)) return undefined;
  return pathToFileURL(p).href;
}

/** Directory of a real or pseudo path. */
export function dirOf(p: string): string {
  return isVirtualPath(p) ? p.replace(/\/[^/]*$/, '') || p : path.dirname(p);
}

/** True when `a` is `b` or lies below it. */
export function isWithinDir(a: string, b: string): boolean {
  if (a === b) return true;
  const rel = isVirtualPath(a) || isVirtualPath(b) ? (a.startsWith(b + '/') ? 'x' : '..') : path.relative(b, a);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
