import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBytes, type Encoding } from './decode';
import { isNormalizedAbsolute } from '../fs';

/** Where bytes come from: the disk, or a test's in-memory files. */
export interface ByteSource {
  /** A regular file's size in bytes; undefined when it is absent or not a regular file (folder, FIFO, device). */
  sizeOf(file: string): number | undefined;
  read(file: string): Buffer | undefined;
  /** The path with every symlink resolved; undefined when it does not exist. */
  realPath(file: string): string | undefined;
  /** The names of the folders directly inside `dir` (not following symlinks), at most `max`; none when unknown. */
  subfolders?(dir: string, max: number): string[];
  /**
   * What the last component of the path is, without following it (`lstat`): absent, a symbolic link, a regular
   * file (with its size) or something else; undefined when that cannot be told (then `realPath` decides).
   */
  entry?(file: string): { kind: 'missing' | 'symlink' | 'other' } | { kind: 'file'; size: number } | undefined;
}

/** Texts that win over the disk: the editor's open documents, or the fixed texts the CLI holds before writing. */
export interface TextOverlay {
  textOf(file: string): string | undefined;
}

export type ReadResult =
  | { status: 'ok'; text: string; encoding: Encoding; lossless: boolean; bytes: number }
  | { status: 'missing' }
  | { status: 'too-large'; bytes: number };

export function diskBytes(): ByteSource {
  return {
    sizeOf(file) {
      try {
        // Projects probe many files that do not exist (override files, .env): no exception for those.
        const st = fs.statSync(file, { throwIfNoEntry: false });
        return st?.isFile() ? st.size : undefined;
      } catch {
        return undefined; // ENOTDIR, EACCES, a name too long: not a file that can be read
      }
    },
    read(file) {
      try {
        return fs.readFileSync(file);
      } catch {
        return undefined;
      }
    },
    realPath(file) {
      try {
        return fs.realpathSync.native(file);
      } catch {
        return undefined;
      }
    },
    subfolders(dir, max) {
      try {
        const out: string[] = [];
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          if (out.length >= max) break;
          if (entry.isDirectory()) out.push(entry.name);
        }
        return out.sort();
      } catch {
        return [];
      }
    },
    entry(file) {
      try {
        const st = fs.lstatSync(file, { throwIfNoEntry: false });
        if (st === undefined) return { kind: 'missing' };
        return st.isFile() ? { kind: 'file', size: st.size } : { kind: st.isSymbolicLink() ? 'symlink' : 'other' };
      } catch {
        return undefined; // ENOTDIR, EACCES, a name too long: realPath decides
      }
    },
  };
}

/** Is `p` a path of an editor document that is not a file (`untitled:/…`)? Those are never looked up on disk. */
export function isVirtualPath(p: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(p);
}

/**
 * Reads and decodes files for the analysis, within one size limit. The overlay comes first. With `keep`, each
 * file is read once (the CLI: files do not change during a run); the editor reads the disk every time.
 */
