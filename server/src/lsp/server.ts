import * as path from 'node:path';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toLocale, type Locale } from '../../../shared-rules/src/l10n';
import type { Finding, Fix } from '../../../shared-rules/src/rule';
import { CONFIG_FILE_NAMES, fixEnabled, loadConfigFor, mergeConfig, parseConfig, severityResolver, type LoadedConfig } from '../config';
import { pathMatcher, toPosix } from '../discover';
import { detectKind, kindByName, needsContent, type FileKind } from '../kind';
import { lintWithState, type IncrementalState } from '../incremental';
import { FIX_ALL_KIND, quickFixes, SHOW_DOCS_COMMAND, singleFileEdit, wanted, type ActionEnv } from './code-actions';
import { Debouncer } from './debounce';
import { isDiagnosticData, SOURCE, toDiagnostic, type DiagnosticCapabilities } from './diagnostics';
import { overlayFileAccess } from './file-access';
import { fixAllText } from './fix-all';
import { hoverFor } from './hover';
import { defaultSettings, normalizeSettings, type Settings } from './settings';
import { minimalEdit } from './text-edits';
import { lspTexts, type LspTexts } from './texts';
import { dirOf, isVirtualPath, isWithinDir, pathToUri, uriToPath } from './uris';

export const LINT_FILES_REQUEST = 'dockwarden/lintFiles';

export interface LintFilesParams {
  uris: string[];
}
export interface LintFilesResult {
  linted: number;
  findings: number;
}

/** Files others depend on: a change re-lints the open documents that may read them. */
const DEPENDENCY_NAME = /(^\.env$)|(compose[^/]*\.ya?ml$)|(ockerfile)|(ontainerfile)|(^\.dockwarden\.ya?ml$)/i;

/** Which open documents may depend on `file`. */
export type DependentsOf = (file: string, openFiles: readonly string[]) => string[];

/** Same directory tree (for `.dockwarden.yaml`): the changed file's directory, its subdirectories or its parents. */
export const sameTreeDependents: DependentsOf = (file, openFiles) => {
  const dir = dirOf(file);
  return openFiles.filter((f) => f !== file && (isWithinDir(dirOf(f), dir) || isWithinDir(dir, dirOf(f))));
};

interface InitOptions {
  settings?: unknown;
  /** The VS Code extension watches files itself (synchronize.fileEvents). */
  clientWatchesFiles?: boolean;
  locale?: string;
}

interface Analysis {
  kind: FileKind | undefined;
  findings: Finding[];
  dependencies?: string[];
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const debouncer = new Debouncer<string>();
  const lastAnalysis = new Map<string, { version: number; analysis: Analysis }>();
  const dependenciesOf = new Map<string, Set<string>>();
  /** Open documents: path → URI (and the reverse), so findings and edits that name paths find their URI. */
  const uriByPath = new Map<string, string>();
  const pathByUri = new Map<string, string>();
  const openedVersion = new Map<string, number>();
  /** Diagnostics by the document whose lint produced them, then by the document they are about. */
  const published = new Map<string, Map<string, Diagnostic[]>>();
  /** Unopened files linted by `dockwarden/lintFiles`: closing them keeps their diagnostics fresh from disk. */
  const workspaceLinted = new Set<string>();
  const configCache = new Map<string, LoadedConfig>();
  const settingsCache = new Map<string, Promise<Settings>>();
  /** The last lint of recently edited documents, for the incremental path (few: each holds a parsed file). */
  const incremental = new Map<string, IncrementalState>();

  let locale: Locale = 'en';
  let texts: LspTexts = lspTexts('en');
  let pushedSettings: Settings = defaultSettings();
  let pullConfiguration = false;
  let diagCaps: DiagnosticCapabilities = { codeDescription: false, relatedInformation: false, unnecessaryTag: false };
  let versionSupport = false;
  let documentChanges = false;
  let markdownHover = false;
  let showDocument = false;
  let workspaceRoots: string[] = [];
  let initOptions: InitOptions = {};
  let registerWatchers = false;
  let registerConfiguration = false;

  const fileAccess = overlayFileAccess({
    textOf(file) {
      const uri = uriByPath.get(file);
      return uri ? documents.get(uri)?.getText() : undefined;
    },
  });

