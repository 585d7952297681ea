import type { Suppression } from '../../shared-rules/src/model';

/**
 * Suppression comments: `dockwarden-ignore <id>[,<id>] [-- reason]` and `dockwarden-ignore-file ...`, in `#`
 * comments (Compose YAML, Dockerfiles, .env, scripts: scanSuppressions) or in the comments of another syntax that a
 * front end finds itself (`//` and `/* *\/` in devcontainer.json: suppressionsFromComments).
 *
 * A comment on a line of its own covers the next line that holds code (not blank, not only comments); a comment
 * at the end of a line covers that line.
 */
export function scanSuppressions(file: string, text: string): Suppression[] {
  if (text.indexOf('dockwarden-ignore') < 0) return [];
  const lines = text.split(/\r\n|\n|\r/);
  const comments: CommentAt[] = [];
  const code: number[] = [];
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line];
    const hash = commentStart(content);
    const ownLine = hash >= 0 && content.slice(0, hash).trim() === '';
    if (!ownLine && content.trim() !== '') code.push(line);
    if (hash >= 0)
      comments.push({ line, lastLine: line, character: hash, endCharacter: content.length, body: content.slice(hash + 1), ownLine });
  }
  return suppressionsFromComments(file, comments, code);
}

/** A comment, as the suppression scan needs it. */
export interface CommentAt {
  /** The lines it starts and ends on, and its columns (UTF-16) on them. */
  line: number;
  lastLine: number;
  character: number;
  endCharacter: number;
  /** Its text without the comment's opener and closer (`#`, `//`, `/*`, `*\/`). */
  body: string;
  /** Nothing but blanks before it on its line. */
  ownLine: boolean;
}

/** Suppressions of comments (in text order); `codeLines`: the lines that hold code, ascending. */
export function suppressionsFromComments(file: string, comments: readonly CommentAt[], codeLines: readonly number[]): Suppression[] {
  const out: Suppression[] = [];
  let next = 0;
  for (const comment of comments) {
    const parsed = parseDirective(comment.body);
    if (!parsed) continue;
    const s: Suppression = {
      ids: parsed.ids,
      scope: parsed.file ? 'file' : 'line',
      line: comment.line,
      source: {
        file,
        range: {
          start: { line: comment.line, character: comment.character },
          end: { line: comment.lastLine, character: comment.endCharacter },
        },
      },
    };
    out.push(s);
    if (parsed.file || !comment.ownLine) continue;
    // The next code line after the comment; none at the end of the file: it keeps its own line (reported unused).
    while (next < codeLines.length && codeLines[next] <= comment.lastLine) next++;
    if (next < codeLines.length) s.line = codeLines[next];
  }
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
  const m = /^\s*dockwarden-ignore(-file)?(?=\s|$)(.*)$/s.exec(comment);
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
