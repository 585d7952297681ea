import { MarkupKind, type Diagnostic, type Hover, type Position } from 'vscode-languageserver/node';
import { docsUrl } from '../../../shared-rules/src/rule';
import { findRule } from '../../../shared-rules/src/rules';
import { engineRules } from '../../../shared-rules/src/meta';
import { ruleTitle, type Locale } from '../../../shared-rules/src/l10n';
import { ENGINE_ONLY, hasDocs, isDiagnosticData, SOURCE } from './diagnostics';
import type { LspTexts } from './texts';

/** Hover over a flagged range: rule title, message, what the quick fix does and the docs link. */
export function hoverFor(
  diagnostics: readonly Diagnostic[],
  pos: Position,
  locale: Locale,
  texts: LspTexts,
  markdown: boolean,
): Hover | undefined {
  const hits = diagnostics.filter((d) => d.source === SOURCE && contains(d.range, pos));
  if (hits.length === 0) return undefined;
  const parts = hits.map((d) => section(d, locale, texts, markdown));
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: parts.join(markdown ? '\n\n---\n\n' : '\n\n') },
    range: hits[0].range,
  };
}

function section(d: Diagnostic, locale: Locale, texts: LspTexts, markdown: boolean): string {
  const id = String(d.code ?? '');
  const rule = findRule(id) ?? engineRules.find((r) => r.id === id);
  const title = rule ? ruleTitle(rule, locale) : id;
  const message = typeof d.message === 'string' ? d.message : d.message.value;
  const data = isDiagnosticData(d.data) ? d.data : undefined;
  const fix = data?.fix
    ? texts.hoverFix(data.fix.title)
    : ENGINE_ONLY.has(id) || id === 'unused-suppression'
      ? undefined
      : texts.hoverNoFix;
  const url = hasDocs(id) ? docsUrl(id) : undefined;
  if (!markdown) return [`${title} (${id})`, message, fix, url].filter(Boolean).join('\n');
  const lines = [`**${escape(title)}** \`${id}\``, '', escape(message)];
  if (fix) lines.push('', `*${escape(fix)}*`);
  if (url) lines.push('', `[${texts.hoverDocs}](${url})`);
  return lines.join('\n');
}

function contains(r: Diagnostic['range'], p: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(p, r.start) && after(r.end, p);
}

/** Markdown-escapes text that comes from the user's file (service names, paths). */
function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
