import type { Position } from './model';

/**
 * Moving model objects by lines. When lines are inserted or removed above a part of a file that did not change
 * (a keystroke in an earlier service, an Enter above a RUN), what was built from that part is still right once
 * its positions are moved: a copy with every position moved, and every edit handle wrapped so that what it
 * returns is moved too, is what building it again from the new text would give.
 */
export interface LineShift {
  /** The file whose positions move; other files' positions stay. */
  file: string;
  /** Positions on this line or below move. */
  fromLine: number;
  /** Lines added (negative: removed). */
  delta: number;
}

/** A deep copy of `value` with `shift` applied; objects shared inside it (pipelines, cycles) stay shared. */
export function shiftLines<T>(value: T, shift: LineShift): T {
  if (shift.delta === 0) return value;
  return new Shifter(shift).copy(value, true) as T;
}

class Shifter {
  private readonly copies = new Map<object, unknown>();
  constructor(private readonly shift: LineShift) {}

  /** `inFile`: a bare range or position here belongs to the shifted file (not to a Source of another file). */
  copy(value: unknown, inFile: boolean): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const done = this.copies.get(value as object);
    if (done !== undefined) return done;
    if (typeof value === 'function') return this.wrap(value as (...args: unknown[]) => unknown, inFile);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      this.copies.set(value, out);
      for (const item of value) out.push(this.copy(item, inFile));
      return out;
    }
    const obj = value as Record<string, unknown>;
    if (isPosition(obj)) return inFile ? this.position(obj) : obj;
    // A Source or TextEdit names its file: only positions of the shifted file move.
    const here = typeof obj.file === 'string' ? obj.file === this.shift.file : inFile;
    const out: Record<string, unknown> = {};
    this.copies.set(value, out);
    for (const key of Object.keys(obj)) out[key] = this.copy(obj[key], here);
    return out;
  }

  private position(p: Position): Position {
    return p.line >= this.shift.fromLine ? { line: p.line + this.shift.delta, character: p.character } : p;
  }

  /** Edit handles and `rangeOf`: their results are moved as they are made. */
  private wrap(fn: (...args: unknown[]) => unknown, inFile: boolean): unknown {
    const shift = this.shift;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      return new Shifter(shift).copy(fn.apply(this, args), inFile);
    };
    this.copies.set(fn, wrapped);
    return wrapped;
  }
}

function isPosition(obj: Record<string, unknown>): obj is Position & Record<string, unknown> {
  return typeof obj.line === 'number' && typeof obj.character === 'number';
}

/** Where a moved copy came from: the object it copies and the shift (for caches of what was derived from it). */
export interface MovedFrom {
  original: object;
  shift: LineShift;
}

const origins = new WeakMap<object, MovedFrom>();

/** `shiftLines`, remembering the original: `movedFrom(copy)` finds it again (the same object when nothing moves). */
export function movedCopy<T extends object>(value: T, shift: LineShift): T {
  const copy = shiftLines(value, shift);
  if (copy !== value) origins.set(copy, { original: value, shift });
  return copy;
}

export function movedFrom(value: object): MovedFrom | undefined {
  return origins.get(value);
}
