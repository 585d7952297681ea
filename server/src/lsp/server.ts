import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { serverCapabilities } from './capabilities';
import { registerDocumentEvents } from './documents';
import { Linter } from './linting';
import { Publisher } from './publish';
import { registerRequests } from './requests';
import { ServerState } from './state';

/**
 * The language server: a thin adapter over the analysis core. It tracks open documents, decides when to lint
 * (linting.ts), turns findings into diagnostics and code actions, and answers requests; what a file means is the
 * analysis's business.
 */
export function startServer(connection: Connection): void {
  const state = new ServerState(connection);
  const publisher = new Publisher(state);
  const linter = new Linter(state, publisher);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    state.initialize(params);
    return serverCapabilities(state.caps);
  });
  registerDocumentEvents(state, linter, publisher);
  registerRequests(state, linter, publisher);
  connection.onShutdown(() => linter.dispose());

  state.documents.listen(connection);
  connection.listen();
}
