import type { Position } from './model';

/** Negative when `a` is before `b`, 0 when equal, positive after. */
export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}
