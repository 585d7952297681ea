import type { ContainerSpec, ParsedFile, ParseProblem, Source, Suppression } from './model';
import type { Finding, FixSafety, Rule, RuleContext, RuleSettings, Severity } from './rule';
import { allRules } from './rules';
import { containerArgs, renderEngineMessage, renderMessage, type Locale } from './l10n';
import { imagesOf, isTrustedBy } from './image-ref';
import { boundArgs, pushAll, shorten } from './bounds';

/** Resolves the severity of a rule for a file: `off` drops its findings, undefined keeps the default. */
export type SeverityResolver = (ruleId: string, file: string) => Severity | 'off' | undefined;

export interface LintOptions {
  settings?: RuleSettings;
  severity?: SeverityResolver;
  rules?: readonly Rule[];
  locale?: Locale;
  /**
   * Rules that look only at containers running an image from outside `trustedRegistries` (and at none when it is
   * not configured): the `recommended` profile's resource limits, for containers the user does not trust.
   */
  untrustedOnly?: ReadonlySet<string>;
}

/**
 * Runs the rules over parsed files that form one project (a Compose project with its Dockerfiles,
 * or a single file). Applies suppressions, severity settings and de-duplicates findings on values
 * that several containers inherit (an anchor, a base file).
 */
export function lintParsed(files: readonly ParsedFile[], options: LintOptions = {}): Finding[] {
  const raw: Finding[] = problemFindings(files, options);
  const composeContainers: ContainerSpec[] = [];
  for (const f of files) for (const c of f.containers) if (c.origin === 'compose') composeContainers.push(c);
  for (const file of files) {
    const ctx = ruleContext(options, file.kind === 'compose' ? composeContainers : file.containers);
    for (const container of file.containers) pushAll(raw, containerFindings(container, ctx, options));
  }
  return finishFindings(raw, files, options);
}

/** Parse problems of the files as findings (they come first, before any rule's), in `options.locale`. */
export function problemFindings(files: readonly ParsedFile[], options: Pick<LintOptions, 'locale'> = {}): Finding[] {
  const raw: Finding[] = [];
  for (const file of files) {
    for (const problem of file.problems) {
      raw.push({
        rule: problem.rule,
        severity: problem.rule === 'analysis-limit' ? 'warning' : 'error',
        message: problemMessage(problem, options.locale ?? 'en'),
        at: problem.source,
      });
    }
  }
  return raw;
}

/** Longest problem message: parsers quote names from the file (an alias, a service), which may be huge. */
const MAX_PROBLEM_MESSAGE = 1000;

function problemMessage(problem: ParseProblem, locale: Locale): string {
  const text = problem.messageId
    ? (renderEngineMessage(problem.rule, problem.messageId, boundArgs(problem.args, undefined), locale) ?? problem.message)
    : problem.message;
  return shorten(text, MAX_PROBLEM_MESSAGE);
}

export function ruleContext(options: LintOptions, project: ContainerSpec[]): RuleContext {
  return { settings: options.settings ?? {}, project };
}

/** The rules' findings on one container, before merging, severity settings and suppressions. */
export function containerFindings(container: ContainerSpec, ctx: RuleContext, options: LintOptions = {}): Finding[] {
  return runRules(options.rules ?? allRules, container, ctx, options.locale ?? 'en', options.untrustedOnly);
}

/**
 * Turns raw findings (problems, then each container's in order) into the final list: merged where inherited,
 * with severity settings and suppressions applied, sorted. Does not modify `raw`, so callers may keep it.
 */
export function finishFindings(
  raw: readonly Finding[],
  files: readonly Pick<ParsedFile, 'file' | 'suppressions'>[],
  options: LintOptions = {},
): Finding[] {
  const merged = mergeInherited(raw);
  const withSeverity = applySeverity(merged, options.severity);
  return sortFindings(applySuppressions(withSeverity, files));
}

