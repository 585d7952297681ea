import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../../../shared-rules/src/rule';
import { toDiagnostic } from './diagnostics';
import { pathToUri } from './uris';
import type { ServerState } from './state';

/**
 * Diagnostics by the document whose lint produced them, then by the document they are about, and their
 * publication. Today a lint reports only its own document's findings; a lint that reports others' (they carry
 * their file) publishes those too, merged with what other lints found there.
 */
export class Publisher {
  private readonly published = new Map<string, Map<string, Diagnostic[]>>();

  constructor(private readonly state: ServerState) {}

  set(sourceUri: string, file: string, findings: readonly Finding[], version: number | undefined): void {
    const { caps, documents, uriByPath, texts } = this.state;
    const byTarget = new Map<string, Diagnostic[]>();
    for (const f of findings) {
      const target = f.at.file === file ? sourceUri : pathToUri(f.at.file, uriByPath);
      if (!target) continue;
      const v = target === sourceUri ? version : documents.get(target)?.version;
      const d = toDiagnostic(f, caps.diagnostics, uriByPath, v, texts.relatedIn);
      const list = byTarget.get(target);
      if (list) list.push(d);
      else byTarget.set(target, [d]);
    }
    const before = this.published.get(sourceUri);
    this.published.set(sourceUri, byTarget);
    for (const t of new Set([sourceUri, ...byTarget.keys(), ...(before?.keys() ?? [])])) this.publish(t);
  }

  clear(sourceUri: string): void {
    const before = this.published.get(sourceUri);
    this.published.delete(sourceUri);
    for (const t of new Set([sourceUri, ...(before?.keys() ?? [])])) this.publish(t);
  }

  /** Everything published for `target`, each diagnostic once. */
  of(target: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const byTarget of this.published.values()) {
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

  private publish(target: string): void {
    const doc = this.state.documents.get(target);
    const params: { uri: string; diagnostics: Diagnostic[]; version?: number } = { uri: target, diagnostics: this.of(target) };
    if (this.state.caps.versionSupport && doc) params.version = doc.version;
    void this.state.connection.sendDiagnostics(params).catch(() => undefined);
  }
}
