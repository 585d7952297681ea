import type { ShellCommand, ShellWord, Source, TextEdit } from '../model';
import type { Rule, RuleReport } from '../rule';
import { buildCommandsOf, fixOf } from '../values';
import { CURL_LONG_WITH_ARG, CURL_SHORT_WITH_ARG, commandIndex, commandName, environmentOf, isPipCommand, scanOptions } from '../shell';

/**
 * A download over plain HTTP can be read and replaced by anyone on the network path. Fires on `ADD http://…`
 * and on `http://` URL arguments of `curl`, `wget` and `fetch` in any stage's RUN (not proxy or referer
 * arguments, not localhost / 127.x / [::1]). Reported at the URL; the fix turns `http://` into `https://`.
 * Also on package indexes over HTTP: pip / uv `--index-url`, `-i`, `--extra-index-url`, `--find-links` (the fix
 * is unsafe: an internal mirror may serve only HTTP), and PIP_INDEX_URL-style variables set by ENV, ARG or a
 * command prefix (no fix).
 */
export const insecureDownload: Rule = {
  id: 'insecure-download',
  title: 'Download over plain HTTP',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile', 'script'],
  fixable: true,
  fixSafety: {
    safety: 'safe',
    unsafeTitles: ['fixIndex'],
    reason:
      'Download hosts serve the same file over HTTPS in the common case; when one does not, or the image has no CA certificates, the build fails at that step, visibly, and nothing changes in images already built.',
  },
  messages: {
    default:
      '{command} downloads {url} over plain HTTP: anyone on the network path can read it and replace it with their own content; use HTTPS',
    add: 'ADD downloads {url} over plain HTTP: anyone on the network path can read it and replace it with their own content; use HTTPS',
    index:
      '{command} installs packages from {url} over plain HTTP: anyone on the network path can replace what it installs; use an HTTPS index',
    indexEnv:
      '{name}={url} makes pip install packages over plain HTTP: anyone on the network path can replace what it installs; use an HTTPS index',
    host: 'initializeCommand runs on the host: {command} downloads {url} over plain HTTP to your own machine, so anyone on the network path can read it and replace it with their own content; use HTTPS',
    fix: 'Use https://',
    fixIndex: 'Use https:// (may break an index that serves only HTTP)',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const d of c.dockerfile?.allDownloads ?? []) {
      if (!isInsecureUrl(d.url)) continue;
      // Only when the URL is written as such (not through a variable) can the fix edit it.
      const edits = d.url.raw === undefined ? schemeEdit(d.url.source) : undefined;
      out.push({ messageId: 'add', args: { url: d.url.value }, at: d.url.source, fix: fixOf('fix', edits) });
    }
    for (const e of c.environment) {
      if (e.kind === 'environment' || !INDEX_VARIABLES.has(e.name) || !e.value || !isInsecureUrl(e.value)) continue;
      out.push({ messageId: 'indexEnv', args: { name: e.name, url: e.value.value }, at: e.source });
    }
    for (const run of buildCommandsOf(c)) for (const cmd of run.commands) out.push(...insecureDownloadCommandReports(cmd));
    if (c.runsIn === 'host') for (const r of out) if (r.messageId === 'default') r.messageId = 'host';
    return out;
  },
};

/** Reports for one shell command (a RUN's, or a script's: the same analysis for every front end). */
export function insecureDownloadCommandReports(cmd: ShellCommand): RuleReport[] {
  const out: RuleReport[] = [];
  const words = cmd.words.map((w) => w.text);
  const name = commandName(words);
  for (const env of environmentOf(cmd)) {
    if (env.literal && INDEX_VARIABLES.has(env.name) && isInsecureUrl({ text: env.value })) {
      out.push({ messageId: 'indexEnv', args: { name: env.name, url: env.value }, at: env.source });
    }
  }
  if (isPipCommand(words)) return [...out, ...indexOptions(cmd, words)];
  if (name !== 'curl' && name !== 'wget' && name !== 'fetch') return out;
  const notUrls = name === 'curl' ? optionValueIndices(words) : new Set<number>();
  for (let i = commandIndex(words) + 1; i < words.length; i++) {
    const w = cmd.words[i];
    if (notUrls.has(i) || !isInsecureUrl(w)) continue;
    const range = w.rangeOf?.(0, 7);
    const edits: TextEdit[] | undefined = range ? [{ file: w.source.file, range, newText: 'https://' }] : undefined;
    out.push({ messageId: 'default', args: { command: name, url: w.text }, at: w.source, fix: fixOf('fix', edits) });
  }
  return out;
}

/** pip's and uv's variables that name a package index. */
const INDEX_VARIABLES = new Set([
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_FIND_LINKS',
  'UV_INDEX_URL',
  'UV_EXTRA_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'UV_INDEX',
]);
const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--index', '--default-index']);

/** `pip install -i http://mirror/simple`: packages installed from a plain HTTP index. */
function indexOptions(cmd: ShellCommand, words: string[]): RuleReport[] {
  const out: RuleReport[] = [];
  for (let i = commandIndex(words) + 1; i < words.length; i++) {
    const w = words[i];
    const eq = w.indexOf('=');
    let url: ShellWord | undefined;
    let start = 0;
    if (w.startsWith('--') && eq > 0 && INDEX_OPTIONS.has(w.slice(0, eq))) {
      url = cmd.words[i];
      start = eq + 1;
    } else if (INDEX_OPTIONS.has(w) && i + 1 < words.length) {
      url = cmd.words[++i];
    }
    if (!url || !url.literal || !isInsecureUrl({ text: url.text.slice(start) })) continue;
    const range = url.rangeOf?.(start, start + 7);
    const edits: TextEdit[] | undefined = range ? [{ file: url.source.file, range, newText: 'https://' }] : undefined;
    const at = url.rangeOf?.(start, url.text.length);
    out.push({
      messageId: 'index',
      args: { command: commandName(words), url: url.text.slice(start) },
      at: at ? { file: url.source.file, range: at } : url.source,
      fix: fixOf('fixIndex', edits),
    });
  }
  return out;
}

const LOCAL = /^http:\/\/(?:[^/@?#]*@)?(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?:[:/?#]|$)/i;

function isInsecureUrl(v: { text?: string; value?: string; known?: boolean }): boolean {
  const text = v.text ?? v.value ?? '';
  if (v.known === false) return false;
  return /^http:\/\//i.test(text) && !LOCAL.test(text);
}

/** Word indices that are arguments of curl's proxy / referer options (not downloads). */
function optionValueIndices(words: string[]): Set<number> {
  const out = new Set<number>();
  for (const h of scanOptions(words, commandIndex(words) + 1, CURL_SHORT_WITH_ARG, CURL_LONG_WITH_ARG)) {
    const download = h.name === '--url';
    if (!download && h.valueIndex !== undefined && h.value !== undefined) out.add(h.valueIndex);
  }
  return out;
}

/** Replaces the 7 characters `http://` at the start of a value written as-is. */
function schemeEdit(source: Source): TextEdit[] {
  const start = source.range.start;
  const end = { line: start.line, character: start.character + 7 };
  return [{ file: source.file, range: { start, end }, newText: 'https://' }];
}
