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
  const rules = options.rules ?? allRules;
  const settings = options.settings ?? {};
  const raw: Finding[] = [];

  for (const file of files) {
    for (const problem of file.problems) {
      raw.push({ rule: problem.rule, severity: 'error', message: problem.message, at: problem.source });
    }
  }

  const composeContainers = files.flatMap((f) => f.containers.filter((c) => c.origin === 'compose'));
  for (const file of files) {
    const ctx: RuleContext = { settings, project: file.kind === 'compose' ? composeContainers : file.containers };
    for (const container of file.containers) {
      raw.push(...runRules(rules, container, ctx, options.locale ?? 'en'));
    }
  }

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
          finding.fix = { title: renderMessage(rule, report.fix.titleId, report.fix.args, locale), edits: report.fix.edits };
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
function mergeInherited(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.rule}\u0000${locationKey(f.at)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, f);
      out.push(f);
      continue;
    }
    if (f.related) seen.related = [...(seen.related ?? []), ...f.related];
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

function applySuppressions(findings: Finding[], files: readonly ParsedFile[]): Finding[] {
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

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.at.file.localeCompare(b.at.file) ||
      comparePos(a.at.range.start, b.at.range.start) ||
      a.rule.localeCompare(b.rule),
  );
}
