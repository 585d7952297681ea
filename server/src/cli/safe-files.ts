import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Reads and writes of the files the CLI is told about (`--baseline`, `--config`, the files `--fix` rewrites),
 * safe against what a hostile repository can put at those paths:
 * - only regular files are read (a FIFO would block forever, `/dev/zero` never ends), and only up to a size;
 * - a path inside the working directory or the linted folders that is a symbolic link to a file outside them is
 *   neither read nor written through (`baseline.json -> /etc/shadow`, `compose.yaml -> ~/.bashrc`), unless
 *   `--allow-outside`; a path the user names outside them is theirs to name;
 * - nothing of a file's content is ever quoted in an error.
 */

export type ReadFailure = 'missing' | 'not-a-file' | 'too-large' | 'outside' | 'unreadable';

export type ReadResult = { ok: true; text: string } | { ok: false; reason: ReadFailure; real?: string };

/** Folders reads and writes stay in (real paths), or undefined for no confinement (`--allow-outside`). */
export class Confinement {
  private readonly roots: Set<string>;

  constructor(roots: readonly string[]) {
    this.roots = new Set<string>();
    for (const r of roots) {
      const abs = path.resolve(r);
      this.roots.add(abs);
      this.roots.add(realPath(abs));
    }
  }

  /** `p` (absolute) is one of the roots or below one. */
  contains(p: string): boolean {
    for (let dir = p; ;) {
      if (this.roots.has(dir)) return true;
      const parent = path.dirname(dir);
      if (parent === dir) return false;
      dir = parent;
    }
  }

  /**
   * The real path when `file` lies inside the roots as written but resolves (through symbolic links) outside
   * them; undefined when it may be used.
   */
  escapes(file: string): string | undefined {
    const abs = path.resolve(file);
    if (!this.contains(abs)) return undefined; // named outside on purpose
    const real = realPath(abs);
    return this.contains(real) ? undefined : real;
  }
}

/** The real path of `p`; for a path that does not exist yet, its folder's real path and its name. */
export function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    const dir = path.dirname(p);
    if (dir === p) return p;
    return path.join(realPath(dir), path.basename(p));
  }
}

/**
 * A regular file's text (UTF-8, without a byte-order mark), at most `maxBytes`. The file is opened without
 * blocking and checked on the open descriptor, so a FIFO or a device swapped in after a check is still refused.
 */
export function readRegularFile(file: string, maxBytes: number, confinement?: Confinement): ReadResult {
  const real = confinement?.escapes(file);
  if (real !== undefined) return { ok: false, reason: 'outside', real };
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large' };
    // Read to the size seen (plus one byte, to notice a file that grows meanwhile).
    const buffer = Buffer.alloc(Math.min(st.size + 1, maxBytes + 1));
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { ok: false, reason: 'too-large' };
    const text = buffer.subarray(0, length).toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

/** Why a file may not be written: it resolves outside the roots (the real path is given). */
export class OutsideWriteError extends Error {
  constructor(
    readonly file: string,
    readonly real: string,
  ) {
    super(`it resolves to ${real}, outside the working directory and the linted folders`);
  }
}

/** Throws OutsideWriteError when writing `file` would write through a symbolic link out of the roots. */
export function checkWriteTarget(file: string, confinement: Confinement | undefined): void {
  const real = confinement?.escapes(file);
  if (real !== undefined) throw new OutsideWriteError(file, real);
}
