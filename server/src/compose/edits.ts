import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { MappingSlot, TextEdit } from '../../../shared-rules/src/model';
import type { LineIndex } from '../text/line-index';

/**
 * Minimal text edits on a compose file, computed from the text and the yaml node ranges. Nothing is
 * re-serialized: comments, quoting, indentation width and line breaks outside the edited span survive.
 */
export interface EditContext {
  file: string;
  text: string;
  lines: LineIndex;
  eol: string;
}

function edit(ctx: EditContext, start: number, end: number, newText: string): TextEdit {
  return { file: ctx.file, range: ctx.lines.range(start, end), newText };
}

export function nodeStart(node: Node): number {
  return node.range?.[0] ?? 0;
}

/** End offset of the node's last content character (no trailing comment, blank line or line break). */
export function contentEnd(node: Node | null, text: string): number {
  let n: unknown = node;
  for (;;) {
    if (isMap(n) || isSeq(n)) {
      const coll = n as YAMLMap | YAMLSeq;
      if (coll.flow || coll.items.length === 0) break;
      const last = coll.items[coll.items.length - 1];
      if (isPair(last)) n = last.value && (last.value as Node).range ? last.value : last.key;
      else n = last;
      continue;
    }
    break;
  }
  const r = (n as Node | null)?.range;
  if (!r) return 0;
  // A keep-chomping block scalar (`|+`, `>+`) ends after its trailing blank lines: they are part of its value,
  // so an entry added after it must go below them (else the value loses its trailing line breaks).
  if (isScalar(n) && keepsTrailingLines(n as Scalar, text)) return r[1];
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** A block scalar whose header has the keep indicator `+` (`|+`, `>+`, `|2+`, `|+2`). */
function keepsTrailingLines(node: Scalar, text: string): boolean {
  if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') return false;
  const start = node.range![0];
  let i = start;
  while (i < text.length && i < start + 256 && text[i] !== '|' && text[i] !== '>') i++;
  for (i++; i < text.length; i++) {
    const c = text[i];
    if (c === '+') return true;
    if (c !== '-' && (c < '0' || c > '9')) return false;
  }
  return false;
}

function pairStart(pair: Pair): number {
  return nodeStart(pair.key as Node);
}

function pairEnd(pair: Pair, text: string): number {
  const v = pair.value as Node | null;
  const k = pair.key as Node;
  return Math.max(v?.range ? contentEnd(v, text) : 0, contentEnd(k, text));
}

function onlyWhitespaceBefore(ctx: EditContext, offset: number): boolean {
  const ls = ctx.lines.lineStart(ctx.lines.lineOf(offset));
  return ctx.text.slice(ls, offset).trim() === '';
}

/** Offsets of whole lines from the line of `start` through the line break after `end`. */
function wholeLines(ctx: EditContext, start: number, end: number): [number, number] {
  const first = ctx.lines.lineOf(start);
  const last = ctx.lines.lineOf(Math.max(start, end - 1));
  return [ctx.lines.lineStart(first), ctx.lines.lineEndWithBreak(last)];
}

/** Removes a `key: value` entry (all its lines, a trailing comment included; in flow style, one comma). */
export function removeMapEntry(ctx: EditContext, map: YAMLMap, pair: Pair): TextEdit[] {
  const items = map.items as Pair[];
  const i = items.indexOf(pair);
  if (i < 0) return [];
  const start = pairStart(pair);
  const end = pairEnd(pair, ctx.text);
  if (map.flow) {
    if (items.length === 1) return [edit(ctx, start, end, '')];
    if (i > 0) return [edit(ctx, pairEnd(items[i - 1], ctx.text), end, '')];
    return [edit(ctx, start, pairStart(items[i + 1]), '')];
  }
  if (onlyWhitespaceBefore(ctx, start)) {
    const [s, e] = wholeLines(ctx, start, end);
    return [edit(ctx, s, e, '')];
  }
  // The key follows `- ` on its line: pull the next key up, or leave an empty mapping.
  if (i + 1 < items.length) return [edit(ctx, start, pairStart(items[i + 1]), '')];
  return [edit(ctx, start, end, '{}')];
}

/** Position of the `-` indicator of a block sequence item. */
function dashBefore(ctx: EditContext, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && (ctx.text[i] === ' ' || ctx.text[i] === '\t')) i--;
  return ctx.text[i] === '-' ? i : -1;
}

