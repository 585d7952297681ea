import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { docsUrl, type Finding, type Fix, type Severity } from '../../../shared-rules/src/rule';
import { pathToUri } from './uris';

import { fileProblemIds } from '../../../shared-rules/src/meta';
import { SOURCE } from '../protocol';

export { SOURCE };

/** What the client can show; each missing capability degrades to something simpler. */
export interface DiagnosticCapabilities {
  codeDescription: boolean;
  relatedInformation: boolean;
  unnecessaryTag: boolean;
}

/** Carried on every diagnostic so code actions need no server state. */
export interface DiagnosticData {
  rule: string;
  /** The document version the diagnostic was computed for; a fix from an older version is recomputed. */
  version?: number;
  fix?: Fix;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Findings about the file itself rather than a setting: no ignore-comment actions for them. */
export const ENGINE_ONLY: ReadonlySet<string> = new Set([...fileProblemIds, 'config-error', 'too-many-findings']);

/** Every finding id has a page under docs/rules/ except the editor's own config errors. */
export function hasDocs(rule: string): boolean {
  return rule !== 'config-error' && rule !== 'too-many-findings';
}

export function toDiagnostic(
  f: Finding,
  caps: DiagnosticCapabilities,
  uris: ReadonlyMap<string, string>,
  version: number | undefined,
  relatedSuffix: (message: string) => string,
): Diagnostic {
  const d: Diagnostic = {
    range: f.at.range,
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: f.rule,
    message: f.message,
  };
  if (caps.codeDescription && hasDocs(f.rule)) d.codeDescription = { href: docsUrl(f.rule) };
  if (f.rule === 'unused-suppression' && caps.unnecessaryTag) d.tags = [DiagnosticTag.Unnecessary];
  const related = relatedOf(f, uris);
  if (related.length > 0) {
    if (caps.relatedInformation) d.relatedInformation = related;
    else d.message += related.map((r) => relatedSuffix(r.message)).join('');
  }
  const data: DiagnosticData = { rule: f.rule, version };
  if (f.fix && f.fix.edits.length > 0) data.fix = f.fix;
  d.data = data;
  return d;
}

function relatedOf(f: Finding, uris: ReadonlyMap<string, string>): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const r of f.related ?? []) {
    const uri = pathToUri(r.source.file, uris);
    if (uri) out.push({ location: { uri, range: r.source.range }, message: r.message });
  }
  return out;
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  return !!v && typeof v === 'object' && typeof (v as DiagnosticData).rule === 'string';
}
