import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { lintWorkspace } from './lint-workspace';
import { DOCUMENT_SELECTOR, FIX_ALL_KIND, WATCHED_GLOBS } from './selectors';
import { createStatusItem } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const watchers = WATCHED_GLOBS.map((g) => vscode.workspace.createFileSystemWatcher(g));
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { fileEvents: watchers, configurationSection: 'dockwarden' },
    // The extension watches files itself: the server need not register its own watchers.
    initializationOptions: { clientWatchesFiles: true },
    diagnosticCollectionName: 'dockwarden',
  };
  client = new LanguageClient('dockwarden', 'Dockwarden', serverOptions, clientOptions);
  const running = client;

  context.subscriptions.push(
    ...watchers,
    vscode.commands.registerCommand('dockwarden.showDocs', (url: unknown) => {
      if (typeof url === 'string' && /^https:\/\//.test(url)) void vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.commands.registerCommand('dockwarden.fixAll', () => fixAll()),
    vscode.commands.registerCommand('dockwarden.lintWorkspace', () => lintWorkspace(running)),
    createStatusItem(),
  );
  await client.start();
}

/** "Dockwarden: Fix All": asks the server for source.fixAll.dockwarden on the active document and applies it. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const whole = doc.validateRange(new vscode.Range(0, 0, doc.lineCount, 0));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND)) ?? [];
  const edits = actions.filter((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (edits.length === 0) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Dockwarden: nothing to fix'), 3000);
    return;
  }
  for (const a of edits) await vscode.workspace.applyEdit(a.edit!);
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
}