function runRules(
  rules: readonly Rule[],
  container: ContainerSpec,
  ctx: RuleContext,
  locale: Locale,
  untrustedOnly: ReadonlySet<string> | undefined,
): Finding[] {
  const out: Finding[] = [];
  let untrusted: boolean | undefined;
  let names: Record<string, string> | undefined;
  for (const rule of rules) {
    if (!rule.appliesTo.includes(container.origin)) continue;
    if (untrustedOnly?.has(rule.id) && !(untrusted ??= runsUntrustedImage(container, ctx.settings.trustedRegistries))) continue;
    try {
      for (const report of rule.check(container, ctx)) {
        names ??= containerArgs(container, locale);
        // Quoted values are shortened, and values from the process environment masked (bounds.ts).
        const finding: Finding = {
          rule: rule.id,
          severity: report.severity ?? rule.defaultSeverity,
          message: renderMessage(rule, report.messageId, { ...names, ...boundArgs(report.args, container.processEnvValues) }, locale),
          at: report.at,
          fixable: rule.fixable,
          container: container.name,
        };
        if (report.fix && report.fix.edits.length > 0) {
          finding.fix = {
            title: renderMessage(rule, report.fix.titleId, boundArgs(report.fix.args, container.processEnvValues), locale),
            edits: report.fix.edits,
            // An unclassified fix is never applied unreviewed.
            safety: report.fix.safety ?? fixSafetyOf(rule, report.fix.titleId),
          };
        }
        if (!isWithin(report.at, container)) {
          finding.related = [{ message: inheritedMessage(container), source: container.declaration }];
        }
        out.push(finding);
      }
    } catch (error) {
      // A failing rule must not take the others down: report it once, at the container.
      out.push({
        rule: 'internal-error',
        severity: 'error',
        message: shorten(`Rule ${rule.id} failed on ${container.name}: ${error instanceof Error ? error.message : String(error)}`, 1000),
        at: container.declaration,
        container: container.name,
      });
    }
  }
  return out;
}

/** The container pulls an image (known, parseable) from outside the trusted registries, which are configured. */
function runsUntrustedImage(container: ContainerSpec, trusted: readonly string[] | undefined): boolean {
  if (!trusted || trusted.length === 0) return false;
  return imagesOf(container).some((use) => !isTrustedBy(use.ref, trusted));
}

function inheritedMessage(container: ContainerSpec): string {
  const name = shorten(container.name);
  if (container.origin === 'compose') return `Service '${name}' inherits this value`;
  if (container.origin === 'dockerfile') return `Stage '${name}' inherits this value`;
  return `${name} uses this value`;
}

function isWithin(at: Source, container: ContainerSpec): boolean {
  if (at.file !== container.file) return false;
  const { start, end } = container.extent;
  return comparePos(at.range.start, start) >= 0 && comparePos(at.range.end, end) <= 0;
}

function comparePos(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** One finding per rule and location: a value inherited by several services is reported once. */
function mergeInherited(findings: readonly Finding[]): Finding[] {
  // Index into `out`; a finding merged with others is copied first (raw findings may be cached), with lists of its
  // own that later duplicates append to (an anchor shared by 20,000 services), and the set of names it holds.
  const byKey = new Map<string, { index: number; names?: Set<string> }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.rule}\u0000${locationKey(f.at)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { index: out.length });
      out.push(f);
      continue;
    }
    if (!seen.names) {
      const first = out[seen.index];
      const containers = first.container === undefined ? [] : [first.container];
      out[seen.index] = { ...first, containers, ...(first.related ? { related: [...first.related] } : {}) };
      seen.names = new Set(containers);
    }
    const merged = out[seen.index];
    if (f.container !== undefined && !seen.names.has(f.container)) {
      seen.names.add(f.container);
      merged.containers!.push(f.container);
    }
    if (f.related) {
      merged.related ??= [];
      pushAll(merged.related, f.related);
    }
  }
  return out;
}

