import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../../shared-rules/src/model';
import { docsUrl, type Fix } from '../../../shared-rules/src/rule';
import { FIX_ALL_KIND, SHOW_DOCS_COMMAND } from '../protocol';
import { ENGINE_ONLY, hasDocs, isDiagnosticData, SOURCE } from './diagnostics';
import { ignoreFileEdit, ignoreLineEdit, removeSuppressionEdit } from './text-edits';
import type { LspTexts } from './texts';
import { pathToUri } from './uris';

export interface ActionEnv {
  doc: TextDocument;
  /** How comments start in this document (for ignore comments). */
  commentPrefix: '#' | '//';
  /**
   * The line an ignore comment for a finding on `line` goes above: the first line of a command continued over
   * several lines (a comment line inside it would end the command), else `line`.
   */
  ignoreLineOf(line: number): number;
  kind: string;
  texts: LspTexts;
  /** Open documents: path → URI, and URI → version (for versioned document changes). */
  uris: ReadonlyMap<string, string>;
  versionOf(uri: string): number | undefined;
  documentChanges: boolean;
  /** The fix of a diagnostic whose data is missing or was computed for an older version of the text. */
  freshFix(d: Diagnostic): Fix | undefined;
}

/** True when an action of `kind` is wanted by the request's `only` filter. */
export function wanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * Quick fixes first, then ignore-line / ignore-file, then documentation links. Only a safe fix is preferred (the
 * editor's auto-fix applies preferred fixes without showing them); an unsafe one says in its title what may break.
 */
export function quickFixes(env: ActionEnv, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const fixes: CodeAction[] = [];
  const ignores: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seenRules = new Set<string>();
  const text = env.doc.getText();
  for (const d of diagnostics) {
    if (d.source !== SOURCE) continue;
    const data = isDiagnosticData(d.data) ? d.data : undefined;
    const rule = data?.rule ?? String(d.code ?? '');
    if (!rule) continue;
    const fix = data?.fix && data.version === env.doc.version ? data.fix : env.freshFix(d);
    if (fix) {
      const edit = workspaceEdit(fix.edits, env);
      if (edit) fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.safety === 'safe', edit });
    }
    if (rule === 'unused-suppression') {
      const edit = singleFileEdit(env, [removeSuppressionEdit(text, d.range)]);
      ignores.push({ title: env.texts.removeSuppression, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
      continue;
    }
    if (seenRules.has(rule)) {
      if (!ENGINE_ONLY.has(rule)) ignores.push(ignoreLine(env, text, d, rule));
      continue;
    }
    seenRules.add(rule);
    if (!ENGINE_ONLY.has(rule)) {
      ignores.push(ignoreLine(env, text, d, rule), {
        title: env.texts.ignoreFile(rule),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: singleFileEdit(env, [ignoreFileEdit(text, rule, env.kind, env.commentPrefix)]),
      });
    }
    if (hasDocs(rule)) {
      docs.push({
        title: env.texts.showDocs(rule),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: env.texts.showDocs(rule), command: SHOW_DOCS_COMMAND, arguments: [docsUrl(rule)] },
      });
    }
  }
  return [...fixes, ...ignores, ...docs];
}

function ignoreLine(env: ActionEnv, text: string, d: Diagnostic, rule: string): CodeAction {
  return {
    title: env.texts.ignoreLine(rule),
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: singleFileEdit(env, [ignoreLineEdit(text, env.ignoreLineOf(d.range.start.line), rule, env.commentPrefix)]),
  };
}

export function singleFileEdit(env: ActionEnv, edits: LspTextEdit[]): WorkspaceEdit {
  const uri = env.doc.uri;
  if (env.documentChanges) return { documentChanges: [{ textDocument: { uri, version: env.doc.version }, edits }] };
  return { changes: { [uri]: edits } };
}

/** A fix's edits (possibly in several files) as one workspace edit; undefined when a file has no URI. */
export function workspaceEdit(edits: readonly TextEdit[], env: ActionEnv): WorkspaceEdit | undefined {
  const byUri = new Map<string, LspTextEdit[]>();
  for (const e of edits) {
    const uri = pathToUri(e.file, env.uris);
    if (!uri) return undefined;
    byUri.set(uri, [...(byUri.get(uri) ?? []), { range: e.range, newText: e.newText }]);
  }
  if (env.documentChanges) {
    return {
      documentChanges: [...byUri].map(([uri, list]) => ({ textDocument: { uri, version: env.versionOf(uri) ?? null }, edits: list })),
    };
  }
  return { changes: Object.fromEntries(byUri) };
}

export { FIX_ALL_KIND, SHOW_DOCS_COMMAND };
