import type { Finding } from '../../../shared-rules/src/rule';
import { applyEdits, lineStartsOf, offsetAt } from '../cli/edits';

/** Bounds a fix that never converges; each pass applies every fix that does not touch another. */
export const MAX_FIX_PASSES = 50;

/**
 * Applies the fixes of `file` in passes, linting again after each pass because a fix's positions refer to the
 * text it was computed on. Within a pass only fixes whose spans are strictly apart are applied together (as
 * ESLint does), so overlapping or adjacent fixes never corrupt the text: the later one waits for the next
 * pass. Fixes that also edit other files are left to their quick fix. Each finding is fixed at most once, so a
 * fix that does not remove its finding cannot loop.
 */
export function fixAllText(
  file: string,
  text: string,
  lint: (text: string) => readonly Finding[],
  maxPasses = MAX_FIX_PASSES,
  cancelled: () => boolean = () => false,
): { text: string; applied: number } {
  const done = new Set<string>();
  let applied = 0;
  for (let pass = 0; pass < maxPasses && !cancelled(); pass++) {
    const starts = lineStartsOf(text);
    const candidates: { from: number; to: number; finding: Finding; identity: string }[] = [];
    for (const f of lint(text)) {
      if (!f.fix || f.fix.edits.length === 0 || f.fix.edits.some((e) => e.file !== file)) continue;
      const identity = `${f.rule}\u0000${f.message}\u0000${f.fix.title}`;
      if (done.has(identity)) continue;
      const offsets = f.fix.edits.flatMap((e) => [offsetAt(text, starts, e.range.start), offsetAt(text, starts, e.range.end)]);
      candidates.push({ from: Math.min(...offsets), to: Math.max(...offsets), finding: f, identity });
    }
    candidates.sort((a, b) => a.from - b.from || a.to - b.to);
    const chosen: typeof candidates = [];
    let lastEnd = -1;
    for (const c of candidates) {
      if (c.from <= lastEnd) continue;
      chosen.push(c);
      lastEnd = c.to;
    }
    const edits = chosen.flatMap((c) => c.finding.fix!.edits);
    const next = chosen.length > 0 ? applyEdits(text, edits) : undefined;
    if (next === undefined) {
      // Refused as a batch (a fix's own edits overlap): try the first alone, and never again.
      const first = chosen[0];
      if (!first) break;
      done.add(first.identity);
      const alone = applyEdits(text, first.finding.fix!.edits);
      if (alone !== undefined && alone !== text) {
        text = alone;
        applied++;
      }
      continue;
    }
    if (next === text) break;
    for (const c of chosen) done.add(c.identity);
    text = next;
    applied += chosen.length;
  }
  return { text, applied };
}
