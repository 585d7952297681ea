import type { ParsedFile } from '../../../shared-rules/src/model';
import { parseCompose } from '../compose/parse';
import { processEnvNamesOf } from '../compose/interpolate';

function sameNames(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (a === b) return true;
  if ((a?.size ?? 0) !== (b?.size ?? 0)) return false;
  for (const n of a ?? []) if (!b!.has(n)) return false;
  return true;
}

/**
 * Compose parses kept from one lint to the next. While a user types in `compose.yaml`, its override file, the
 * files it includes and the files its services extend are read again on every keystroke, unchanged: parsing
 * them again would double the cost of a keystroke in a two-file project. A parse is reused when the file's
 * text and the interpolation environment are the same as when it was made; a ParsedFile is never modified
 * once made (the loader copies what it changes), so sharing it is safe.
 */
interface Entry {
  text: string;
  env: ReadonlyMap<string, string>;
  parsed: ParsedFile;
}

const entries = new Map<string, Entry>();
/** Enough for a few open projects; the texts kept stay well under the server's memory budget. */
const MAX_FILES = 32;
const MAX_CHARS = 8 * 1024 * 1024;
let chars = 0;

export function parseComposeCached(file: string, text: string, env: ReadonlyMap<string, string>): ParsedFile {
  const hit = entries.get(file);
  if (hit) {
    entries.delete(file);
    chars -= hit.text.length;
  }
  const parsed = hit && hit.text === text && sameEnv(hit.env, env) ? hit.parsed : parseCompose(file, text, { env });
  if (text.length <= MAX_CHARS / 4) {
    entries.set(file, { text, env, parsed }); // most recently used goes last
    chars += text.length;
  }
  for (const [oldest, entry] of entries) {
    if (entries.size <= MAX_FILES && chars <= MAX_CHARS) break;
    entries.delete(oldest);
    chars -= entry.text.length;
  }
  return parsed;
}

/** For tests and benchmarks of the uncached path. */
export function clearComposeParseCache(): void {
  entries.clear();
  chars = 0;
}

/** Equal variables in the same order, the same of them from the process environment (their values are masked). */
export function sameEnv(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size || !sameNames(processEnvNamesOf(a), processEnvNamesOf(b))) return false;
  const bi = b.entries();
  for (const [k, v] of a) {
    const [bk, bv] = bi.next().value as [string, string];
    if (k !== bk || v !== bv) return false;
  }
  return true;
}
