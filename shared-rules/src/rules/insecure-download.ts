import type { Source, TextEdit } from '../model';
import type { Rule, RuleReport } from '../rule';
import { fixOf } from '../values';
import { CURL_LONG_WITH_ARG, CURL_SHORT_WITH_ARG, commandIndex, commandName, scanOptions } from '../shell';

/**
 * A download over plain HTTP can be read and replaced by anyone on the network path. Fires on `ADD http://…`
 * and on `http://` URL arguments of `curl`, `wget` and `fetch` in any stage's RUN (not proxy or referer
 * arguments, not localhost / 127.x / [::1]). Reported at the URL; the fix turns `http://` into `https://`.
 */
export const insecureDownload: Rule = {
  id: 'insecure-download',
  title: 'Download over plain HTTP',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile'],
  fixable: true,
  fixSafety: {
    safety: 'safe',
    reason:
      'Download hosts serve the same file over HTTPS in the common case; when one does not, or the image has no CA certificates, the build fails at that step, visibly, and nothing changes in images already built.',
  },
  messages: {
    default:
      '{command} downloads {url} over plain HTTP: anyone on the network path can read it and replace it with their own content; use HTTPS',
    add: 'ADD downloads {url} over plain HTTP: anyone on the network path can read it and replace it with their own content; use HTTPS',
    fix: 'Use https://',
  },
  check(c) {
    const info = c.dockerfile;
    if (!info) return [];
    const out: RuleReport[] = [];
    for (const d of info.allDownloads) {
      if (!isInsecureUrl(d.url)) continue;
      // Only when the URL is written as such (not through a variable) can the fix edit it.
      const edits = d.url.raw === undefined ? schemeEdit(d.url.source) : undefined;
      out.push({ messageId: 'add', args: { url: d.url.value }, at: d.url.source, fix: fixOf('fix', edits) });
    }
    for (const run of info.allRuns) {
      for (const cmd of run.commands) {
        const words = cmd.words.map((w) => w.text);
        const name = commandName(words);
        if (name !== 'curl' && name !== 'wget' && name !== 'fetch') continue;
        const notUrls = name === 'curl' ? optionValueIndices(words) : new Set<number>();
        for (let i = commandIndex(words) + 1; i < words.length; i++) {
          const w = cmd.words[i];
          if (notUrls.has(i) || !isInsecureUrl(w)) continue;
          const range = w.rangeOf?.(0, 7);
          const edits: TextEdit[] | undefined = range ? [{ file: w.source.file, range, newText: 'https://' }] : undefined;
          out.push({ messageId: 'default', args: { command: name, url: w.text }, at: w.source, fix: fixOf('fix', edits) });
        }
      }
    }
    return out;
  },
};

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
