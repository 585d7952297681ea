import type { Locale } from '../../../shared-rules/src/l10n';

/** The CLI's own strings (the findings' messages come from the engine in the same locale). */
export interface CliTexts {
  summary(c: { problems: number; errors: number; warnings: number; infos: number; hints: number; files: number }): string;
  unknownOption(opt: string): string;
  badValue(opt: string, value: string, allowed: readonly string[]): string;
  missingValue(opt: string): string;
  missingPath(p: string): string;
  seeHelp: string;
  configExists(file: string): string;
  configWritten(file: string): string;
  fixed(file: string, rule: string, title: string): string;
  wouldFix(file: string, rule: string, title: string): string;
  noFixes: string;
  unsafeLeft(count: number): string;
  baselineWritten(file: string, count: number): string;
  baselineUnreadable(file: string, reason: string): string;
  writeFailed(file: string, reason: string): string;
  /** `--config <file>` (or another named file) that cannot be used, and why. */
  cannotUse(file: string, reason: string): string;
  readFailure(reason: 'missing' | 'not-a-file' | 'too-large' | 'outside' | 'unreadable', real?: string): string;
  notJson: string;
  notBaseline: string;
  unexpected(file: string, reason: string): string;
  updateNeedsBaseline: string;
  nothingToLint(paths: string): string;
  skipped(file: string): string;
  byRule(counts: string): string;
  alsoIn(names: string): string;
  usage: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: CliTexts = {
  summary: (c) =>
    `${plural(c.problems, 'problem', 'problems')} (${plural(c.errors, 'error', 'errors')}, ` +
    `${plural(c.warnings, 'warning', 'warnings')}, ${c.infos} info${c.hints ? `, ${plural(c.hints, 'hint', 'hints')}` : ''}) ` +
    `in ${plural(c.files, 'file', 'files')}`,
  unknownOption: (o) => `Unknown option '${o}'`,
  badValue: (o, v, allowed) => `Invalid value '${v}' for ${o}: expected one of ${allowed.join(', ')}`,
  missingValue: (o) => `Option ${o} needs a value`,
  missingPath: (p) => `No such file or folder: ${p}`,
  seeHelp: "Run 'dockwarden --help' for usage.",
  configExists: (f) => `${f} already exists; not overwriting it`,
  configWritten: (f) => `Wrote ${f}`,
  fixed: (f, r, t) => `${f}: fixed ${r} (${t})`,
  wouldFix: (f, r, t) => `${f}: would fix ${r} (${t})`,
  noFixes: 'Nothing to fix.',
  unsafeLeft: (n) =>
    `${n} unsafe ${n === 1 ? 'fix was' : 'fixes were'} not applied (they may stop a container from starting): review them, or add --unsafe-fixes.`,
  baselineWritten: (f, n) => `Wrote ${plural(n, 'finding', 'findings')} to the baseline ${f}`,
  baselineUnreadable: (f, r) => `Cannot read the baseline ${f}: ${r}`,
  writeFailed: (f, r) => `Cannot write ${f}: ${r}`,
  cannotUse: (f, r) => `Cannot use ${f}: ${r}`,
  readFailure: (reason, real) =>
    ({
      missing: 'it does not exist',
      'not-a-file': 'it is not a regular file',
      'too-large': 'it is too large',
      outside: `it is a symbolic link to ${real ?? 'a file'}, outside the working directory and the linted folders (--allow-outside permits it)`,
      unreadable: 'it cannot be read',
    })[reason],
  notJson: 'it is not a Dockwarden baseline (not JSON)',
  notBaseline: 'it is not a Dockwarden baseline (expected {"version":1,"findings":[...]})',
  unexpected: (f, r) => `Unexpected failure while linting ${f}: ${r}`,
  updateNeedsBaseline: '--update-baseline needs --baseline <file>: the file to record the current findings in',
  nothingToLint: (p) => `No Compose files, Dockerfiles or other container settings under ${p} (--allow-empty accepts that)`,
  skipped: (f) => `skipped ${f}: not a file Dockwarden lints`,
  byRule: (c) => `most frequent: ${c}`,
  alsoIn: (n) => ` (also inherited by ${n})`,
  usage: `Usage: dockwarden [options] [files or folders...]   (default: .)
       dockwarden init                                  (write a starter .dockwarden.yaml)

Finds container-security risks in Docker Compose files, Dockerfiles and docker run command lines
(shell scripts, Makefiles, GitHub Actions and GitLab CI files).

Options:
  --format text|json|sarif     output format (default: text)
  --fail-on none|info|warning|error
                               exit 1 when a finding reaches this severity (default: error)
  --profile recommended|strict which rules are on (default: recommended, or the config's profile)
  --config <file>              use this config file instead of the nearest .dockwarden.yaml
  --lang en|ja                 language of messages (default: from LC_ALL / LC_MESSAGES / LANG)
  --baseline <file>            do not report findings recorded in this baseline
  --update-baseline            record the current findings in the --baseline file and exit 0
  --fix                        apply safe fixes to the files
  --unsafe-fixes               with --fix: apply unsafe fixes too (they may stop a container from starting)
  --dry-run                    with --fix: print a unified diff instead of writing
  --allow-outside              read files a compose file names outside the linted paths,
                               and read or write through symbolic links that lead out of them
  --allow-empty                finding nothing to lint is not an error (exit 0)
  --markdown                   also read docker run lines in fenced sh/bash/console blocks of Markdown files
  --verbose                    list the files a folder walk skipped
  --no-color                   no colours in text output
  -h, --help                   show this help
  -v, --version                show the version

Exit status: 0 no finding reaches --fail-on, 1 one does, 2 usage or config error, or nothing to lint.`,
};

const ja: CliTexts = {
  summary: (c) =>
    `${c.problems} 件の問題 (エラー ${c.errors} 件、警告 ${c.warnings} 件、情報 ${c.infos} 件` +
    `${c.hints ? `、ヒント ${c.hints} 件` : ''}) / ${c.files} ファイル`,
  unknownOption: (o) => `不明なオプション '${o}' です`,
  badValue: (o, v, allowed) => `${o} の値 '${v}' は無効です。${allowed.join('、')} のいずれかを指定してください`,
  missingValue: (o) => `オプション ${o} には値が必要です`,
  missingPath: (p) => `ファイルまたはフォルダーが見つかりません: ${p}`,
  seeHelp: "使い方は 'dockwarden --help' を参照してください。",
  configExists: (f) => `${f} は既に存在します。上書きしません`,
  configWritten: (f) => `${f} を作成しました`,
  fixed: (f, r, t) => `${f}: ${r} を修正しました (${t})`,
  wouldFix: (f, r, t) => `${f}: ${r} を修正します (${t})`,
  noFixes: '修正できる問題はありません。',
  unsafeLeft: (n) =>
    `安全でない修正 ${n} 件は適用していません (コンテナーが起動しなくなる場合があります)。確認するか、--unsafe-fixes を付けてください。`,
  baselineWritten: (f, n) => `${n} 件の検出結果をベースライン ${f} に書き込みました`,
  baselineUnreadable: (f, r) => `ベースライン ${f} を読み込めません: ${r}`,
  writeFailed: (f, r) => `${f} に書き込めません: ${r}`,
  cannotUse: (f, r) => `${f} を使えません: ${r}`,
  readFailure: (reason, real) =>
    ({
      missing: '存在しません',
      'not-a-file': '通常のファイルではありません',
      'too-large': '大きすぎます',
      outside: `作業ディレクトリと検査対象のフォルダーの外にある ${real ?? 'ファイル'} へのシンボリックリンクです (--allow-outside で許可できます)`,
      unreadable: '読み込めません',
    })[reason],
  notJson: 'Dockwarden のベースラインではありません (JSON ではありません)',
  notBaseline: 'Dockwarden のベースラインではありません ({"version":1,"findings":[...]} の形式が必要です)',
  unexpected: (f, r) => `${f} の検査中に予期しないエラーが発生しました: ${r}`,
  updateNeedsBaseline: '--update-baseline には --baseline <ファイル> (現在の検出結果を記録するファイル) が必要です',
  nothingToLint: (p) => `${p} に Compose ファイル、Dockerfile などのコンテナー設定が見つかりません (--allow-empty で許可)`,
  skipped: (f) => `${f} をスキップしました: Dockwarden が検査するファイルではありません`,
  byRule: (c) => `多い順: ${c}`,
  alsoIn: (n) => ` (${n} にも継承されています)`,
  usage: `使い方: dockwarden [オプション] [ファイルまたはフォルダー...]   (既定: .)
        dockwarden init                                          (.dockwarden.yaml のひな形を作成)

Docker Compose ファイル、Dockerfile、docker run のコマンドライン (シェルスクリプト、Makefile、
GitHub Actions、GitLab CI) のコンテナーセキュリティ上のリスクを検出します。

オプション:
  --format text|json|sarif     出力形式 (既定: text)
  --fail-on none|info|warning|error
                               この重大度以上の検出結果があれば終了コード 1 (既定: error)
  --profile recommended|strict 有効にするルールの組 (既定: recommended、または設定ファイルの profile)
  --config <ファイル>          最も近い .dockwarden.yaml の代わりにこの設定ファイルを使う
  --lang en|ja                 メッセージの言語 (既定: LC_ALL / LC_MESSAGES / LANG から)
  --baseline <ファイル>        このベースラインに記録済みの検出結果を報告しない
  --update-baseline            現在の検出結果を --baseline のファイルに記録して終了コード 0
  --fix                        安全な修正をファイルに適用する
  --unsafe-fixes               --fix と併用: 安全でない修正も適用する (コンテナーが起動しなくなる場合がある)
  --dry-run                    --fix と併用: 書き込まずに unified diff を表示する
  --allow-outside              検査対象外のパスにある include/extends 等のファイルも読み、
                               外へ向かうシンボリックリンク越しの読み書きも許可する
  --allow-empty                検査するファイルがなくてもエラーにしない (終了コード 0)
  --markdown                   Markdown のコードブロック (sh/bash/console) の docker run も検査する
  --verbose                    フォルダーの走査でスキップしたファイルを表示する
  --no-color                   テキスト出力を色なしにする
  -h, --help                   このヘルプを表示する
  -v, --version                バージョンを表示する

終了コード: 0 --fail-on に達する検出結果なし、1 あり、2 使い方または設定の誤り、または検査するファイルなし。`,
};

export function cliTexts(locale: Locale): CliTexts {
  return locale === 'ja' ? ja : en;
}
