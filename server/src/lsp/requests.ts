import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineSpan } from '../../../shared-rules/src/model';
import type { Finding, Fix } from '../../../shared-rules/src/rule';
import { FIX_ALL_KIND, LINT_FILES_REQUEST, SHOW_DOCS_COMMAND, type LintFilesParams, type LintFilesResult } from '../protocol';
import { minimalEdit } from '../text/edits';
import { LineIndex } from '../text/line-index';
import { quickFixes, wanted, type ActionEnv } from './code-actions';
import { isDiagnosticData } from './diagnostics';
import { hoverFor } from './hover';
import type { Linter } from './linting';
import type { Publisher } from './publish';
import { configOverrides, type Settings } from './settings';
import type { ServerState } from './state';
import { pathToUri } from './uris';

/** Fix-all on save must not stall the editor: after this, the passes done so far are returned. */
const FIX_ALL_BUDGET_MS = 2000;

/** Requests: code actions, hover, commands and "Lint Workspace". */
export function registerRequests(state: ServerState, linter: Linter, publisher: Publisher): void {
  const { connection, documents } = state;

  connection.onCodeAction(async (params: CodeActionParams, token): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await state.settings.get(doc.uri);
    // Editors ask for code actions on every cursor move: the lint of this version is reused when there is one.
    const current = linter.current(doc, settings);
    if (!current.kind) return [];
    const env = actionEnv(state, doc, current.kind, settings, current.findings, current.commandSpans ?? []);
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wanted(CodeActionKind.QuickFix, only)) actions.push(...quickFixes(env, params.context.diagnostics));
    if (only && wanted(FIX_ALL_KIND, only)) {
      const end = Date.now() + FIX_ALL_BUDGET_MS;
      const fixAll = fixAllAction(state, env, settings, () => token.isCancellationRequested || Date.now() > end);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    // A document whose diagnostics are no longer kept is linted again (its current version).
    let diagnostics = publisher.of(doc.uri);
    if (!diagnostics) {
      linter.current(doc, await state.settings.get(doc.uri));
      diagnostics = publisher.of(doc.uri) ?? [];
    }
    return hoverFor(diagnostics, params.position, state.locale, state.texts, state.caps.markdownHover) ?? null;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCS_COMMAND) return null;
    const url = params.arguments?.[0];
    if (typeof url !== 'string' || !/^https:\/\//.test(url)) return null;
    if (state.caps.showDocument) {
      await connection.window.showDocument({ uri: url, external: true }).catch(() => undefined);
    } else {
      connection.window.showInformationMessage(state.texts.docsMessage(url));
    }
    return null;
  });

  connection.onRequest(LINT_FILES_REQUEST, async (params: LintFilesParams, token): Promise<LintFilesResult> => {
    let linted = 0;
    let findings = 0;
    for (const uri of params?.uris ?? []) {
      if (token.isCancellationRequested) break;
      if (typeof uri !== 'string') continue;
      const doc = documents.get(uri);
      if (doc) {
        findings += linter.current(doc, await state.settings.get(uri)).findings.length;
      } else {
        linter.workspaceLinted.add(uri);
        findings += await linter.lintFromDisk(uri);
      }
      linted++;
      // Other requests and edits are read between two files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { linted, findings };
  });
}

function actionEnv(
  state: ServerState,
  doc: TextDocument,
  kind: string,
  settings: Settings,
  findings: readonly Finding[],
  commandSpans: readonly LineSpan[],
): ActionEnv {
  return {
    doc,
    kind,
    commentPrefix: state.analysis(settings).commentPrefixOf(kind),
    ignoreLineOf: (line) => commandSpans.reduce((at, s) => (s.first < at && line <= s.last ? s.first : at), line),
    texts: state.texts,
    uris: state.uriByPath,
    versionOf: (u) => state.documents.get(u)?.version,
    documentChanges: state.caps.documentChanges,
    freshFix: (d) => freshFix(findings, d),
  };
}

/**
 * `source.fixAll.dockwarden`: the safe fixes of the document, to a fixed point (the analysis's fix engine), as one
 * workspace edit; a fix may edit another file of the project (an override file), open or not.
 */
function fixAllAction(state: ServerState, env: ActionEnv, settings: Settings, cancelled: () => boolean): CodeAction | undefined {
  const file = state.pathOf(env.doc.uri);
  const outcome = state.analysis(settings).fix([file], { overrides: configOverrides(settings), cancelled });
  const byUri = new Map<string, LspTextEdit[]>();
  for (const [changed, { before, after }] of outcome.changed) {
    const uri = changed === file ? env.doc.uri : pathToUri(changed, state.uriByPath);
    if (!uri) return undefined;
    const index = new LineIndex(before);
    const edit = minimalEdit(before, after, (o) => index.positionAt(o));
    if (edit) byUri.set(uri, [edit]);
  }
  if (byUri.size === 0) return undefined;
  const edit = env.documentChanges
    ? { documentChanges: [...byUri].map(([uri, edits]) => ({ textDocument: { uri, version: env.versionOf(uri) ?? null }, edits })) }
    : { changes: Object.fromEntries(byUri) };
  return { title: state.texts.fixAll, kind: FIX_ALL_KIND, edit };
}

/** The current fix for a diagnostic: same rule and range, else same rule on the same line. */
function freshFix(findings: readonly Finding[], d: Diagnostic): Fix | undefined {
  const rule = isDiagnosticData(d.data) ? d.data.rule : String(d.code ?? '');
  const sameRule = findings.filter((f) => f.rule === rule && f.fix);
  const r = d.range;
  const exact = sameRule.find(
    (f) =>
      f.at.range.start.line === r.start.line &&
      f.at.range.start.character === r.start.character &&
      f.at.range.end.line === r.end.line &&
      f.at.range.end.character === r.end.character,
  );
  return (exact ?? sameRule.find((f) => f.at.range.start.line === r.start.line))?.fix;
}
