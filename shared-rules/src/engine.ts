import type { ContainerSpec, ParsedFile, Source, Suppression } from './model';
import type { Finding, Rule, RuleContext, RuleSettings, Severity } from './rule';
import { allRules } from './rules';
import { renderMessage, type Locale } from './l10n';

/** Resolves the severity of a rule for a file: `off` drops its findings, undefined keeps the default. */
export type SeverityResolver = (ruleId: string, file: string) => Severity | 'off' | undefined;

export interface LintOptions {
  settings?: RuleSettings;
  severity?: SeverityResolver;
  rules?: readonly Rule[];
  locale?: Locale;
}

/**
 * Runs the rules over parsed files that form one project (a Compose project with its Dockerfiles,
 * or a single file). Applies suppressions, severity settings and de-duplicates findings on values
 * that several containers inherit (an anchor, a base file).
 */
export function lintParsed(files: readonly ParsedFile[], options: LintOptions = {}): Finding[] {
  const raw: Finding[] = problemFindings(files);
  const composeContainers = files.flatMap((f) => f.containers.filter((c) => c.origin === 'compose'));
  for (const file of files) {
    const ctx = ruleContext(options, file.kind === 'compose' ? composeContainers : file.containers);
    for (const container of file.containers) raw.push(...containerFindings(container, ctx, options));
  }
  return finishFindings(raw, files, options);
}

/** Parse problems of the files as findings (they come first, before any rule's). */
export function problemFindings(files: readonly ParsedFile[]): Finding[] {
  const raw: Finding[] = [];
  for (const file of files) {
    for (const problem of file.problems) {
      raw.push({ rule: problem.rule, severity: 'error', message: problem.message, at: problem.source });
    }
  }
  return raw;
}

export function ruleContext(options: LintOptions, project: ContainerSpec[]): RuleContext {
  return { settings: options.settings ?? {}, project };
}

/** The rules' findings on one container, before merging, severity settings and suppressions. */
export function containerFindings(container: ContainerSpec, ctx: RuleContext, options: LintOptions = {}): Finding[] {
  return runRules(options.rules ?? allRules, container, ctx, options.locale ?? 'en');
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

function runRules(rules: readonly Rule[], container: ContainerSpec, ctx: RuleContext, locale: Locale): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (!rule.appliesTo.includes(container.origin)) continue;
    try {
      for (const report of rule.check(container, ctx)) {
        const finding: Finding = {
          rule: rule.id,
          severity: report.severity ?? rule.defaultSeverity,
          message: renderMessage(rule, report.messageId, report.args, locale),
          at: report.at,
          fixable: rule.fixable,
          container: container.name,
        };
        if (report.fix && report.fix.edits.length > 0) {
          finding.fix = {
            title: renderMessage(rule, report.fix.titleId, report.fix.args, locale),
            edits: report.fix.edits,
            // An unclassified fix is never applied unreviewed.
            safety: report.fix.safety ?? rule.fixSafety?.safety ?? 'unsafe',
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
        message: `Rule ${rule.id} failed on ${container.name}: ${error instanceof Error ? error.message : String(error)}`,
        at: container.declaration,
        container: container.name,
      });
    }
  }
  return out;
}

function inheritedMessage(container: ContainerSpec): string {
  return container.origin === 'compose'
    ? `Service '${container.name}' inherits this value`
    : `Stage '${container.name}' inherits this value`;
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
  // Index into `out`; a finding that gains related information is copied first (raw findings may be cached).
  const byKey = new Map<string, { index: number; copied: boolean }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.rule}\u0000${locationKey(f.at)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { index: out.length, copied: false });
      out.push(f);
      continue;
    }
    if (f.related) {
      const first = out[seen.index];
      if (!seen.copied) {
        out[seen.index] = { ...first };
        seen.copied = true;
      }
      out[seen.index].related = [...(first.related ?? []), ...f.related];
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
  const used = new Set<Suppression>();
  const kept = findings.filter((f) => {
    const s = (byFile.get(f.at.file) ?? []).find((sup) => suppresses(sup, f));
    if (s) used.add(s);
    return !s;
  });
  for (const list of byFile.values()) {
    for (const s of list) {
      if (used.has(s)) continue;
      kept.push({
        rule: 'unused-suppression',
        severity: 'hint',
        message: `This suppression of ${s.ids.join(', ')} matches no finding`,
        at: s.source,
      });
    }
  }
  return kept;
}

function suppresses(s: Suppression, f: Finding): boolean {
  if (!s.ids.includes(f.rule) && !s.ids.includes('all')) return false;
  return s.scope === 'file' || s.line === f.at.range.start.line;
}

/** `a.localeCompare(b)` is this collator's compare (ECMA-402), but builds a collator on every call. */
let collator: Intl.Collator | undefined;

function localeCompare(a: string, b: string): number {
  if (a === b) return 0;
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => localeCompare(a.at.file, b.at.file) || comparePos(a.at.range.start, b.at.range.start) || localeCompare(a.rule, b.rule),
  );
}
