import * as path from 'node:path';
import type { Finding } from '../../../shared-rules/src/rule';
import type { TextEdit } from '../../../shared-rules/src/model';
import { fixEnabled } from '../config';
import type { DiscoveredFile } from '../discover';
import { applyEdits, lineStartsOf, offsetAt } from './edits';
import { lintOne, type LintContext } from './lint-files';

export interface AppliedFix {
  file: string;
  rule: string;
  title: string;
}

export interface FixOutcome {
  applied: AppliedFix[];
  /** Files whose text changed: display path → [original, fixed]. */
  changed: Map<string, { abs: string; before: string; after: string }>;
}

/** Passes are bounded so that a fix that does not remove its finding cannot loop forever. */
export const MAX_PASSES = 100;

/**
 * Applies fixes in memory (in ctx.store), then the file is linted again, because every fix's positions
 * refer to the text it was computed on. A pass applies at most one fix per container (service or stage)
 * of a file, and only fixes whose edits neither overlap nor touch, so that a large file converges in a
 * few passes while no two fixes can interfere. Rules whose fixes the config turns off
 * (`fixes: {id: false}`) are skipped. Writing is the caller's job.
 */
export function fixFiles(files: readonly DiscoveredFile[], ctx: LintContext, cwd: string): FixOutcome {
  const outcome: FixOutcome = { applied: [], changed: new Map() };
  const refused = new Set<string>();
  let dirty = new Set(files);
  for (let pass = 0; pass < MAX_PASSES && dirty.size > 0; pass++) {
    const next = new Set<DiscoveredFile>();
    for (const file of dirty) {
      const candidates = lintOne(file, ctx).filter((f) => isApplicable(f, file, refused));
      if (candidates.length === 0) continue;
      const batch = chooseBatch(candidates, file.display, ctx);
      let touched = applyFix(
        batch.flatMap((f) => f.fix!.edits),
        ctx,
        cwd,
        outcome,
      );
      let applied = batch;
      if (touched.length === 0 && batch.length > 1) {
        applied = [batch[0]];
        touched = applyFix(batch[0].fix!.edits, ctx, cwd, outcome);
      }
      if (touched.length === 0) {
        refused.add(fixKey(applied[0]));
        next.add(file);
        continue;
      }
      for (const f of applied) outcome.applied.push({ file: f.at.file, rule: f.rule, title: f.fix!.title });
      next.add(file);
      for (const t of touched) for (const other of files) if (other.path === t) next.add(other);
    }
    dirty = next;
  }
  return outcome;
}

/** Fixes that can go in one pass: one per container, edits only in this file, apart from each other. */
function chooseBatch(candidates: Finding[], file: string, ctx: LintContext): Finding[] {
  const first = candidates[0];
  const text = ctx.store.readText(file);
  const local = (f: Finding) => f.fix!.edits.every((e) => e.file === file);
  if (text === undefined || !local(first)) return [first];
  const starts = lineStartsOf(text);
  const spans: [number, number][] = [];
  const containers = new Set<string>();
  const batch: Finding[] = [];
  for (const f of candidates) {
    const container = f.container ?? '\u0000none';
    if (containers.has(container) || !local(f)) continue;
    const mine = f.fix!.edits.map((e): [number, number] => [offsetAt(text, starts, e.range.start), offsetAt(text, starts, e.range.end)]);
    // Apart means not even touching: two insertions at one point could interleave.
    if (mine.some(([a, b]) => spans.some(([c, d]) => a <= d && c <= b))) continue;
    spans.push(...mine);
    containers.add(container);
    batch.push(f);
  }
  return batch;
}

function isApplicable(f: Finding, file: DiscoveredFile, refused: Set<string>): boolean {
  return Boolean(f.fix && f.fix.edits.length > 0 && fixEnabled(file.config.config, f.rule) && !refused.has(fixKey(f)));
}

function fixKey(f: Finding): string {
  const r = f.at.range;
  return `${f.rule}\u0000${f.at.file}\u0000${r.start.line}:${r.start.character}\u0000${f.fix?.title ?? ''}`;
}

/** Applies one fix's edits (possibly in several files); returns the absolute paths changed, [] when refused. */
function applyFix(edits: readonly TextEdit[], ctx: LintContext, cwd: string, outcome: FixOutcome): string[] {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const results: { file: string; abs: string; before: string; after: string }[] = [];
  for (const [file, list] of byFile) {
    const before = ctx.store.readText(file);
    if (before === undefined) return [];
    const after = applyEdits(before, list);
    if (after === undefined) return [];
    results.push({ file, abs: path.resolve(cwd, file), before, after });
  }
  if (results.every((r) => r.after === r.before)) return [];
  for (const r of results) {
    ctx.store.set(r.file, r.after);
    const seen = outcome.changed.get(r.file);
    outcome.changed.set(r.file, { abs: r.abs, before: seen?.before ?? r.before, after: r.after });
  }
  return results.map((r) => r.abs);
}
