import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file access the analysis needs, so the language server can serve unsaved editor buffers. */
export interface FileAccess {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readText(file: string): string | undefined;
}

/** Reads from disk, refusing files larger than `maxBytes`. */
export function diskFileAccess(maxBytes = 5 * 1024 * 1024): FileAccess {
  return {
    readText(file) {
      try {
        // Projects probe many files that do not exist (override files, .env): no exception for those.
        const st = fs.statSync(file, { throwIfNoEntry: false });
        if (!st || !st.isFile() || st.size > maxBytes) return undefined;
        return decodeText(fs.readFileSync(file));
      } catch {
        return undefined;
      }
    },
  };
}

/** Decodes a file as editors do: UTF-16 when it starts with a UTF-16 byte-order mark, else UTF-8. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('utf8');
}

/**
 * Confines reads to `roots` (workspace folders): paths a compose file names (`include`, `extends`, `env_file`,
 * `build`) that leave them are not read. No roots: no confinement.
 */
export function confinedFileAccess(files: FileAccess, roots: readonly string[] | undefined): FileAccess {
  if (!roots || roots.length === 0) return files;
  const inside = insideRoots(roots);
  return { readText: (file) => (inside(file) ? files.readText(file) : undefined) };
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
function isNormalizedAbsolute(p: string): boolean {
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

/** Memoized by the roots array: the CLI passes one array (often hundreds of roots) for every file it lints. */
const rootTests = new WeakMap<readonly string[], (file: string) => boolean>();

/**
 * Whether a path is one of `roots` or inside one. Looks the path's ancestors up in a set, so the cost does
 * not grow with the number of roots.
 */
function insideRoots(roots: readonly string[]): (file: string) => boolean {
  let test = rootTests.get(roots);
  if (test) return test;
  const resolved = new Set(roots.map((r) => path.resolve(r)));
  // Answers per folder: a project probes several names in one folder (.env, override files, Dockerfiles).
  const folders = new Map<string, boolean>();
  const folderInside = (folder: string): boolean => {
    let inside = folders.get(folder);
    if (inside === undefined) {
      inside = false;
      for (let dir = folder; ;) {
        if (resolved.has(dir)) {
          inside = true;
          break;
        }
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
      if (folders.size > 10_000) folders.clear();
      folders.set(folder, inside);
    }
    return inside;
  };
  test = (file) => {
    const abs = resolvePath(file);
    return resolved.has(abs) || folderInside(path.dirname(abs));
  };
  rootTests.set(roots, test);
  return test;
}
