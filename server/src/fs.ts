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
        const st = fs.statSync(file);
        if (!st.isFile() || st.size > maxBytes) return undefined;
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
  test = (file) => {
    for (let dir = path.resolve(file); ; ) {
      if (resolved.has(dir)) return true;
      const parent = path.dirname(dir);
      if (parent === dir) return false;
      dir = parent;
    }
  };
  rootTests.set(roots, test);
  return test;
}