function locationKey(s: Source): string {
  const r = s.range;
  return `${s.file}:${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
}

function applySeverity(findings: Finding[], resolve?: SeverityResolver): Finding[] {
  if (!resolve) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const s = resolve(f.rule, f.at.file);
    if (s === 'off') continue;
    out.push(s ? { ...f, severity: s } : f);
  }
  return out;
}

function applySuppressions(findings: Finding[], files: readonly Pick<ParsedFile, 'file' | 'suppressions'>[]): Finding[] {
  const byFile = new Map<string, Suppression[]>();
  for (const f of files) byFile.set(f.file, f.suppressions);
  // Looked up by line and by rule id, not searched: a file may hold thousands of comments.
  const index = new Map<string, SuppressionIndex | null>();
  const indexOf = (file: string): SuppressionIndex | null => {
    let ix = index.get(file);
    if (ix === undefined) {
      const list = byFile.get(file) ?? [];
      ix = list.length === 0 ? null : indexSuppressions(list);
      index.set(file, ix);
    }
    return ix;
  };
  const used = new Set<Suppression>();
  const kept = findings.filter((f) => {
    const ix = indexOf(f.at.file);
    if (!ix) return true;
    // The first matching comment in file order, as a search of the file's list would find.
    let s: Suppression | undefined;
    for (const sup of ix.byLine.get(f.at.range.start.line) ?? []) {
      if (suppresses(sup, f)) {
        s = sup;
        break;
      }
    }
    for (const wide of [ix.fileWide.get(f.rule), ix.fileWide.get('all')]) {
      if (wide && (!s || ix.order.get(wide)! < ix.order.get(s)!)) s = wide;
    }
    if (s) used.add(s);
    return !s;
  });
  for (const list of byFile.values()) {
    for (const s of list) {
      if (used.has(s)) continue;
      kept.push({
        rule: 'unused-suppression',
        severity: 'hint',
        message: `This suppression of ${shorten(s.ids.join(', '))} matches no finding`,
        at: s.source,
      });
    }
  }
  return kept;
}

interface SuppressionIndex {
  /** Line-scoped comments by the line they cover, in file order. */
  byLine: Map<number, Suppression[]>;
  /** The first file-wide comment naming each id (or `all`). */
  fileWide: Map<string, Suppression>;
  order: Map<Suppression, number>;
}

function indexSuppressions(list: readonly Suppression[]): SuppressionIndex {
  const ix: SuppressionIndex = { byLine: new Map(), fileWide: new Map(), order: new Map() };
  list.forEach((s, i) => {
    ix.order.set(s, i);
    if (s.scope === 'file') {
      for (const id of s.ids) if (!ix.fileWide.has(id)) ix.fileWide.set(id, s);
      return;
    }
    // A comment before a command continued over several lines covers each of them.
    for (let line = s.line; line <= (s.lastLine ?? s.line); line++) {
      const at = ix.byLine.get(line);
      if (at) at.push(s);
      else ix.byLine.set(line, [s]);
    }
  });
  return ix;
}

function suppresses(s: Suppression, f: Finding): boolean {
  if (!s.ids.includes(f.rule) && !s.ids.includes('all')) return false;
  const line = f.at.range.start.line;
  return s.scope === 'file' || s.line === line || (s.lastLine !== undefined && s.line <= line && line <= s.lastLine);
}

/**
 * Printable ASCII in the root collation's primary order (Unicode's DUCET as CLDR tailors it for `und` / `en`):
 * spaces and punctuation, symbols, digits, then letters, a letter and its capital sharing a place.
 */
const ROOT_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';
const PRIMARY = new Uint8Array(128);
{
  let rank = 0;
  for (let i = 0; i < ROOT_ORDER.length; i++) {
    const c = ROOT_ORDER.charCodeAt(i);
    // A capital letter follows its small letter and shares its primary weight.
    if (!(c >= 65 && c <= 90)) rank++;
    PRIMARY[c] = rank;
  }
}

let collator: Intl.Collator | undefined;

/**
 * File paths and rule ids in the root collation's order, whatever the user's locale (the output's order must not
 * depend on it): `new Intl.Collator('en').compare`. Building a collator loads ICU's collation data, ~6 ms, a tenth
 * of a whole run on one small file, so names of printable ASCII (nearly all) are compared here, the same way:
 * primary weights first (case aside), then the first difference in case, small letters first.
 */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) {
    collator ??= new Intl.Collator('en');
    return collator.compare(a, b);
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = PRIMARY[a.charCodeAt(i)] - PRIMARY[b.charCodeAt(i)];
    if (d !== 0) return d;
  }
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 65 && x <= 90 ? 1 : -1; // the same letter in the other case
  }
  return 0;
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

export function sortFindings(findings: Finding[]): Finding[] {
  // Files are ranked once, then compared as numbers: a run's findings (50,000 over 4,000 files) would otherwise
  // compare long paths that share their start at every step of the sort. Names the order holds equal share a rank.
  const rank = new Map<string, number>();
  for (const f of findings) rank.set(f.at.file, 0);
  if (rank.size > 1) {
    const names = [...rank.keys()].sort(compareNames);
    let r = 0;
    names.forEach((name, i) => {
      if (i > 0 && compareNames(names[i - 1], name) !== 0) r++;
      rank.set(name, r);
    });
  }
  return findings.sort(
    (a, b) => rank.get(a.at.file)! - rank.get(b.at.file)! || comparePos(a.at.range.start, b.at.range.start) || compareNames(a.rule, b.rule),
  );
}

/** A fix's safety by its title: the rule's classification, or unsafe where the rule names it so (or has none). */
function fixSafetyOf(rule: Rule, titleId: string): FixSafety {
  if (!rule.fixSafety || rule.fixSafety.unsafeTitles?.includes(titleId)) return 'unsafe';
  return rule.fixSafety.safety;
}
