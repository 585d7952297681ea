import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LINT_FILES_REQUEST, WORKSPACE_EXCLUDE_GLOB, WORKSPACE_FILES_GLOB, type LintFilesResult } from './selectors';

/** Files per request: small enough for a responsive progress bar and cancellation, large enough to be quick. */
const BATCH = 25;
const MAX_FILES = 5000;

/** "Dockwarden: Lint Workspace": every compose file and Dockerfile, with diagnostics for unopened files too. */
export async function lintWorkspace(client: LanguageClient): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Dockwarden: linting the workspace'), cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(WORKSPACE_FILES_GLOB, WORKSPACE_EXCLUDE_GLOB, MAX_FILES, token);
      let linted = 0;
      let findings = 0;
      for (let i = 0; i < uris.length && !token.isCancellationRequested; i += BATCH) {
        const batch = uris.slice(i, i + BATCH).map((u) => client.code2ProtocolConverter.asUri(u));
        const result = await client.sendRequest<LintFilesResult>(LINT_FILES_REQUEST, { uris: batch }, token);
        linted += result?.linted ?? 0;
        findings += result?.findings ?? 0;
        progress.report({ increment: (batch.length / uris.length) * 100, message: `${Math.min(i + BATCH, uris.length)}/${uris.length}` });
      }
      const summary = vscode.l10n.t('Dockwarden: {0} problems in {1} files', findings, linted);
      if (token.isCancellationRequested) void vscode.window.showInformationMessage(vscode.l10n.t('{0} (cancelled)', summary));
      else void vscode.window.showInformationMessage(summary);
    },
  );
}
