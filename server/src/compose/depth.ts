/**
 * A cheap pre-check of YAML nesting before the yaml library sees the text: the library recurses once per
 * level, and near the stack limit V8 can abort the whole process (a RegExp compiled at the deepest frame
 * fails with a fatal out-of-memory) instead of throwing a RangeError we could catch. Compose files nest a
 * dozen levels; anything past these bounds is refused with a parse error.
 */

/** Flow collections (`[`, `{`) open at once. */
export const MAX_FLOW_DEPTH = 100;
/** Width of a line's leading indentation plus block indicators (`- `, `? `, `: `). */
export const MAX_BLOCK_PREFIX = 300;

export interface DepthProblem {
  offset: number;
  message: string;
}

/**
 * Brackets are counted everywhere except in comments: quotes are not tracked, so a bracket inside a string
 * may be over-counted but real nesting is never missed (a mis-detected quote cannot hide it).
 */
export function checkNesting(text: string): DepthProblem | undefined {
  let flow = 0;
  let lineStart = true;
  let prefix = 0;
  let prev = 10;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      prefix = 0;
      prev = c;
      continue;
    }
    if (lineStart) {
      const next = text.charCodeAt(i + 1);
      const indicator =
        (c === 45 || c === 63 || c === 58) && (next === 32 || next === 9 || next === 10 || next === 13 || Number.isNaN(next));
      if (c === 32 || c === 9 || indicator) {
        if (++prefix > MAX_BLOCK_PREFIX)
          return { offset: i, message: `The YAML is indented or nested more than ${MAX_BLOCK_PREFIX} columns deep; it is not analysed` };
        prev = c;
        continue;
      }
      lineStart = false;
    }
    if (c === 35 && (prev === 32 || prev === 9 || prev === 10 || prev === 13)) {
      // A comment: skip to the end of the line.
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
    } else if (c === 91 || c === 123) {
      if (++flow > MAX_FLOW_DEPTH)
        return { offset: i, message: `The YAML nests more than ${MAX_FLOW_DEPTH} flow collections; it is not analysed` };
    } else if ((c === 93 || c === 125) && flow > 0) {
      flow--;
    }
    prev = c;
  }
  return undefined;
}
