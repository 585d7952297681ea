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
 * once made (the loader copies what it changes), so sharing it is safe. One cache per analysis.
 */
interface Entry {
  text: string;
  env: ReadonlyMap<string, string>;
  parsed: ParsedFile;
}

/** Enough for a few open projects; the texts kept stay well under the server's memory budget. */
const MAX_FILES = 32;
const MAX_CHARS = 8 * 1024 * 1024;

export class ComposeParseCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;
  /** Files parsed (not found here): tests and the bench count them. */
  parsed: string[] = [];

  parse(file: string, text: string, env: ReadonlyMap<string, string>): ParsedFile {
    const hit = this.entries.get(file);
    if (hit) {
      this.entries.delete(file);
      this.chars -= hit.text.length;
    }
    const reuse = hit !== undefined && hit.text === text && sameEnv(hit.env, env);
    if (!reuse && this.parsed.length < 10_000) this.parsed.push(file);
    const parsed = reuse ? hit.parsed : parseCompose(file, text, { env });
    if (text.length <= MAX_CHARS / 4) {
      this.entries.set(file, { text, env, parsed }); // most recently used goes last
      this.chars += text.length;
    }
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= MAX_FILES && this.chars <= MAX_CHARS) break;
      this.entries.delete(oldest);
      this.chars -= entry.text.length;
    }
    return parsed;
  }
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
