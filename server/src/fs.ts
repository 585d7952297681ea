import * as fs from 'node:fs';

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
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
