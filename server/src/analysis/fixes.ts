import type { TextEdit } from '../../../shared-rules/src/model';
import type { Finding } from '../../../shared-rules/src/rule';
import { applyEdits } from '../text/edits';
import { LineIndex } from '../text/line-index';
import type { FileLint } from './analysis';

export interface FixOptions {
  /** Apply unsafe fixes too (`--unsafe-fixes`); by default only safe ones (rules.md § Fix safety). */
  unsafe?: boolean;
  /** Bounds a fix that never converges. */
  maxPasses?: number;
  /** Stop early (the editor's time budget); the passes done so far are a complete result. */
  cancelled?: () => boolean;
}

export interface AppliedFix {
  file: string;
  rule: string;
  title: string;
}

export interface FixOutcome {
  applied: AppliedFix[];
  /** Files whose text changed: the text before the first fix and after the last. */
  changed: Map<string, { before: string; after: string }>;
  /** Files a fix would have edited but may not (outside the allowed folders, or not valid UTF-8). */
  refused: string[];
  /** Unsafe fixes left unapplied (without `unsafe`) in the files' last lints: the CLI says how to apply them. */
  unsafeLeft: number;
}

/** What the fix engine needs of the analysis. */
export interface FixHost {
  lint(file: string): FileLint;
  read(file: string): string | undefined;
  write(file: string, text: string): void;
  writable(file: string): boolean;
  fixEnabled(file: string, rule: string): boolean;
}

export const MAX_FIX_PASSES = 100;

/**
 * The one fix engine, for `--fix` / `--dry-run` and the editor's Fix All alike. Each pass lints every file that
 * changed and applies, at once, every fix whose edits are strictly apart from the others' (not even touching: two
 * insertions at one point could interleave) in every file they edit — a fix may edit another file of the project
 * (an override file, an anchor, an extended file). Positions refer to the text a lint saw, so a file's fixes are
 * applied right after its lint and it is linted again in the next pass. A fix whose finding is still there after
 * it was applied is not tried again, so nothing loops; the passes are bounded too.
 */
export function fixToFixedPoint(files: readonly string[], options: FixOptions, host: FixHost): FixOutcome {
  const outcome: FixOutcome = { applied: [], changed: new Map(), refused: [], unsafeLeft: 0 };
  const unsafeLeft = new Map<string, string[]>();
  const linted = new Set(files);
  const dead = new Set<string>();
  /** Identities applied in a file's last batch and how often each was found then. */
  const pending = new Map<string, Map<string, number>>();
  let dirty = new Set(files);
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  for (let pass = 0; pass < maxPasses && dirty.size > 0 && !options.cancelled?.(); pass++) {
    const next = new Set<string>();
    for (const file of dirty) {
      if (options.cancelled?.()) break;
      const lint = host.lint(file);
      const found = [...lint.findings, ...lint.elsewhere.filter((f) => !linted.has(f.at.file))];
      const counts = countIdentities(found);
      for (const [id, before] of pending.get(file) ?? []) if ((counts.get(id) ?? 0) >= before) dead.add(id);
      pending.delete(file);
      if (!options.unsafe)
        unsafeLeft.set(file, found.filter((f) => f.fix?.safety === 'unsafe' && host.fixEnabled(file, f.rule)).map(identity));
      const candidates = found.filter((f) => applicable(f, file, options, host, dead));
      if (candidates.length === 0) continue;
      const applied = applyBatch(chooseBatch(candidates, host), host, outcome, dead);
      // Refused: linted again without the fix that failed (it is dead now).
      if (!applied) {
        next.add(file);
        continue;
      }
      pending.set(file, new Map([...applied.ids].map((id) => [id, counts.get(id) ?? 0])));
      next.add(file);
      for (const f of applied.files) if (linted.has(f)) next.add(f);
    }
    dirty = next;
  }
  // A finding in a file that several linted files share is counted once.
  outcome.unsafeLeft = new Set([...unsafeLeft.values()].flat()).size;
  return outcome;
}

function identity(f: Finding): string {
  return `${f.rule}\u0000${f.at.file}\u0000${f.message}\u0000${f.fix?.title ?? ''}`;
}

function countIdentities(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.fix) counts.set(identity(f), (counts.get(identity(f)) ?? 0) + 1);
  return counts;
}

function applicable(f: Finding, file: string, options: FixOptions, host: FixHost, dead: ReadonlySet<string>): boolean {
  if (!f.fix || f.fix.edits.length === 0) return false;
  if (f.fix.safety === 'unsafe' && !options.unsafe) return false;
  return host.fixEnabled(file, f.rule) && !dead.has(identity(f));
}

/** Fixes that can go in one pass: every edit of each strictly apart from those already chosen, file by file. */
function chooseBatch(candidates: Finding[], host: FixHost): Finding[] {
  const indexes = new Map<string, LineIndex | undefined>();
  const indexOf = (file: string) => {
    if (!indexes.has(file)) {
      const text = host.read(file);
      indexes.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return indexes.get(file);
  };
  const taken = new Map<string, Array<[number, number]>>();
  const batch: Finding[] = [];
  for (const f of candidates) {
    const spans: Array<[string, number, number]> = [];
    let ok = true;
    for (const e of f.fix!.edits) {
      const index = indexOf(e.file);
      if (!index) {
        ok = false;
        break;
      }
      spans.push([e.file, index.offsetAt(e.range.start), index.offsetAt(e.range.end)]);
    }
    if (!ok) continue;
    if (spans.some(([file, a, b]) => (taken.get(file) ?? []).some(([c, d]) => a <= d && c <= b))) continue;
    for (const [file, a, b] of spans) {
      const list = taken.get(file);
      if (list) list.push([a, b]);
      else taken.set(file, [[a, b]]);
    }
    batch.push(f);
  }
  return batch;
}

/** Applies the batch (a refused batch: its first fix alone); the files it changed, with the identities applied. */
interface Applied {
  /** Files changed. */
  files: string[];
  /** Identities of the fixes applied. */
  ids: Set<string>;
}

function applyBatch(batch: Finding[], host: FixHost, outcome: FixOutcome, dead: Set<string>): Applied | undefined {
  const done = tryApply(batch, host, outcome) ?? (batch.length > 1 ? tryApply(batch.slice(0, 1), host, outcome) : undefined);
  if (!done) dead.add(identity(batch[0]));
  return done;
}

function tryApply(batch: Finding[], host: FixHost, outcome: FixOutcome): Applied | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const f of batch) {
    for (const e of f.fix!.edits) {
      const list = byFile.get(e.file);
      if (list) list.push(e);
      else byFile.set(e.file, [e]);
    }
  }
  const results: Array<{ file: string; before: string; after: string }> = [];
  for (const [file, edits] of byFile) {
    if (!host.writable(file)) {
      if (!outcome.refused.includes(file)) outcome.refused.push(file);
      return undefined;
    }
    const before = host.read(file);
    const after = before === undefined ? undefined : applyEdits(before, edits);
    if (before === undefined || after === undefined) return undefined;
    results.push({ file, before, after });
  }
  if (results.every((r) => r.after === r.before)) return undefined;
  for (const r of results) {
    host.write(r.file, r.after);
    const seen = outcome.changed.get(r.file);
    outcome.changed.set(r.file, { before: seen?.before ?? r.before, after: r.after });
  }
  for (const f of batch) outcome.applied.push({ file: f.at.file, rule: f.rule, title: f.fix!.title });
  return { files: results.map((r) => r.file), ids: new Set(batch.map(identity)) };
}
