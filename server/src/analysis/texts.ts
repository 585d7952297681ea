import type { Locale } from '../../../shared-rules/src/l10n';

/** The core's own finding messages (file problems), in the user's language. */
export interface CoreTexts {
  unreadable: string;
  tooLarge(maxBytes: number): string;
  dependencyTooLarge(file: string, maxBytes: number): string;
  failed(reason: string): string;
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

const en: CoreTexts = {
  unreadable: 'The file cannot be read',
  tooLarge: (max) => `The file is larger than ${kb(max)} and was not analysed (the limit is maxFileSizeKb)`,
  dependencyTooLarge: (file, max) =>
    `${file} is part of this project but larger than ${kb(max)}: it was not read, so its settings were not checked`,
  failed: (reason) => `Dockwarden failed on this file: ${reason}`,
};

const ja: CoreTexts = {
  unreadable: 'ファイルを読み込めません',
  tooLarge: (max) => `ファイルが ${kb(max)} を超えるため解析していません（上限は maxFileSizeKb）`,
  dependencyTooLarge: (file, max) =>
    `${file} はこのプロジェクトの一部ですが ${kb(max)} を超えるため読み込んでいません。その設定は確認されていません`,
  failed: (reason) => `Dockwarden はこのファイルの解析に失敗しました: ${reason}`,
};

export function texts(locale: Locale): CoreTexts {
  return locale === 'ja' ? ja : en;
}
