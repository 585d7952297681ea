import type { ShellTrees } from '../shell/mvdan';
import type { ParsedFile } from '../../../shared-rules/src/model';
import { LineIndex, type MappedText } from '../shell/text';
import { analyseShell, parsedFile, type ScriptContext, type ScriptResult } from './script';

/**
 * Markdown (opt-in: `--markdown`, setting `dockwarden.markdown`): fenced code blocks tagged `sh`, `bash`, `shell`
 * or `console` (also with ``` ~~~ fences, indented up to three spaces, and info strings such as `bash title=x`).
 * `console` blocks are transcripts: only lines starting with a `$ ` or `# ` prompt are commands (with the lines
 * that continue them); the other lines are output.
 */
export function isMarkdownName(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

export function parseMarkdown(file: string, text: string, trees?: ShellTrees): ParsedFile {
  const index = new LineIndex(text);
  const ctx: ScriptContext = { file, index, trees };
  const results: ScriptResult[] = [];
  let l = 0;
  while (l < index.lineCount) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([\w+-]*)/.exec(index.lineText(l));
    if (!open) {
      l++;
      continue;
    }
    const fence = open[2];
    const lang = open[3].toLowerCase();
    let end = l + 1;
    while (end < index.lineCount && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(index.lineText(end))) end++;
    const first = l + 1;
    if (lang === 'sh' || lang === 'bash' || lang === 'shell' || lang === 'zsh')
      results.push(analyseShell(lines(index, first, end, open[1].length), ctx));
    else if (lang === 'console' || lang === 'shell-session') results.push(analyseShell(prompts(index, first, end, open[1].length), ctx));
    l = end + 1;
  }
  return parsedFile(file, text, index, results);
}

function append(out: MappedText, index: LineIndex, line: number, from: number): void {
  const start = index.lineStart(line);
  const text = index.lineText(line);
  for (let i = from; i < text.length; i++) {
    out.text += text[i];
    out.offsets.push(start + i);
  }
  out.text += '\n';
  out.offsets.push(start + text.length);
}

/** The block's lines, less the fence's indentation and a `$ ` prompt (often written in `bash` blocks too). */
function lines(index: LineIndex, from: number, to: number, indent: number): MappedText {
  const out: MappedText = { text: '', offsets: [] };
  for (let l = from; l < to; l++) {
    const text = index.lineText(l);
    const lead = Math.min(indent, /^ */.exec(text)![0].length);
    append(out, index, l, text.startsWith('$ ', lead) ? lead + 2 : lead);
  }
  return out;
}

/** Prompt lines (`$ cmd`, `# cmd`) and their continuation lines; output lines become blank lines. */
function prompts(index: LineIndex, from: number, to: number, indent: number): MappedText {
  const out: MappedText = { text: '', offsets: [] };
  let continuing = false;
  for (let l = from; l < to; l++) {
    const text = index.lineText(l);
    const lead = Math.min(indent, /^ */.exec(text)![0].length);
    const m = /^([$#]) /.exec(text.slice(lead));
    if (continuing || m) {
      append(out, index, l, continuing ? lead : lead + 2);
      continuing = /(^|[^\\])(\\\\)*\\$/.test(text);
    } else {
      out.text += '\n';
      out.offsets.push(index.lineStart(l) + text.length);
    }
  }
  return out;
}