  const pathOf = (uri: string): string => pathByUri.get(uri) ?? uriToPath(uri);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    initOptions = (params.initializationOptions ?? {}) as InitOptions;
    locale = toLocale(initOptions.locale ?? params.locale);
    texts = lspTexts(locale);
    pushedSettings = normalizeSettings(initOptions.settings);
    pullConfiguration = caps.workspace?.configuration === true;
    const pd = caps.textDocument?.publishDiagnostics;
    diagCaps = {
      codeDescription: pd?.codeDescriptionSupport === true,
      relatedInformation: pd?.relatedInformation === true,
      unnecessaryTag: pd?.tagSupport?.valueSet?.includes(1) === true,
    };
    versionSupport = pd?.versionSupport === true;
    documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    markdownHover = caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) === true;
    showDocument = caps.window?.showDocument?.support === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceRoots = folders.map(uriToPath).filter((p) => !isVirtualPath(p));
    registerWatchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && !initOptions.clientWatchesFiles;
    registerConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;

    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: caps.textDocument?.codeAction?.codeActionLiteralSupport
          ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] }
          : true,
        hoverProvider: true,
        // `dockwarden.showDocs` is not advertised: VS Code's extension registers it, and an advertised
        // command would clash with it. Other clients still send workspace/executeCommand, handled below.
      },
      serverInfo: { name: 'dockwarden-language-server' },
    };
    // Positions are UTF-16 code units; say so when the client negotiates encodings (LSP 3.17).
    if (caps.general?.positionEncodings) result.capabilities.positionEncoding = 'utf-16';
    return result;
  });

  connection.onInitialized(() => {
    if (registerWatchers) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/.env' },
            { globPattern: '**/*compose*.{yml,yaml}' },
            { globPattern: '**/*{ockerfile,ontainerfile}*' },
            { globPattern: '**/.dockwarden.{yml,yaml}' },
          ],
        })
        .catch(() => undefined);
    }
    if (registerConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockwarden' }).catch(() => undefined);
    }
  });

  // ---- settings and config -------------------------------------------------------------------------------

  function settingsFor(uri: string): Promise<Settings> {
    if (!pullConfiguration) return Promise.resolve(pushedSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'dockwarden' }).then(
        (raw) => normalizeSettings(raw ?? initOptions.settings),
        () => pushedSettings,
      );
      settingsCache.set(uri, s);
    }
    return s;
  }

  function configFor(file: string): LoadedConfig {
    if (isVirtualPath(file)) return { config: { rules: {}, ignore: [], fixes: {} }, errors: [] };
    const dir = path.dirname(file);
    let c = configCache.get(dir);
    if (!c) {
      try {
        c = loadConfigFor(dir, fileAccess);
      } catch {
        c = { config: { rules: {}, ignore: [], fixes: {} }, errors: [] };
      }
      configCache.set(dir, c);
    }
    return c;
  }

  // ---- analysis ------------------------------------------------------------------------------------------

  function kindOf(file: string, languageId: string, settings: Settings, loaded: LoadedConfig, text: string): FileKind | undefined {
    if (languageId === 'dockercompose') return 'compose';
    // `Dockerfile.j2`, `Dockerfile.prod`: editors call them dockerfile by name; the content decides.
    if (needsContent(file)) return detectKind(file, text);
    if (languageId === 'dockerfile') return 'dockerfile';
    const byName = kindByName(file);
    if (byName) return byName;
    if (!/\.ya?ml$/i.test(file) || isVirtualPath(file)) return undefined;
    // Extra compose globs: the editor's (relative to a workspace folder, or by name) and the config file's.
    if (settings.composeFiles.length > 0) {
      const root = workspaceRoots.find((r) => isWithinDir(file, r));
      const rel = toPosix(root ? path.relative(root, file) : path.basename(file));
      if (pathMatcher(settings.composeFiles)(rel) || picomatch(settings.composeFiles, { dot: true, basename: true })(path.basename(file)))
        return 'compose';
    }
    if (loaded.file && (loaded.config.composeFiles ?? []).length > 0) {
      const rel = toPosix(path.relative(path.dirname(loaded.file), file));
      if (pathMatcher(loaded.config.composeFiles ?? [])(rel)) return 'compose';
    }
    return undefined;
  }

  /** `uri`: the open document being linted, whose previous lint the incremental path may reuse. */
  function analyse(file: string, text: string, languageId: string, settings: Settings, uri?: string): Analysis {
    if (!settings.enable) return { kind: undefined, findings: [] };
    const loaded = configFor(file);
    const kind = kindOf(file, languageId, settings, loaded, text);
    if (!kind) return { kind, findings: [] };
    if (loaded.file && pathMatcher(loaded.config.ignore)(toPosix(path.relative(path.dirname(loaded.file), file)))) {
      return { kind: undefined, findings: [] };
    }
    const config = mergeConfig(loaded.config, { rules: settings.rules, trustedRegistries: settings.trustedRegistries });
    const severity = severityResolver(config);
    const at = { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    if (text.length > settings.maxFileSizeKb * 1024 || Buffer.byteLength(text, 'utf8') > settings.maxFileSizeKb * 1024) {
      const level = severity('file-too-large', file);
      if (level === 'off') return { kind, findings: [] };
      return {
        kind,
        findings: [{ rule: 'file-too-large', severity: level ?? 'warning', message: texts.fileTooLarge(settings.maxFileSizeKb), at }],
      };
    }
    try {
      const { result, state } = lintWithState(
        {
          file,
          text,
          kind,
          files: fileAccess,
          // The document's own folder is always readable (its .env), even outside the workspace.
          roots: settings.allowOutsideWorkspace || workspaceRoots.length === 0 ? undefined : [...workspaceRoots, path.dirname(file)],
          options: { locale, severity, settings: config.trustedRegistries ? { trustedRegistries: config.trustedRegistries } : {} },
        },
        uri === undefined ? undefined : incremental.get(uri),
      );
      if (uri !== undefined) rememberState(uri, state);
      // Copies, not `delete`: the findings may be kept for the next incremental lint.
      const findings = result.findings.map((f) => (f.fix && !fixEnabled(config, f.rule) ? withoutFix(f) : f));
      return { kind, findings, dependencies: result.dependencies };
    } catch (error) {
      // lintFile never throws by contract; if it does, say so instead of leaving stale diagnostics.
      const message = `Dockwarden failed on this file: ${error instanceof Error ? error.message : String(error)}`;
      return { kind, findings: [{ rule: 'internal-error', severity: 'error', message, at }] };
    }
  }

  function rememberState(uri: string, state: IncrementalState | undefined): void {
    incremental.delete(uri);
    if (!state) return;
    incremental.set(uri, state);
    if (incremental.size > MAX_INCREMENTAL_STATES) incremental.delete(incremental.keys().next().value!);
  }

  // ---- diagnostics ---------------------------------------------------------------------------------------

  function setDiagnostics(sourceUri: string, file: string, findings: readonly Finding[], version: number | undefined): void {
    const byTarget = new Map<string, Diagnostic[]>();
    for (const f of findings) {
      const target = f.at.file === file ? sourceUri : pathToUri(f.at.file, uriByPath);
      if (!target) continue;
      const d = toDiagnostic(f, diagCaps, uriByPath, target === sourceUri ? version : documents.get(target)?.version, texts.relatedIn);
      const list = byTarget.get(target);
      if (list) list.push(d);
      else byTarget.set(target, [d]);
    }
    const before = published.get(sourceUri);
    if (byTarget.size === 0 && !before) {
      published.set(sourceUri, byTarget);
      publish(sourceUri);
      return;
    }
    published.set(sourceUri, byTarget);
    const targets = new Set([sourceUri, ...byTarget.keys(), ...(before?.keys() ?? [])]);
    for (const t of targets) publish(t);
  }

  function clearDiagnostics(sourceUri: string): void {
    const before = published.get(sourceUri);
    published.delete(sourceUri);
    for (const t of new Set([sourceUri, ...(before?.keys() ?? [])])) publish(t);
  }

  function diagnosticsOf(target: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const byTarget of published.values()) {
      for (const d of byTarget.get(target) ?? []) {
        const r = d.range;
        const key = `${String(d.code)}:${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}:${d.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
      }
    }
    return out;
  }

  function publish(target: string): void {
    const doc = documents.get(target);
    const params: { uri: string; diagnostics: Diagnostic[]; version?: number } = { uri: target, diagnostics: diagnosticsOf(target) };
    if (versionSupport && doc) params.version = doc.version;
    void connection.sendDiagnostics(params).catch(() => undefined);
  }

  // ---- linting open documents ----------------------------------------------------------------------------

  async function lintOpen(uri: string): Promise<void> {
    const first = documents.get(uri);
    if (!first) return;
    const settings = await settingsFor(uri);
    // Lint the newest text: the document may have changed while the settings were fetched.
    const doc = documents.get(uri);
    if (!doc) return;
    const file = pathOf(uri);
    if (CONFIG_FILE_NAMES.includes(path.basename(file))) {
      setDiagnostics(uri, file, settings.enable ? configFindings(file, doc.getText()) : [], doc.version);
      return;
    }
    const analysis = analyse(file, doc.getText(), doc.languageId, settings, uri);
    lastAnalysis.set(uri, { version: doc.version, analysis });
    dependenciesOf.set(file, new Set(analysis.dependencies ?? []));
    setDiagnostics(uri, file, analysis.findings, doc.version);
  }

  /** Open documents whose last lint read `file` (its Compose project, `.env`, linked Dockerfiles). */
  const projectDependents: DependentsOf = (file, openFiles) => openFiles.filter((f) => dependenciesOf.get(f)?.has(file));

  function schedule(uri: string, delayMs: number): void {
    debouncer.schedule(uri, delayMs, () => {
      lintOpen(uri).catch((e) => connection.console.error(`dockwarden: lint failed for ${uri}: ${String(e)}`));
    });
  }

  /** Re-lints the open documents (and workspace-linted files) that may read `file`. */
  function relintDependents(file: string, delayMs: number): void {
    const openFiles = [...uriByPath.keys()];
    const dependentsOf = CONFIG_FILE_NAMES.includes(path.basename(file)) ? sameTreeDependents : projectDependents;
    for (const f of dependentsOf(file, openFiles)) {
      const uri = uriByPath.get(f);
      if (uri) schedule(uri, delayMs);
    }
  }

  function onDependencyChanged(file: string, delayMs: number): void {
    const base = path.basename(file);
    if (CONFIG_FILE_NAMES.includes(base)) configCache.clear();
    if (DEPENDENCY_NAME.test(base)) relintDependents(file, delayMs);
  }

  documents.onDidOpen((e) => {
    const uri = e.document.uri;
    const file = uriToPath(uri);
    pathByUri.set(uri, file);
    uriByPath.set(file, uri);
    openedVersion.set(uri, e.document.version);
    schedule(uri, 0);
    // An open buffer may differ from the disk (e.g. an unsaved .env restored by the editor).
    onDependencyChanged(file, 0);
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (openedVersion.get(uri) === e.document.version) return; // the open itself, handled above
    void settingsFor(uri).then((s) => {
      if (s.run === 'onType') {
        schedule(uri, s.debounceMs);
        onDependencyChanged(pathOf(uri), s.debounceMs);
      }
    });
  });

  documents.onDidSave((e) => {
    const uri = e.document.uri;
    void settingsFor(uri).then((s) => {
      if (s.run === 'onSave') {
        schedule(uri, 0);
        onDependencyChanged(pathOf(uri), 0);
      }
    });
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    debouncer.cancel(uri);
    const file = pathOf(uri);
    openedVersion.delete(uri);
    settingsCache.delete(uri);
    lastAnalysis.delete(uri);
    incremental.delete(uri);
    dependenciesOf.delete(file);
    pathByUri.delete(uri);
    if (uriByPath.get(file) === uri) uriByPath.delete(file);
    // The closed buffer's unsaved text no longer counts: documents that read it see the disk again.
    onDependencyChanged(file, 0);
    if (workspaceLinted.has(uri)) {
      void lintFromDisk(uri);
      return;
    }
    clearDiagnostics(uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (isVirtualPath(file)) continue;
      onDependencyChanged(file, 0);
      if (workspaceLinted.has(change.uri) && !documents.get(change.uri)) {
        if (change.type === FileChangeType.Deleted) {
          workspaceLinted.delete(change.uri);
          clearDiagnostics(change.uri);
        } else void lintFromDisk(change.uri);
      }
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settingsCache.clear();
    configCache.clear();
    const raw = (params.settings as { dockwarden?: unknown } | null | undefined)?.dockwarden;
    if (raw !== undefined) pushedSettings = normalizeSettings(raw);
    for (const doc of documents.all()) schedule(doc.uri, 0);
  });

  // ---- workspace lint ------------------------------------------------------------------------------------

  async function lintFromDisk(uri: string): Promise<number> {
    const file = uriToPath(uri);
    if (isVirtualPath(file)) return 0;
    const text = fileAccess.readText(file);
    if (text === undefined) {
      clearDiagnostics(uri);
      return 0;
    }
    const settings = await settingsFor(uri);
    const { findings } = analyse(file, text, '', settings);
    setDiagnostics(uri, file, findings, undefined);
    return findings.length;
  }

  connection.onRequest(LINT_FILES_REQUEST, async (params: LintFilesParams, token): Promise<LintFilesResult> => {
    let linted = 0;
    let count = 0;
    for (const uri of params?.uris ?? []) {
      if (token.isCancellationRequested) break;
      if (typeof uri !== 'string') continue;
      if (documents.get(uri)) {
        await lintOpen(uri);
        count += diagnosticsOf(uri).length;
      } else {
        workspaceLinted.add(uri);
        count += await lintFromDisk(uri);
      }
      linted++;
    }
    return { linted, findings: count };
  });

  // ---- code actions, hover, commands ---------------------------------------------------------------------

  connection.onCodeAction(async (params: CodeActionParams, token): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await settingsFor(doc.uri);
    const file = pathOf(doc.uri);
    // Editors ask for code actions on every cursor move: reuse the lint of this version when there is one.
    const cached = lastAnalysis.get(doc.uri);
    const current = cached?.version === doc.version ? cached.analysis : analyse(file, doc.getText(), doc.languageId, settings);
    if (!current.kind) return [];
    const only = params.context.only;
    const env: ActionEnv = {
      doc,
      kind: current.kind,
      texts,
      uris: uriByPath,
      versionOf: (u) => documents.get(u)?.version,
      documentChanges,
      freshFix: (d) => freshFix(current.findings, d),
    };
    const actions: CodeAction[] = [];
    if (wanted(CodeActionKind.QuickFix, only)) actions.push(...quickFixes(env, params.context.diagnostics));
    if (only && wanted(FIX_ALL_KIND, only)) {
      const fixAll = fixAllAction(env, file, settings, deadline(token, FIX_ALL_BUDGET_MS));
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  function fixAllAction(env: ActionEnv, file: string, settings: Settings, cancelled: () => boolean): CodeAction | undefined {
    const before = env.doc.getText();
    const lint = (t: string) => analyse(file, t, env.doc.languageId, settings).findings;
    const { text: after, applied } = fixAllText(file, before, lint, undefined, cancelled);
    // Out of time: the passes done so far are still a complete, valid edit.
    if (applied === 0) return undefined;
    const edit = minimalEdit(before, after, (o) => env.doc.positionAt(o));
    if (!edit) return undefined;
    return { title: texts.fixAll, kind: FIX_ALL_KIND, edit: singleFileEdit(env, [edit]) };
  }

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return hoverFor(diagnosticsOf(doc.uri), params.position, locale, texts, markdownHover) ?? null;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCS_COMMAND) return null;
    const url = params.arguments?.[0];
    if (typeof url !== 'string' || !/^https:\/\//.test(url)) return null;
    if (showDocument) {
      await connection.window.showDocument({ uri: url, external: true }).catch(() => undefined);
    } else {
      connection.window.showInformationMessage(texts.docsMessage(url));
    }
    return null;
  });

  connection.onShutdown(() => debouncer.dispose());

  documents.listen(connection);
  connection.listen();
}

/** Errors of an open `.dockwarden.yaml` (unknown keys, bad levels), shown where they are written. */
function configFindings(file: string, text: string): Finding[] {
  return parseConfig(file, text).errors.map((e) => {
    const pos = { line: e.line, character: e.character };
    return { rule: 'config-error', severity: 'error', message: e.message, at: { file, range: { start: pos, end: pos } } };
  });
}

/** Incremental lint states kept (most recently linted documents): each holds a parsed document. */
const MAX_INCREMENTAL_STATES = 8;

function withoutFix(f: Finding): Finding {
  const { fix: _dropped, ...rest } = f;
  return rest;
}

/** Fix-all on save must not stall the editor: after this, the passes done so far are returned. */
const FIX_ALL_BUDGET_MS = 2000;

function deadline(token: { isCancellationRequested: boolean }, ms: number): () => boolean {
  const end = Date.now() + ms;
  return () => token.isCancellationRequested || Date.now() > end;
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

export { SOURCE };