export class FileReader {
  private readonly kept = new Map<string, ReadResult>();
  /** With `keep`: real paths (of files and of their folders) as resolved once. */
  private readonly realPaths = new Map<string, string | undefined>();
  /** With `keep`: sizes of regular files (not links) their real path was resolved with, for the read that follows. */
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly bytes: ByteSource,
    private readonly overlay?: TextOverlay,
    private readonly keep = false,
  ) {}

  /** The file's text, from the overlay or the disk; a file over `maxBytes` is not read. */
  read(file: string, maxBytes: number): ReadResult {
    const open = this.overlay?.textOf(file);
    if (open !== undefined) return { status: 'ok', text: open, encoding: 'utf8', lossless: true, bytes: open.length };
    if (isVirtualPath(file)) return { status: 'missing' };
    const kept = this.kept.get(file);
    // A file too large for one limit may be within another (configs per folder).
    if (kept && !(kept.status === 'too-large' && kept.bytes <= maxBytes)) {
      return kept.status === 'ok' && kept.bytes > maxBytes ? { status: 'too-large', bytes: kept.bytes } : kept;
    }
    const result = this.readDisk(file, maxBytes);
    if (this.keep) this.kept.set(file, result);
    return result;
  }

  /** How a file on disk is encoded (to write a fixed text back the same way); undefined when it cannot be read. */
  encodingOf(file: string): { encoding: Encoding; lossless: boolean } | undefined {
    const r = this.kept.get(file) ?? this.readDisk(file, Number.MAX_SAFE_INTEGER);
    return r.status === 'ok' ? { encoding: r.encoding, lossless: r.lossless } : undefined;
  }

  /** Folders directly inside `dir` on disk (the editor's unsaved documents make none). */
  subfolders(dir: string, max: number): string[] {
    return isVirtualPath(dir) ? [] : (this.bytes.subfolders?.(dir, max) ?? []);
  }

  realPath(file: string): string | undefined {
    if (isVirtualPath(file)) return file;
    if (!this.keep) return this.bytes.realPath(file);
    if (this.realPaths.has(file)) return this.realPaths.get(file);
    const real = this.resolveOnce(file);
    this.realPaths.set(file, real);
    return real;
  }

  /**
   * A real path for the run (`keep`: nothing changes meanwhile). A project probes many names per folder, most
   * absent (`.env`, override files, configs up the tree), and `realpath` reads every component of the path
   * again: here one `lstat` says whether the name is there and whether it is a link; a name that is not a link
   * is its folder's real path (resolved once per folder) with the name, as `realpath` would give (for a normalized
   * absolute path; others, and other systems' paths, are resolved by `realpath`).
   */
  private resolveOnce(file: string): string | undefined {
    const entry = this.bytes.entry?.(file);
    if (entry?.kind === 'missing') {
      // Absent now is absent for the run: the read that follows needs no `stat`.
      if (!this.kept.has(file)) this.kept.set(file, { status: 'missing' });
      return undefined;
    }
    if (entry?.kind === 'file') this.sizes.set(file, entry.size);
    const dir = path.dirname(file);
    if ((entry?.kind === 'file' || entry?.kind === 'other') && dir !== file && isNormalizedAbsolute(file)) {
      const realDir = this.realPath(dir);
      if (realDir !== undefined) return path.join(realDir, path.basename(file));
    }
    return this.bytes.realPath(file);
  }

  private readDisk(file: string, maxBytes: number): ReadResult {
    const size = this.sizes.get(file) ?? this.bytes.sizeOf(file);
    if (size === undefined) return { status: 'missing' };
    if (size > maxBytes) return { status: 'too-large', bytes: size };
    const buffer = this.bytes.read(file);
    if (!buffer) return { status: 'missing' };
    if (buffer.length > maxBytes) return { status: 'too-large', bytes: buffer.length };
    return { status: 'ok', bytes: buffer.length, ...decodeBytes(buffer) };
  }
}

/**
 * The folders a lint may read: the workspace folders (editor) or the working directory and the linted paths
 * (CLI), compared by real path, so that a symlink inside them to a file outside is outside. Undefined roots: no
 * limit (the user allowed reading anywhere).
 */
export class Confinement {
  private readonly roots: Set<string> | undefined;
  /** Answers per folder: a project probes several names in one folder (.env, override files, Dockerfiles). */
  private readonly folders = new Map<string, boolean>();

  constructor(
    roots: readonly string[] | undefined,
    private readonly reader: FileReader,
  ) {
    this.roots = roots && new Set(roots.map((r) => reader.realPath(path.resolve(r)) ?? path.resolve(r)));
  }

  get limited(): boolean {
    return this.roots !== undefined;
  }

  /** Whether `file` may be read; `also`: a folder readable for this lint (the linted file's own). */
  allows(file: string, also?: string): boolean {
    if (!this.roots || isVirtualPath(file)) return true;
    const real = this.reader.realPath(file);
    // An absent file reads as absent wherever it is; its folder decides once it exists.
    if (real === undefined) return true;
    if (also !== undefined && isWithin(real, this.reader.realPath(also) ?? also)) return true;
    return this.roots.has(real) || this.folderAllowed(path.dirname(real));
  }

  private folderAllowed(folder: string): boolean {
    let inside = this.folders.get(folder);
    if (inside === undefined) {
      inside = false;
      for (let dir = folder; ;) {
        if (this.roots!.has(dir)) {
          inside = true;
          break;
        }
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
      if (this.folders.size > 10_000) this.folders.clear();
      this.folders.set(folder, inside);
    }
    return inside;
  }
}

function isWithin(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** Bytes from texts held in memory (tests, and callers that already have every file's text). */
export function textBytes(files: { readText(file: string): string | undefined }): ByteSource {
  return {
    sizeOf: (file) => {
      const text = files.readText(file);
      return text === undefined ? undefined : Buffer.byteLength(text, 'utf8');
    },
    read: (file) => {
      const text = files.readText(file);
      return text === undefined ? undefined : Buffer.from(text, 'utf8');
    },
    realPath: (file) => (files.readText(file) === undefined ? undefined : path.resolve(file)),
  };
}
