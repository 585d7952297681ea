import type { Node, ParseError } from 'jsonc-parser';
import type { MappedText } from '../shell/text';

/**
 * JSON with comments, as VS Code and the Dev Containers CLI read `devcontainer.json` (comments and trailing commas
 * allowed), through Microsoft's `jsonc-parser` (required on first use: only devcontainer files need it).
 *
 * The parser recurses once per nesting level, so the text's depth is measured first with its scanner (a loop):
 * past MAX_DEPTH levels the file is not parsed. A devcontainer.json is a few levels deep.
 */
export const MAX_DEPTH = 64;

type Jsonc = typeof import('jsonc-parser');
let api: Jsonc | undefined;

export function jsonc(): Jsonc {
  api ??= require('jsonc-parser') as Jsonc;
  return api;
}

// SyntaxKind values of jsonc-parser's scanner (a const enum in its types).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const EOF = 17;

export const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

export type JsonParse = { root: Node | undefined; error?: undefined } | { root?: undefined; error: { offset: number; message: string } };

/** Parses the text; an error (the first syntax error, or a nesting deeper than MAX_DEPTH) says where. */
export function parseJsonc(text: string): JsonParse {
  const deep = mayBeTooDeep(text) ? tooDeepAt(text) : -1;
  if (deep >= 0) return { error: { offset: deep, message: `values are nested more than ${MAX_DEPTH} levels deep` } };
  const errors: ParseError[] = [];
  const root = jsonc().parseTree(text, errors, PARSE_OPTIONS);
  if (errors.length > 0) {
    return { error: { offset: errors[0].offset, message: jsonc().printParseErrorCode(errors[0].error) } };
  }
  return { root };
}

/** Whether the text has more than MAX_DEPTH opening brackets at all (most files have a few dozen: no scan). */
function mayBeTooDeep(text: string): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1)) if (++count > MAX_DEPTH) return true;
  }
  return false;
}

/** Offset of the first bracket past MAX_DEPTH levels, or -1. */
function tooDeepAt(text: string): number {
  const scanner = jsonc().createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan() as number; kind !== EOF; kind = scanner.scan() as number) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth--;
    }
  }
  return -1;
}

/**
 * Whether `text` parses as JSONC without an error, and its comments in order: one pass of the parser's visitor,
 * which builds no tree (what an edit is checked with). The text must be no deeper than MAX_DEPTH + 1 levels.
 */
export function checkJsonc(text: string): { valid: boolean; comments: string[] } {
  const comments: string[] = [];
  let valid = true;
  jsonc().visit(
    text,
    {
      onComment: (offset, length) => void comments.push(text.slice(offset, offset + length)),
      onError: () => void (valid = false),
    },
    PARSE_OPTIONS,
  );
  return { valid, comments };
}

/** The comments of a text, in order (a fix must keep every one). */
export function commentsOf(text: string): string[] {
  const scanner = jsonc().createScanner(text, false);
  const out: string[] = [];
  for (let kind = scanner.scan() as number; kind !== EOF; kind = scanner.scan() as number) {
    // The token's own text (getTokenValue of a comment may hold the blanks before it).
    if (kind === LINE_COMMENT || kind === BLOCK_COMMENT)
      out.push(text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()));
  }
  return out;
}

/** Comment tokens of `text[from, to)`: their start and end offsets. */
export function commentSpans(text: string, from: number, to: number): Array<[number, number]> {
  const scanner = jsonc().createScanner(text, false);
  scanner.setPosition(from);
  const out: Array<[number, number]> = [];
  for (let kind = scanner.scan() as number; kind !== EOF && scanner.getTokenOffset() < to; kind = scanner.scan() as number) {
    if (kind === LINE_COMMENT || kind === BLOCK_COMMENT)
      out.push([scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()]);
  }
  return out;
}

/** The property `key` of an object node (the last one: JSON.parse keeps the last of repeated keys). */
export function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object' || !node.children) return undefined;
  for (let i = node.children.length - 1; i >= 0; i--) {
    const p = node.children[i];
    if (p.children?.[0]?.value === key) return p;
  }
  return undefined;
}

/** The value node of the property `key`. */
export function valueOf(node: Node | undefined, key: string): Node | undefined {
  return property(node, key)?.children?.[1];
}

/** Properties of an object node, with their key text and value node. */
export function properties(node: Node | undefined): Array<{ key: string; property: Node; keyNode: Node; value: Node | undefined }> {
  if (node?.type !== 'object' || !node.children) return [];
  const out = [];
  for (const p of node.children) {
    const keyNode = p.children?.[0];
    if (keyNode?.type === 'string') out.push({ key: String(keyNode.value), property: p, keyNode, value: p.children?.[1] });
  }
  return out;
}

export function items(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** A string node's text with the file offset of each unit (-1 for a unit an escape wrote). */
export function stringText(text: string, node: Node): MappedText {
  const value = String(node.value ?? '');
  const out: MappedText = { text: '', offsets: [] };
  const end = node.offset + node.length - 1;
  let piece = '';
  for (let i = node.offset + 1; i < end; i++) {
    const c = text[i];
    if (c !== '\\') {
      piece += c;
      out.offsets.push(i);
    } else {
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e === 'u') {
        piece += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 5;
      } else {
        piece += simple[e] ?? e;
        i++;
      }
      out.offsets.push(-1);
    }
    if (piece.length >= 4096) {
      out.text += piece;
      piece = '';
    }
  }
  out.text += piece;
  if (out.text === value) return out;
  return { text: value, offsets: new Array<number>(value.length).fill(-1) };
}

/** `rangeOf` for a mapped text: the offsets of units `from..to` when they are written as-is, in a row. */
export function verbatim(m: MappedText, from: number, to: number): [number, number] | undefined {
  if (from < 0 || to > m.offsets.length || from >= to) return undefined;
  for (let i = from; i < to; i++) if (m.offsets[i] < 0 || (i > from && m.offsets[i] !== m.offsets[i - 1] + 1)) return undefined;
  return [m.offsets[from], m.offsets[to - 1] + 1];
}
