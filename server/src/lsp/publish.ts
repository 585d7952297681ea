import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../../../shared-rules/src/rule';
import { toDiagnostic } from './diagnostics';
import type { ServerState } from './state';

/** More diagnostics than this for one document are not published (the CLI reports every finding). */
export const MAX_DIAGNOSTICS = 2000;
/** Diagnostics kept for hovers: of the most recently published documents (the client keeps the rest shown). */
const KEPT = 32;

/**
 * Publishes a document's diagnostics. A lint reports its own document's findings only; what was sent is kept for
 * the few most recent documents (hover reads it), so that memory is bounded however many documents are open.
 */
export class Publisher {
  private readonly kept = new Map<string, Diagnostic[]>();

  constructor(private readonly state: ServerState) {}

  set(uri: string, file: string, all: readonly Finding[], version: number | undefined): void {
    const { caps, uriByPath, texts } = this.state;
    const findings = all.length > MAX_DIAGNOSTICS ? [...all.slice(0, MAX_DIAGNOSTICS), this.more(file, all)] : all;
    const diagnostics: Diagnostic[] = [];
    for (const f of findings)
      if (f.at.file === file) diagnostics.push(toDiagnostic(f, caps.diagnostics, uriByPath, version, texts.relatedIn));
    this.kept.delete(uri);
    this.kept.set(uri, diagnostics);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.send(uri, diagnostics);
  }

  clear(uri: string): void {
    this.kept.delete(uri);
    this.send(uri, []);
  }

  /** What was last published for `uri`, when it is one of the documents kept; undefined otherwise. */
  of(uri: string): Diagnostic[] | undefined {
    return this.kept.get(uri);
  }

  /** A file with more findings than an editor can usefully show says how many it leaves out, at its top. */
  private more(file: string, all: readonly Finding[]): Finding {
    const at = { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return { rule: 'too-many-findings', severity: 'info', message: this.state.texts.tooMany(MAX_DIAGNOSTICS, all.length), at };
  }

  private send(uri: string, diagnostics: Diagnostic[]): void {
    const doc = this.state.documents.get(uri);
    const params: { uri: string; diagnostics: Diagnostic[]; version?: number } = { uri, diagnostics };
    if (this.state.caps.versionSupport && doc) params.version = doc.version;
    void this.state.connection.sendDiagnostics(params).catch(() => undefined);
  }
}
