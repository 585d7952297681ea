import { diskFileAccess, type FileAccess } from '../fs';
import { isVirtualPath } from './uris';

/** Open editor buffers by path; the file access serves them before the disk so unsaved edits count. */
export interface OpenTexts {
  textOf(file: string): string | undefined;
}

/** Open documents first, then the disk (only for real paths: virtual documents never touch the disk). */
export function overlayFileAccess(open: OpenTexts, disk: FileAccess = diskFileAccess()): FileAccess {
  return {
    readText(file) {
      const text = open.textOf(file);
      if (text !== undefined) return text;
      return isVirtualPath(file) ? undefined : disk.readText(file);
    },
  };
}
