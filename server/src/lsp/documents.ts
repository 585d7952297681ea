import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import { SETTINGS_SECTION, WATCHED_GLOBS } from '../protocol';
import type { Linter } from './linting';
import type { Publisher } from './publish';
import type { ServerState } from './state';
import { isVirtualPath, uriToPath } from './uris';

/** Document lifecycle, file watching and configuration changes: each schedules the lints it makes stale. */
export function registerDocumentEvents(state: ServerState, linter: Linter, publisher: Publisher): void {
  const { documents, connection } = state;
  const openedVersion = new Map<string, number>();

  documents.onDidOpen((e) => {
    const uri = e.document.uri;
    const file = state.opened(uri);
    openedVersion.set(uri, e.document.version);
    linter.schedule(uri, 0);
    // An open buffer may differ from the disk (e.g. an unsaved .env restored by the editor).
    linter.dependencyChanged(file, 0);
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (openedVersion.get(uri) === e.document.version) return; // the open itself, handled above
    void state.settings.get(uri).then((s) => {
      if (s.run !== 'onType') return;
      linter.schedule(uri, s.debounceMs, true);
      linter.dependencyChanged(state.pathOf(uri), s.debounceMs);
    });
  });

  documents.onDidSave((e) => {
    const uri = e.document.uri;
    void state.settings.get(uri).then((s) => {
      if (s.run !== 'onSave') return;
      linter.schedule(uri, 0, true);
      linter.dependencyChanged(state.pathOf(uri), 0);
    });
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    openedVersion.delete(uri);
    state.settings.forget(uri);
    linter.forget(uri);
    const file = state.closed(uri);
    // The closed buffer's unsaved text no longer counts: documents that read it see the disk again.
    linter.dependencyChanged(file, 0);
    if (linter.workspaceLinted.has(uri)) void linter.lintFromDisk(uri);
    else publisher.clear(uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (isVirtualPath(file)) continue;
      linter.dependencyChanged(file, 0);
      if (!linter.workspaceLinted.has(change.uri) || documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        linter.workspaceLinted.delete(change.uri);
        publisher.clear(change.uri);
      } else void linter.lintFromDisk(change.uri);
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const raw = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    state.settings.changed(raw);
    for (const a of state.analyses()) a.settingsChanged();
    for (const doc of documents.all()) linter.schedule(doc.uri, 0);
  });

  connection.onInitialized(() => {
    if (state.caps.registerWatchers) {
      const watchers = WATCHED_GLOBS.map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    if (state.caps.registerConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
  });
}
