import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineSpan } from '../../../shared-rules/src/model';
import type { Finding } from '../../../shared-rules/src/rule';
import { CONFIG_FILE_NAMES, type FileLint } from '../analysis';
import { Debouncer } from './debounce';
import type { Publisher } from './publish';
import { configOverrides, type Settings } from './settings';
import type { ServerState } from './state';
import { dirOf, isVirtualPath, isWithinDir } from './uris';

/** The last lint of an open document. */
export interface LastLint {
  version: number;
  kind: string | undefined;
  findings: Finding[];
  /** Commands written over several lines (an ignore comment goes above their first line). */
  commandSpans?: readonly LineSpan[];
}

/** Lints kept for code actions: of the most recently linted documents (memory bounded, however many are open). */
const KEPT_LINTS = 32;

/** Files others depend on: a change re-lints the open documents that read them. */
const DEPENDENCY_NAME = /(^\.env$)|(compose[^/]*\.ya?ml$)|(ockerfile)|(ontainerfile)|(^\.dockwarden\.ya?ml$)|(^\.?devcontainer\.json$)/i;

/**
 * When and what to lint. Lints run one at a time, each in a turn of the event loop of its own, so that requests
 * and newer edits are read in between: a document waiting in the queue is linted once, at its newest version,
 * however many edits arrived meanwhile; an edited document goes to the front. What is kept per document is its
 * last lint (bounded by the open documents, never by the edits).
 */
export class Linter {
  private readonly debouncer = new Debouncer<string>();
  private queue = new Set<string>();
  private draining = false;
  /** The last lint of the most recently linted documents (code actions reuse it); others are linted again. */
  private readonly last = new Map<string, LastLint>();
  /** Open documents' paths → the files their last lint read. */
  private readonly dependencies = new Map<string, Set<string>>();
  /** Unopened files linted by "Lint Workspace": closing them keeps their diagnostics fresh from disk. */
  readonly workspaceLinted = new Set<string>();

  constructor(
    private readonly state: ServerState,
    private readonly publisher: Publisher,
  ) {}

  /** Lints `uri` after `delayMs` (a newer schedule replaces an older one); `urgent` goes before queued work. */
  schedule(uri: string, delayMs: number, urgent = false): void {
    this.debouncer.schedule(uri, delayMs, () => this.enqueue(uri, urgent));
  }

  /** A document closed: nothing of it is kept. */
  forget(uri: string): void {
    this.debouncer.cancel(uri);
    this.queue.delete(uri);
    this.last.delete(uri);
    this.dependencies.delete(this.state.pathOf(uri));
    for (const a of this.state.analyses()) a.closeSession(uri);
  }

  dispose(): void {
    this.debouncer.dispose();
    this.queue.clear();
  }

  /** The lint of the document's current version: the last one when it is current, else one made now. */
  current(doc: TextDocument, settings: Settings): LastLint {
    const last = this.last.get(doc.uri);
    if (last?.version === doc.version) return last;
    // Whatever was waiting for this document is done by this lint.
    this.debouncer.cancel(doc.uri);
    this.queue.delete(doc.uri);
    return this.lintDocument(doc, settings);
  }

  /** Re-lints the open documents (and workspace-linted files) that may read `file`. */
  dependencyChanged(file: string, delayMs: number): void {
    const base = path.basename(file);
    for (const a of this.state.analyses()) a.fileChanged(file);
    if (!DEPENDENCY_NAME.test(base)) return;
    const isConfig = CONFIG_FILE_NAMES.includes(base);
    for (const f of this.state.openFiles()) {
      if (f === file) continue;
      const depends = isConfig ? sameTree(f, file) : this.dependencies.get(f)?.has(file);
      const uri = depends ? this.state.uriByPath.get(f) : undefined;
      if (uri) this.schedule(uri, delayMs);
    }
  }

  /** Lints a file from the disk (not open), publishing its diagnostics; the number of findings. */
  async lintFromDisk(uri: string): Promise<number> {
    const file = this.state.pathOf(uri);
    if (isVirtualPath(file)) return 0;
    const settings = await this.state.settings.get(uri);
    const lint = this.analyse(file, settings, { session: undefined });
    if (!lint.kind && lint.findings.length === 0) {
      this.publisher.clear(uri);
      return 0;
    }
    this.publisher.set(uri, file, lint.findings, undefined);
    return lint.findings.length;
  }

  private enqueue(uri: string, urgent: boolean): void {
    if (urgent) this.queue = new Set([uri, ...this.queue]);
    else this.queue.add(uri);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    const next = this.queue.values().next();
    if (next.done) {
      this.draining = false;
      return;
    }
    this.queue.delete(next.value);
    this.lintOpen(next.value)
      .catch((e) => this.state.connection.console.error(`dockwarden: lint failed for ${next.value}: ${String(e)}`))
      .finally(() => setImmediate(() => this.drain()));
  }

  private async lintOpen(uri: string): Promise<void> {
    if (!this.state.documents.get(uri)) return;
    const settings = await this.state.settings.get(uri);
    // Lint the newest text: the document may have changed while the settings were fetched.
    const doc = this.state.documents.get(uri);
    if (doc) this.lintDocument(doc, settings);
  }

  private lintDocument(doc: TextDocument, settings: Settings): LastLint {
    const file = this.state.pathOf(doc.uri);
    let lint: LastLint;
    if (CONFIG_FILE_NAMES.includes(path.basename(file))) {
      lint = {
        version: doc.version,
        kind: undefined,
        findings: settings.enable ? this.state.analysis(settings).configFindings(file, doc.getText()) : [],
      };
    } else {
      const result = this.analyse(file, settings, { text: doc.getText(), languageId: doc.languageId, session: doc.uri });
      this.dependencies.set(file, new Set(result.dependencies));
      lint = { version: doc.version, kind: result.kind, findings: result.findings, commandSpans: result.commandSpans };
    }
    this.last.delete(doc.uri);
    this.last.set(doc.uri, lint);
    if (this.last.size > KEPT_LINTS) this.last.delete(this.last.keys().next().value!);
    this.publisher.set(doc.uri, file, lint.findings, doc.version);
    return lint;
  }

  /** One file's lint with the document's settings; `text` undefined: from the disk. */
  analyse(file: string, settings: Settings, request: { text?: string; languageId?: string; session: string | undefined }): FileLint {
    if (!settings.enable) return { file, kind: undefined, findings: [], elsewhere: [], dependencies: [] };
    return this.state.analysis(settings).lint(file, { ...request, explicit: true, overrides: configOverrides(settings) });
  }
}

/** Same directory tree (for `.dockwarden.yaml`): the changed file's directory, its subdirectories or its parents. */
function sameTree(open: string, changed: string): boolean {
  const a = dirOf(open);
  const b = dirOf(changed);
  return isWithinDir(a, b) || isWithinDir(b, a);
}
