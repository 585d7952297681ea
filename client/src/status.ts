import * as vscode from 'vscode';
import { SOURCE } from './selectors';

/** A status-bar item with the number of Dockwarden problems in the active editor's document. */
export function createStatusItem(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dockwarden.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Dockwarden';
  item.command = 'workbench.actions.view.problems';

  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return item.hide();
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE);
    const relevant =
      ours.length > 0 ||
      ['dockercompose', 'dockerfile'].includes(doc.languageId) ||
      /(compose[^/\\]*\.ya?ml|devcontainer\.json)$/i.test(doc.fileName);
    if (!relevant) return item.hide();
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    item.text = ours.length === 0 ? '$(shield) Dockwarden' : `$(shield) ${ours.length}`;
    item.tooltip = vscode.l10n.t('Dockwarden: {0} problems ({1} errors) in this file', ours.length, errors);
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };

  const subscriptions = [
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) update();
    }),
  ];
  update();
  return vscode.Disposable.from(...subscriptions);
}
