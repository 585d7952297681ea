import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { LineSpan } from '../../../shared-rules/src/model';
import type { LineIndex, MappedText } from '../shell/text';
import { withoutStackTraces } from '../text/yaml-errors';

/**
 * YAML scalars as shell text with file offsets: the decoded value of a plain, quoted or block scalar, each unit
 * mapped to where it is written (-1 for a unit the YAML syntax made: a folded line break, an escape). The mapping
 * is checked against the value the `yaml` package decodes; a scalar whose mapping does not reproduce it is
 * returned with no offsets (its findings then sit at the scalar's start, and no edit touches it).
 */
export function scalarText(text: string, node: Scalar): MappedText | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  let out: MappedText | undefined;
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      out = blockText(text, start, end, node.type === 'BLOCK_FOLDED');
      break;
    case 'QUOTE_SINGLE':
      out = quotedText(text, start + 1, end - 1, "'");
      break;
    case 'QUOTE_DOUBLE':
      out = quotedText(text, start + 1, end - 1, '"');
      break;
    default:
      out = quotedText(text, start, end, '');
  }
  if (out && trimEnd(out.text) === trimEnd(node.value)) return out;
  return { text: node.value, offsets: new Array<number>(node.value.length).fill(start) };
}

/**
 * Whether a line break in the scalar is folded into a space (plain, quoted and `>` scalars; not `|`): there a flag
 * alone on its line is removed with its line, and what remains is still one command.
 */
function foldsLines(node: Scalar): boolean {
  return node.type !== 'BLOCK_LITERAL';
}

/** A scalar's lines (from its indicator or first character) when it folds lines: see ScriptResult.enclosing. */
export function foldedSpan(index: LineIndex, node: Scalar): LineSpan | undefined {
  if (!foldsLines(node) || !node.range) return undefined;
  return { first: index.lineOf(node.range[0]), last: index.lineOf(Math.max(node.range[0], node.range[1] - 1)) };
}

function trimEnd(s: string): string {
  return s.trimEnd(); // = replace(/\s+$/, ""), which is quadratic on a long run of blanks before a last character
}

/** Plain and quoted scalars: escapes decoded (double quotes), `''` (single), line folding (a break → a space). */
function quotedText(text: string, from: number, to: number, quote: string): MappedText {
  const out: MappedText = { text: '', offsets: [] };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote === "'" && c === "'" && text[i + 1] === "'") {
      out.text += "'";
      out.offsets.push(i);
      i++;
      continue;
    }
    if (quote === '"' && c === '\\') {
      const e = text[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', ' ': ' ', '0': '\0', r: '\r' };
      if (e !== undefined && e in simple) {
        out.text += simple[e];
        out.offsets.push(e === '"' || e === '\\' || e === '/' || e === ' ' ? i + 1 : -1);
        i++;
        continue;
      }
      return { text: '', offsets: [] }; // rarer escapes: no mapping
    }
    if (c === '\r' || c === '\n') {
      // Folding: trailing blanks dropped, the break and the next line's indentation become one space.
      while (out.text.endsWith(' ') || out.text.endsWith('\t')) {
        out.text = out.text.slice(0, -1);
        out.offsets.pop();
      }
      let j = i;
      let breaks = 0;
      while (j < to && /[\r\n \t]/.test(text[j])) {
        if (text[j] === '\n') breaks++;
        j++;
      }
      const fill = breaks > 1 ? '\n'.repeat(breaks - 1) : ' ';
      for (const ch of fill) {
        out.text += ch;
        out.offsets.push(-1);
      }
      i = j - 1;
      continue;
    }
    out.text += c;
    out.offsets.push(i);
  }
  return out;
}

/** `|` and `>` block scalars: indentation removed, line breaks kept (literal) or folded (`>`). */
function blockText(text: string, from: number, to: number, folded: boolean): MappedText | undefined {
  const headerEnd = text.indexOf('\n', from);
  if (headerEnd < 0 || headerEnd >= to) return { text: '', offsets: [] };
  const header = text.slice(from, headerEnd);
  const explicit = /[1-9]/.exec(header);
  const lines: { start: number; end: number }[] = [];
  for (let i = headerEnd + 1; i < to;) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 || nl >= to ? to : nl;
    lines.push({ start: i, end: end > i && text[end - 1] === '\r' ? end - 1 : end });
    i = end + 1;
  }
  let indent: number;
  if (explicit) {
    // Relative to the indentation of the line the header is on (the key's).
    const lineStart = text.lastIndexOf('\n', from) + 1;
    indent = /^ */.exec(text.slice(lineStart, from))![0].length + Number(explicit[0]);
  } else {
    const first = lines.find((l) => text.slice(l.start, l.end).trim() !== '');
    if (!first) return { text: '', offsets: [] };
    indent = /^ */.exec(text.slice(first.start, first.end))![0].length;
  }
  const out: MappedText = { text: '', offsets: [] };
  let previousNormal = false;
  for (let k = 0; k < lines.length; k++) {
    const { start, end } = lines[k];
    const content = end - start > indent ? start + indent : end;
    const blank = text.slice(start, end).trim() === '';
    const normal = !blank && text[content] !== ' ' && text[content] !== '\t';
    if (k > 0) {
      // The break before this line.
      const fold = folded && previousNormal && normal;
      out.text += fold ? ' ' : '\n';
      out.offsets.push(fold ? -1 : lines[k - 1].end);
    }
    for (let i = content; i < end; i++) {
      out.text += text[i];
      out.offsets.push(i);
    }
    if (!blank) previousNormal = normal;
    else if (folded) previousNormal = false;
  }
  return out;
}

/** Parses a YAML file; undefined when it is not YAML. */
export function parseYaml(text: string): Document | undefined {
  try {
    const doc = withoutStackTraces(() => parseDocument(text, { prettyErrors: false, uniqueKeys: false, maxAliasCount: 1000 } as never));
    if (doc.errors.length > 0) return undefined;
    return doc;
  } catch {
    return undefined;
  }
}

export function pairsOf(node: unknown): Pair<Scalar, Node>[] {
  if (!isMap(node)) return [];
  return (node as YAMLMap<Scalar, Node>).items.filter((p) => isScalar(p.key)) as Pair<Scalar, Node>[];
}

export function keyName(p: Pair<Scalar, Node>): string {
  return String(p.key.value);
}

export function get(node: unknown, key: string): Node | undefined {
  return pairsOf(node).find((p) => keyName(p) === key)?.value ?? undefined;
}

export function pairOf(node: unknown, key: string): Pair<Scalar, Node> | undefined {
  return pairsOf(node).find((p) => keyName(p) === key);
}

export function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

export function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}
