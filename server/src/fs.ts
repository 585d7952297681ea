import * as path from 'node:path';

/**
 * How a front end reads the other files of a project (override files, `.env`, linked Dockerfiles): decoded,
 * within the size limit and the folders the user allows (the analysis core provides it).
 */
export interface FileAccess {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readText(file: string): string | undefined;
}

/**
 * `path.resolve(from, p)` without its cost when `p` is already an absolute, normalized posix path (what the
 * project loader and the CLI pass around): the same string comes back, so no new one is built.
 */
export function resolvePath(p: string, from?: string): string {
  if (isNormalizedAbsolute(p)) return p;
  return from === undefined ? path.resolve(p) : path.resolve(from, p);
}

/** Absolute posix path with no empty, `.` or `..` segment and no trailing slash: `path.resolve` keeps it as is. */
export function isNormalizedAbsolute(p: string): boolean {
  if (path.sep !== '/' || p.length < 2 || p.charCodeAt(0) !== 47 || p.charCodeAt(p.length - 1) === 47) return false;
  if (p.includes('//')) return false;
  for (let i = p.indexOf('/.'); i >= 0; i = p.indexOf('/.', i + 2)) {
    const next = p.charCodeAt(i + 2); // NaN at the end
    if (next !== next || next === 47) return false; // `/.` or `/./`
    if (next === 46) {
      const after = p.charCodeAt(i + 3);
      if (after !== after || after === 47) return false; // `/..` or `/../`
    }
  }
  return true;
}
