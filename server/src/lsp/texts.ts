import type { Locale } from '../../../shared-rules/src/l10n';

/** The editor's own strings (code action titles, hover labels); rule messages come from the l10n catalogue. */
export interface LspTexts {
  ignoreLine(rule: string): string;
  ignoreFile(rule: string): string;
  showDocs(rule: string): string;
  removeSuppression: string;
  fixAll: string;
  hoverFix(title: string): string;
  hoverNoFix: string;
  hoverDocs: string;
  relatedIn(message: string): string;
  docsMessage(url: string): string;
  tooMany(shown: number, total: number): string;
}

const en: LspTexts = {
  ignoreLine: (r) => `Ignore ${r} for this line`,
  ignoreFile: (r) => `Ignore ${r} in this file`,
  showDocs: (r) => `Show documentation for ${r}`,
  removeSuppression: 'Remove the unused suppression comment',
  fixAll: 'Fix all auto-fixable Dockwarden problems',
  hoverFix: (t) => `Quick fix: ${t}`,
  hoverNoFix: 'No automatic fix: change the setting by hand or suppress it with a comment.',
  hoverDocs: 'Documentation',
  relatedIn: (m) => ` (${m})`,
  docsMessage: (u) => `Dockwarden documentation: ${u}`,
  tooMany: (n, t) => `Dockwarden shows the first ${n} of ${t} problems in this file; run the dockwarden CLI for all of them`,
};

const ja: LspTexts = {
  ignoreLine: (r) => `この行の ${r} を無視`,
  ignoreFile: (r) => `このファイルの ${r} を無視`,
  showDocs: (r) => `${r} のドキュメントを表示`,
  removeSuppression: '使われていない抑制コメントを削除',
  fixAll: '自動修正できる Dockwarden の問題をすべて修正',
  hoverFix: (t) => `クイックフィックス: ${t}`,
  hoverNoFix: '自動修正はありません。設定を手で変更するか、コメントで抑制してください。',
  hoverDocs: 'ドキュメント',
  relatedIn: (m) => `（${m}）`,
  docsMessage: (u) => `Dockwarden のドキュメント: ${u}`,
  tooMany: (n, t) => `このファイルの ${t} 件の問題のうち最初の ${n} 件を表示しています。すべてを見るには dockwarden CLI を実行してください`,
};

export function lspTexts(locale: Locale): LspTexts {
  return locale === 'ja' ? ja : en;
}
