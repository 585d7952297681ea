import * as fs from 'node:fs';

/**
 * Standard output and error written with `fs.writeSync` on their file descriptors. `process.stdout` would do the
 * same (it writes synchronously to files, pipes and terminals), but creating it loads Node's stream modules, and
 * telling a terminal apart loads `tty` and `net`: together about 5 ms of the 70 ms a run on one small file takes.
 */
export interface FdWriter {
  write(s: string): boolean;
  /** Whether the descriptor is a terminal (looked up on first use). */
  readonly isTTY: boolean;
}

/**
 * A writer for `fd`. When the reader has gone (`dockwarden | head`: EPIPE), the rest of the output is dropped
 * quietly and the run ends with the status its findings give.
 */
export function fdWriter(fd: number): FdWriter {
  let tty: boolean | undefined;
  let closed = false;
  return {
    write(s: string): boolean {
      if (closed) return false;
      closed = !writeAll(fd, Buffer.from(s, 'utf8'));
      return !closed;
    },
    get isTTY(): boolean {
      // A pipe or a file (what hooks and CI give) is told by a stat; only a character device other than
      // /dev/null (`dockwarden … >/dev/null`, for the exit status alone) may be a terminal.
      tty ??= mayBeTerminal(fd) && (require('node:tty') as typeof import('node:tty')).isatty(fd);
      return tty;
    },
  };
}

function mayBeTerminal(fd: number): boolean {
  try {
    const stat = fs.fstatSync(fd);
    return stat.isCharacterDevice() && !isNullDevice(stat);
  } catch {
    return false;
  }
}

function isNullDevice(stat: fs.Stats): boolean {
  if (process.platform === 'win32') return false;
  try {
    const devNull = fs.statSync('/dev/null');
    return stat.rdev === devNull.rdev && stat.ino === devNull.ino && stat.dev === devNull.dev;
  } catch {
    return false;
  }
}

/** A sleep for a busy non-blocking descriptor (EAGAIN), without a timer: the CLI stays synchronous. */
let pause: Int32Array | undefined;

/** Writes every byte; false when the reader has gone. */
function writeAll(fd: number, bytes: Buffer): boolean {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      // The descriptor was made non-blocking by whoever shares it (a parent's event loop): wait until it drains.
      if (code !== 'EAGAIN') throw error;
      pause ??= new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(pause, 0, 0, 1);
    }
  }
  return true;
}
