import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes through a temporary file in the same folder and a rename, so a crash never leaves half a file. */
export function writeFileAtomic(target: string, text: string | Uint8Array): void {
  // Write through a symlink to the file it points at, rather than replacing the link.
  let file: string;
  try {
    file = fs.realpathSync(target);
  } catch {
    file = target;
  }
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.dockwarden-${process.pid}-${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    // `wx`: never through something already at the temporary name (a planted symbolic link).
    fs.writeFileSync(tmp, text, mode === undefined ? { flag: 'wx' } : { mode, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (error) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw error;
  }
}