function itemStart(node: unknown, fallback: number): number {
  return (node as Node | null)?.range?.[0] ?? fallback;
}

/**
 * Removes one sequence item. When it is the only item, `removeParent` (the `key:` entry holding the
 * sequence) is used if given, else the sequence becomes `[]`.
 */
export function removeSeqItem(ctx: EditContext, seq: YAMLSeq, index: number, removeParent?: () => TextEdit[]): TextEdit[] {
  const items = seq.items as Array<Node | null>;
  const node = items[index];
  if (!node?.range) return [];
  if (items.length === 1) {
    if (removeParent) return removeParent();
    return emptySeq(ctx, seq);
  }
  const start = node.range[0];
  const end = contentEnd(node, ctx.text);
  if (seq.flow) {
    if (index > 0) return [edit(ctx, contentEnd(items[index - 1], ctx.text), end, '')];
    return [edit(ctx, start, itemStart(items[index + 1], end), '')];
  }
  const dash = dashBefore(ctx, start);
  if (dash < 0) return [];
  if (onlyWhitespaceBefore(ctx, dash)) {
    const [s, e] = wholeLines(ctx, dash, end);
    return [edit(ctx, s, e, '')];
  }
  // `- - a` (an item of a nested sequence on its parent's line)
  if (index + 1 < items.length) {
    const nextDash = dashBefore(ctx, itemStart(items[index + 1], end));
    if (nextDash > dash) return [edit(ctx, dash, nextDash, '')];
  }
  return [];
}

function emptySeq(ctx: EditContext, seq: YAMLSeq): TextEdit[] {
  const r = seq.range;
  if (!r) return [];
  if (seq.flow) return [edit(ctx, r[0] + 1, contentEnd(seq, ctx.text) - 1, '')];
  const first = seq.items[0] as Node | null;
  const dash = first?.range ? dashBefore(ctx, first.range[0]) : -1;
  if (dash < 0) return [];
  return [edit(ctx, dash, contentEnd(seq, ctx.text), '[]')];
}

const NON_STRING =
  /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|false|yes|no|on|off|y|n|null|~)$/i;
const SAFE_PLAIN = /^[A-Za-z0-9_./~][A-Za-z0-9_./~@%+=-]*$/;

export function doubleQuoted(text: string): string {
  const body = text.replace(/[\\"\x00-\x1f\x7f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\t':
        return '\\t';
      case '\r':
        return '\\r';
      default:
        return '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
    }
  });
  return `"${body}"`;
}

/**
 * Replaces a scalar with `text` in the same quoting style where it can: plain stays plain when the text is
 * safe as a plain scalar of the same type, single quotes stay single, else double quotes.
 * `forceQuote` makes a plain scalar a quoted string (a port written as the number `9100`).
 */
export function replaceScalar(ctx: EditContext, node: Scalar, text: string, forceQuote = false): TextEdit[] {
  const r = node.range;
  if (!r) return [];
  let newText: string;
  let end = r[1];
  switch (node.type) {
    case 'PLAIN': {
      const wasString = typeof node.value === 'string';
      const plain = SAFE_PLAIN.test(text) && (wasString ? !NON_STRING.test(text) : true);
      newText = plain && !forceQuote ? text : doubleQuoted(text);
      break;
    }
    case 'QUOTE_SINGLE':
      newText = /[\x00-\x1f]/.test(text) ? doubleQuoted(text) : `'${text.replace(/'/g, "''")}'`;
      break;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      // The range holds the header and the trailing line break; keep the break.
      while (end > r[0] && /\s/.test(ctx.text[end - 1])) end--;
      newText = doubleQuoted(text);
      break;
    default:
      newText = doubleQuoted(text);
  }
  return [edit(ctx, r[0], end, newText)];
}

