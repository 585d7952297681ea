import type { Suppression } from '../../shared-rules/src/model';

/**
 * Finds `# dockwarden-ignore <id>[,<id>] [-- reason]` and `# dockwarden-ignore-file ...` comments in any
 * text whose comments start with `#` (Compose YAML, Dockerfiles, .env).
 *
 * A comment on a line of its own covers the next line that is neither blank nor a comment; a comment at the
 * end of a line covers that line. `#` counts as a comment only at the start of a line or after whitespace,
 * and not inside a quoted string that starts on the same line.
 */
export function scanSuppressions(file: string, text: string): Suppression[] {
  if (text.indexOf('dockwarden-ignore') < 0) return [];
  const lines = text.split(/\r\n|\n|\r/);
  const out: Suppression[] = [];
  const pendingOwnLine: Suppression[] = [];
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line];
    const hash = commentStart(content);
    const ownLine = hash >= 0 && content.slice(0, hash).trim() === '';
    if (!ownLine && content.trim() !== '') {
      // The next code line: every pending own-line suppression covers it.
      for (const s of pendingOwnLine.splice(0)) s.line = line;
    }
    if (hash < 0) continue;
    const parsed = parseDirective(content.slice(hash));
    if (!parsed) continue;
    const s: Suppression = {
      ids: parsed.ids,
      scope: parsed.file ? 'file' : 'line',
      line,
      source: { file, range: { start: { line, character: hash }, end: { line, character: content.length } } },
    };
    out.push(s);
    if (!parsed.file && ownLine) pendingOwnLine.push(s);
  }
  // Own-line suppressions at the end of the file cover nothing; they keep their own line (reported unused).
  return out;
}

/** Index of the `#` that starts a comment on this line, or -1. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        // YAML's '' inside single quotes is an escaped quote.
        if (quote === "'" && line[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    const prev = i === 0 ? ' ' : line[i - 1];
    if (c === '#' && /\s/.test(prev)) return i;
    // A quote opens a string only where a token starts (so `it's` is not a string).
    if ((c === '"' || c === "'") && /[\s:[{,=]/.test(prev)) quote = c;
  }
  return -1;
}

function parseDirective(comment: string): { ids: string[]; file: boolean } | undefined {
  const m = /^#\s*dockwarden-ignore(-file)?(?=\s|$)(.*)$/.exec(comment);
  if (!m) return undefined;
  const body = m[2].split(/\s--(?:\s|$)/)[0];
  const ids = body
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9][a-z0-9-]*$/i.test(s));
  if (ids.length === 0) return undefined;
  return { ids, file: m[1] === '-file' };
}

/**
 * Command lines continued over several lines (`docker run \`): a line suppression that covers the first line of
 * a command covers each of its lines (Suppression.lastLine). `spans` are the commands' first and last lines.
 */
export function extendSuppressions(suppressions: Suppression[], spans: readonly { first: number; last: number }[]): void {
  if (suppressions.length === 0) return;
  const lastByFirst = new Map<number, number>();
  for (const s of spans) if (s.last > s.first) lastByFirst.set(s.first, Math.max(lastByFirst.get(s.first) ?? s.first, s.last));
  for (const s of suppressions) {
    if (s.scope !== 'line') continue;
    const last = lastByFirst.get(s.line);
    if (last !== undefined) s.lastLine = last;
  }
}
