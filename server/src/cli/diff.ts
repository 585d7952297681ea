/** A minimal unified diff (Myers' algorithm over lines), enough for `--fix --dry-run`. */
export function unifiedDiff(oldName: string, newName: string, a: string, b: string, context = 3): string {
  if (a === b) return '';
  const x = splitLines(a);
  const y = splitLines(b);
  const ops = diffLines(x, y);
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  // Group the ops into hunks with `context` unchanged lines around each change.
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i].op === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].op !== ' ') end++;
      let run = end;
      while (run < ops.length && ops[run].op === ' ') run++;
      if (run < ops.length && run - end <= 2 * context) {
        end = run;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    const hunk = ops.slice(start, end);
    const first = ops[start];
    const oldCount = hunk.filter((o) => o.op !== '+').length;
    const newCount = hunk.filter((o) => o.op !== '-').length;
    const oldStart = oldCount === 0 ? first.aIndex : first.aIndex + 1;
    const newStart = newCount === 0 ? first.bIndex : first.bIndex + 1;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const o of hunk) {
      out.push(o.op + o.line.text);
      if (!o.line.eol) out.push('\\ No newline at end of file');
    }
    i = end;
  }
  return out.join('\n') + '\n';
}

interface Line {
  text: string;
  eol: boolean;
}

interface Op {
  op: ' ' | '-' | '+';
  line: Line;
  /** Index of the line in the old / new text at which this op stands. */
  aIndex: number;
  bIndex: number;
}

function splitLines(s: string): Line[] {
  if (s === '') return [];
  const parts = s.split(/(?<=\n)/);
  return parts.map((p) => ({ text: p.replace(/\r?\n$/, ''), eol: p.endsWith('\n') }));
}

/**
 * The edit script from `a` to `b`, in order. Bounded in time and memory by the input, whatever it holds
 * (2,000 services fixed at once used to keep a copy of Myers' whole frontier per step: 3 GB):
 * - common first and last lines are matched directly;
 * - lines that occur once in both sides anchor the rest (patience diff: the longest run of such lines in the
 *   same order), and the gaps between anchors are diffed on their own;
 * - a gap without anchors gets Myers' algorithm up to a bounded number of differences, keeping only the part of
 *   the frontier each step can reach (D² numbers in all); beyond that bound the gap is shown as removed and
 *   added. The result is always a correct diff; it is minimal whenever the bounds are not reached.
 */
