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

function same(a: Line, b: Line): boolean {
  return a.text === b.text && a.eol === b.eol;
}

function diffLines(a: Line[], b: Line[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let xPos = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let yPos = xPos - k;
      while (xPos < n && yPos < m && same(a[xPos], b[yPos])) {
        xPos++;
        yPos++;
      }
      v[offset + k] = xPos;
      if (xPos >= n && yPos >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk the trace back from the end to recover the edit script.
  const ops: Op[] = [];
  let xPos = n;
  let yPos = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = xPos - yPos;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (xPos > prevX && yPos > prevY) {
      xPos--;
      yPos--;
      ops.push({ op: ' ', line: a[xPos], aIndex: xPos, bIndex: yPos });
    }
    if (d === 0) break;
    if (xPos === prevX) {
      yPos--;
      ops.push({ op: '+', line: b[yPos], aIndex: xPos, bIndex: yPos });
    } else {
      xPos--;
      ops.push({ op: '-', line: a[xPos], aIndex: xPos, bIndex: yPos });
    }
  }
  return ops.reverse();
}
