import type { Finding, Severity } from '../../../shared-rules/src/rule';
import type { CliTexts } from './texts';

/** The JSON output's finding: 1-based lines and columns (end exclusive), as SARIF counts them. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Severity;
  message: string;
  /** Every container the finding concerns (a value several services inherit is reported once). */
  services: string[];
  fixable: boolean;
  /** The fix `--fix` would apply (when `safety` allows): its edits, positions as above. */
  fix?: { title: string; safety: 'safe' | 'unsafe'; edits: JsonEdit[] };
}

export interface JsonEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export function toJsonFinding(f: Finding): JsonFinding {
  const { start, end } = f.at.range;
  return {
    file: f.at.file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    services: containersOf(f),
    fixable: Boolean(f.fix && f.fix.edits.length > 0),
    ...(f.fix && f.fix.edits.length > 0
      ? {
          fix: {
            title: f.fix.title,
            safety: f.fix.safety ?? 'safe',
            edits: f.fix.edits.map((e) => ({
              file: e.file,
              line: e.range.start.line + 1,
              column: e.range.start.character + 1,
              endLine: e.range.end.line + 1,
              endColumn: e.range.end.character + 1,
              newText: e.newText,
            })),
          },
        }
      : {}),
  };
}

/** One file and one finding per line: readable, diffable, and much faster than indenting everything. */
export function formatJson(files: readonly string[], findings: readonly Finding[]): string {
  let out = '';
  writeJson({ write: (s) => (out += s) }, files, findings);
  return out;
}

/**
 * formatJson, written in pieces of about a megabyte: 140,000 findings make 40 MB of JSON, which need not be
 * one string (nor an array of 140,000 strings) before it is written.
 */
export function writeJson(out: { write(s: string): unknown }, files: readonly string[], findings: readonly Finding[]): void {
  let buffer = '';
  const put = (s: string) => {
    buffer += s;
    if (buffer.length >= 1 << 20) {
      out.write(buffer);
      buffer = '';
    }
  };
  const list = <T>(items: readonly T[], item: (t: T) => unknown) => {
    if (items.length === 0) return put('[]');
    put('[\n    ');
    items.forEach((t, i) => put((i > 0 ? ',\n    ' : '') + JSON.stringify(item(t))));
    put('\n  ]');
  };
  put('{\n  "version": 1,\n  "files": ');
  list(files, (f) => f);
  put(',\n  "findings": ');
  list(findings, toJsonFinding);
  put('\n}\n');
  if (buffer) out.write(buffer);
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export interface TextOptions {
  /** Grouped by file with colours (a terminal); otherwise one `path:line:col ...` line per finding. */
  pretty: boolean;
  color: boolean;
  texts: CliTexts;
  fileCount: number;
}

export function formatText(findings: readonly Finding[], o: TextOptions): string {
  const lines: string[] = [];
  if (!o.pretty) {
    for (const f of findings) {
      const { line, character } = f.at.range.start;
      lines.push(`${f.at.file}:${line + 1}:${character + 1} ${f.severity} ${f.rule} ${oneLine(f.message)}${inherited(f, o.texts)}`);
    }
  } else {
    const paint = (code: string, s: string) => (o.color ? `${code}${s}${RESET}` : s);
    let current: string | undefined;
    for (const f of findings) {
      if (f.at.file !== current) {
        if (current !== undefined) lines.push('');
        current = f.at.file;
        lines.push(paint(BOLD, current));
      }
      const pos = `${f.at.range.start.line + 1}:${f.at.range.start.character + 1}`;
      lines.push(
        `  ${paint(DIM, pos.padEnd(7))} ${paint(COLORS[f.severity], f.severity.padEnd(7))} ${oneLine(f.message)}${inherited(f, o.texts)}  ${paint(DIM, f.rule)}`,
      );
    }
    if (findings.length > 0) lines.push('');
  }
  const c = countBySeverity(findings);
  const summary = o.texts.summary({ problems: findings.length, ...c, files: o.fileCount }) + frequentRules(findings, o.texts);
  lines.push(o.pretty && o.color && findings.length > 0 ? paint2(c.errors > 0 ? COLORS.error : COLORS.warning, summary) : summary);
  return lines.join('\n') + '\n';
}

function containersOf(f: Finding): string[] {
  return f.containers ?? (f.container === undefined ? [] : [f.container]);
}

/** ` (also: worker, scheduler)` for a value several containers inherit. */
function inherited(f: Finding, t: CliTexts): string {
  const all = containersOf(f);
  return all.length > 1 ? t.alsoIn(all.slice(1).join(', ')) : '';
}

/** Rules with more than ten findings, most frequent first, for the summary line. */
function frequentRules(findings: readonly Finding[], t: CliTexts): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const frequent = [...counts].filter(([, n]) => n > 10).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return frequent.length === 0 ? '' : `; ${t.byRule(frequent.map(([rule, n]) => `${rule} ${n}`).join(', '))}`;
}

function paint2(code: string, s: string): string {
  return `${BOLD}${code}${s}${RESET}`;
}

export function countBySeverity(findings: readonly Finding[]) {
  const c = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else if (f.severity === 'info') c.infos++;
    else c.hints++;
  }
  return c;
}

/**
 * The message on one line: each line break with the white space around it becomes one space. One pass (the
 * pattern `\s*\r?\n\s*` retries at every character of a long run of spaces that has no line break).
 */
export function oneLine(s: string): string {
  if (s.indexOf('\n') < 0) return s;
  let out = '';
  let at = 0;
  for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', at)) {
    let start = nl;
    while (start > at && /\s/.test(s[start - 1])) start--;
    let end = nl + 1;
    while (end < s.length && /\s/.test(s[end])) end++;
    out += s.slice(at, start) + ' ';
    at = end;
  }
  return out + s.slice(at);
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** True when a finding reaches the `--fail-on` level (hints never do). */
export function reachesFailOn(f: Finding, failOn: 'none' | 'info' | 'warning' | 'error'): boolean {
  if (failOn === 'none') return false;
  return RANK[f.severity] >= RANK[failOn] && f.severity !== 'hint';
}