/** Re-indents a `valueText` written with two-space steps to `step`, at base column `col`. */
function entryText(ctx: EditContext, key: string, valueText: string, col: number, step: number): string {
  if (!valueText.includes('\n')) return `${key}: ${valueText}`;
  const lines = valueText.split('\n').filter((l) => l.trim() !== '');
  const body = lines.map((l) => {
    const lead = l.length - l.trimStart().length;
    return ' '.repeat(col + step + Math.round(lead / 2) * step) + l.trimStart();
  });
  return `${key}:${ctx.eol}${body.join(ctx.eol)}`;
}

export interface SlotTarget {
  /** The mapping's value node as written (a map, an alias to one, or an empty value). */
  written: Node | null;
  /** The resolved mapping, if any. */
  map?: YAMLMap;
  /** Column of the key that owns the mapping (the service key), for indenting a first entry. */
  ownerColumn?: number;
  /** Offset of the end of the owner key's line content, for a first entry under an empty value. */
  ownerLineEnd?: number;
  /** Indentation step of the file, when known. */
  step?: number;
}

/** A place to add `key: value` entries to a mapping, block or flow, keeping indentation and line ends. */
export function mappingSlot(ctx: EditContext, target: SlotTarget): MappingSlot {
  // Several rules add to one service: where its block ends is found once.
  let tail: BlockTail | undefined;
  const blockTail = (pairs: Pair[]) => (tail ??= findBlockTail(ctx, pairs));
  return { addEntry: (key, valueText) => addEntry(ctx, target, key, valueText, blockTail) };
}

/** A block mapping's first key column and the end of its last line's content. */
interface BlockTail {
  col: number;
  at: number;
}

function findBlockTail(ctx: EditContext, pairs: Pair[]): BlockTail {
  const firstKey = pairStart(pairs[0]);
  const col = firstKey - ctx.lines.lineStart(ctx.lines.lineOf(firstKey));
  const lastLine = ctx.lines.lineOf(Math.max(firstKey, pairEnd(pairs[pairs.length - 1], ctx.text) - 1));
  return { col, at: ctx.lines.lineEnd(lastLine) };
}

function addEntry(ctx: EditContext, t: SlotTarget, key: string, valueText: string, blockTail: (pairs: Pair[]) => BlockTail): TextEdit[] {
  const w = t.written;
  const singleLine = !valueText.includes('\n');
  if (w && isAlias(w)) {
    // `web: *base` -> `web: {<<: *base, key: value}`: the anchor is shared, the service is not.
    if (!singleLine || !w.range) return [];
    const aliasText = ctx.text.slice(w.range[0], w.range[1]);
    return [edit(ctx, w.range[0], w.range[1], `{<<: ${aliasText}, ${key}: ${valueText}}`)];
  }
  const map = w && isMap(w) ? (w as YAMLMap) : undefined;
  if (map?.range) {
    const pairs = map.items as Pair[];
    if (map.flow) {
      if (!singleLine) return [];
      if (pairs.length === 0) return [edit(ctx, map.range[0] + 1, map.range[0] + 1, `${key}: ${valueText}`)];
      const at = pairEnd(pairs[pairs.length - 1], ctx.text);
      return [edit(ctx, at, at, `, ${key}: ${valueText}`)];
    }
    if (pairs.length === 0) return [];
    const { col, at } = blockTail(pairs);
    const step = t.step ?? (t.ownerColumn !== undefined && col > t.ownerColumn ? col - t.ownerColumn : 2);
    return [edit(ctx, at, at, ctx.eol + ' '.repeat(col) + entryText(ctx, key, valueText, col, step))];
  }
  // An empty value (`web:` or `web: ~`).
  if (w && isScalar(w) && w.value === null && w.range) {
    const written = ctx.text.slice(w.range[0], w.range[1]);
    if (written.trim() !== '') {
      return singleLine ? [edit(ctx, w.range[0], w.range[1], `{${key}: ${valueText}}`)] : [];
    }
    if (t.ownerColumn === undefined || t.ownerLineEnd === undefined) return [];
    const step = t.step ?? 2;
    const col = t.ownerColumn + step;
    const at = t.ownerLineEnd;
    return [edit(ctx, at, at, ctx.eol + ' '.repeat(col) + entryText(ctx, key, valueText, col, step))];
  }
  return [];
}
