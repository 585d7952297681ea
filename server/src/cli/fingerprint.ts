import { createHash } from 'node:crypto';
import type { Finding } from '../../../shared-rules/src/rule';

/**
 * Fingerprints that survive lines moving: a hash of the rule id, the file (as `fileKey` names it),
 * the flagged line(s) with whitespace normalized, and the finding's index among findings that share
 * all of those — never the line number.
 */
export function fingerprints(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
  fileKey: (file: string) => string,
): string[] {
  const linesByFile = new Map<string, string[]>();
  const seen = new Map<string, number>();
  return findings.map((f) => {
    let lines = linesByFile.get(f.at.file);
    if (!lines) {
      lines = (textOf(f.at.file) ?? '').split(/\r\n|\r|\n/);
      linesByFile.set(f.at.file, lines);
    }
    const { start, end } = f.at.range;
    // A range that ends at the start of a line does not flag that line.
    const last = end.line > start.line && end.character === 0 ? end.line - 1 : Math.max(start.line, end.line);
    const flagged = lines
      .slice(start.line, last + 1)
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .join('\n');
    const base = `${f.rule}\u0000${fileKey(f.at.file)}\u0000${flagged}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