function diffLines(a: Line[], b: Line[]): Op[] {
  // Lines as numbers: equal text and line end, equal id.
  const ids = new Map<string, number>();
  const idOf = (l: Line) => {
    const key = l.eol ? `${l.text}\n` : l.text;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const A = Int32Array.from(a, idOf);
  const B = Int32Array.from(b, idOf);
  const ops: Op[] = [];
  const equal = (i: number, j: number) => ops.push({ op: ' ', line: a[i], aIndex: i, bIndex: j });
  const removed = (i: number, j: number) => ops.push({ op: '-', line: a[i], aIndex: i, bIndex: j });
  const added = (i: number, j: number) => ops.push({ op: '+', line: b[j], aIndex: i, bIndex: j });
  // Work spent on anchor searches; past this the gaps go straight to the bounded Myers.
  let anchorWork = 20 * (A.length + B.length) + 1000;

  // Ranges to diff, in order (a stack: the next range is on top).
  const stack: Array<[number, number, number, number]> = [[0, A.length, 0, B.length]];
  while (stack.length > 0) {
    const range = stack.pop()!;
    let [a0, b0] = [range[0], range[2]];
    const [a1, b1] = [range[1], range[3]];
    while (a0 < a1 && b0 < b1 && A[a0] === B[b0]) equal(a0++, b0++);
    let tail = 0;
    while (a1 - tail > a0 && b1 - tail > b0 && A[a1 - 1 - tail] === B[b1 - 1 - tail]) tail++;
    const anchors = anchorWork > 0 ? uniqueAnchors(A, B, a0, a1 - tail, b0, b1 - tail) : [];
    anchorWork -= a1 - tail - a0 + (b1 - tail - b0);
    if (anchors.length > 0) {
      // Gaps between anchors, then each anchor as an equal line: pushed so that they come out in order.
      let pa = a0;
      let pb = b0;
      const pieces: Array<[number, number, number, number] | [number, number]> = [];
      for (const [i, j] of anchors) {
        pieces.push([pa, i, pb, j]);
        pieces.push([i, j]);
        pa = i + 1;
        pb = j + 1;
      }
      pieces.push([pa, a1 - tail, pb, b1 - tail]);
      // The common last lines come after everything else of this range.
      stack.push([a1 - tail, a1, b1 - tail, b1]);
      for (let k = pieces.length - 1; k >= 0; k--) {
        const p = pieces[k];
        if (p.length === 2) stack.push([p[0], p[0] + 1, p[1], p[1] + 1]);
        else stack.push(p);
      }
      continue;
    }
    boundedMyers(A, B, a0, a1 - tail, b0, b1 - tail, equal, removed, added);
    for (let k = 0; k < tail; k++) equal(a1 - tail + k, b1 - tail + k);
  }
  return ops;
}

/**
 * Pairs (i, j) of lines that occur exactly once in A[a0, a1) and once in B[b0, b1), equal, forming the longest
 * sequence increasing in both (patience sorting, O(n log n)).
 */
function uniqueAnchors(A: Int32Array, B: Int32Array, a0: number, a1: number, b0: number, b1: number): Array<[number, number]> {
  if (a1 - a0 < 2 || b1 - b0 < 2) return [];
  const inA = new Map<number, number>(); // id -> index, or -1 when repeated
  for (let i = a0; i < a1; i++) inA.set(A[i], inA.has(A[i]) ? -1 : i);
  const inB = new Map<number, number>();
  for (let j = b0; j < b1; j++) {
    const id = B[j];
    if ((inA.get(id) ?? -1) < 0) continue;
    inB.set(id, inB.has(id) ? -1 : j);
  }
  // Candidates in A order, with their B index.
  const pairs: Array<[number, number]> = [];
  for (let i = a0; i < a1; i++) {
    const j = inB.get(A[i]);
    if (j !== undefined && j >= 0 && inA.get(A[i]) === i) pairs.push([i, j]);
  }
  if (pairs.length === 0) return [];
  // Longest increasing subsequence of the B indices.
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const j = pairs[p][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1];
    tails[lo] = p;
  }
  const out: Array<[number, number]> = [];
  for (let p = tails[tails.length - 1]; p >= 0; p = prev[p]) out.push(pairs[p]);
  return out.reverse();
}

/** Differences Myers' algorithm may spend on one gap; and its work, (lines × differences), at most. */
const MAX_D = 2000;
const MAX_WORK = 40_000_000;

function boundedMyers(
  A: Int32Array,
  B: Int32Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  equal: (i: number, j: number) => void,
  removed: (i: number, j: number) => void,
  added: (i: number, j: number) => void,
): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const replaceAll = () => {
    for (let i = a0; i < a1; i++) removed(i, b0);
    for (let j = b0; j < b1; j++) added(a1, j);
  };
  if (n === 0 || m === 0) return replaceAll();
  const maxD = Math.min(n + m, MAX_D, Math.max(1, Math.floor(MAX_WORK / (n + m))));
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  // trace[d]: the frontier before step d, for k in [-d, d] (index k + d).
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= maxD && found < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[a0 + x] === B[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return replaceAll();
  // Walk the trace back from the end; ops come out last first.
  const rev: Array<[' ' | '-' | '+', number, number]> = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const vd = trace[d];
    const at = (k: number) => vd[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    // d = 0: the diagonal from the origin.
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      rev.push([' ', x, y]);
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      rev.push(['+', x, y]);
    } else {
      x--;
      rev.push(['-', x, y]);
    }
  }
  for (let r = rev.length - 1; r >= 0; r--) {
    const [op, i, j] = rev[r];
    if (op === ' ') equal(a0 + i, b0 + j);
    else if (op === '-') removed(a0 + i, b0 + j);
    else added(a0 + i, b0 + j);
  }
}
