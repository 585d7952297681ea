import { CodeActionKind, MarkupKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { FIX_ALL_KIND, type InitializationOptions } from '../protocol';
import type { DiagnosticCapabilities } from './diagnostics';

/** What the client can do; each missing capability degrades to something simpler. */
export interface ClientCaps {
  diagnostics: DiagnosticCapabilities;
  pullConfiguration: boolean;
  versionSupport: boolean;
  documentChanges: boolean;
  markdownHover: boolean;
  showDocument: boolean;
  registerWatchers: boolean;
  registerConfiguration: boolean;
  codeActionLiterals: boolean;
  positionEncodings: boolean;
}

export function clientCaps(params: InitializeParams, init: InitializationOptions): ClientCaps {
  const caps = params.capabilities;
  const pd = caps.textDocument?.publishDiagnostics;
  return {
    diagnostics: {
      codeDescription: pd?.codeDescriptionSupport === true,
      relatedInformation: pd?.relatedInformation === true,
      unnecessaryTag: pd?.tagSupport?.valueSet?.includes(1) === true,
    },
    pullConfiguration: caps.workspace?.configuration === true,
    versionSupport: pd?.versionSupport === true,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) === true,
    showDocument: caps.window?.showDocument?.support === true,
    registerWatchers: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && !init.clientWatchesFiles,
    registerConfiguration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    codeActionLiterals: Boolean(caps.textDocument?.codeAction?.codeActionLiteralSupport),
    positionEncodings: Boolean(caps.general?.positionEncodings),
  };
}

export function serverCapabilities(caps: ClientCaps): InitializeResult {
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: caps.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } : true,
      hoverProvider: true,
      // `dockwarden.showDocs` is not advertised: VS Code's extension registers it, and an advertised command
      // would clash with it. Other clients still send workspace/executeCommand, handled in requests.ts.
    },
    serverInfo: { name: 'dockwarden-language-server' },
  };
  // Positions are UTF-16 code units; say so when the client negotiates encodings (LSP 3.17).
  if (caps.positionEncodings) result.capabilities.positionEncoding = 'utf-16';
  return result;
}
