/**
 * Whole shell scripts: a 2,000-line script linted from scratch by a fresh analysis (the floor) against typing in it
 * as the editor does (one analysis, one session: the shell trees of unchanged pieces kept): a growing word in the
 * middle, Enter and
 * Backspace in turn in the middle, and a growing word at the end. The floor is timed first, on its own (timed in
 * alternation, the garbage of each whole parse would be collected during the next keystroke, which typing does
 * not make). `npm run bench` prints it as a table; also on its own:
 * `node out/bench/shell-script.js [--smoke]`.
 */
import { generateShellScript } from './generate';
import { percentile, round } from './stats';
import { Analysis } from '../server/src/analysis';

export function shellScriptTyping(smoke: boolean): Record<string, string | number> {
  const text = generateShellScript(2000);
  const file = '/bench/deploy.sh';
  const runs = smoke ? 5 : 60;
  const floor = () => new Analysis().lint(file, { text });
  const middle = text.indexOf(' \\', text.indexOf('    --restart unless-stopped', text.length >> 1));
  // Warm-up: both paths compiled as in a running server.
  for (let i = 0; i < (smoke ? 2 : 20); i++) floor();
  const times = { floor: [] as number[], word: [] as number[], enter: [] as number[], end: [] as number[] };
  const time = (fn: () => unknown, into: number[]) => {
    const t0 = performance.now();
    fn();
    into.push(performance.now() - t0);
  };
  const analysis = new Analysis();
  const scripts = { parse: (f: string, t: string) => analysis.lint(f, { text: t, session: f }) };
  scripts.parse(file, text);
  let word = text;
  for (let i = 0; i < runs; i++) time(floor, times.floor);
  for (let i = 0; i < runs; i++) {
    word = word.slice(0, middle + i) + 'x' + word.slice(middle + i);
    time(() => scripts.parse(file, word), times.word);
  }
  scripts.parse(file, text);
  const lineEnd = text.indexOf('\n', middle);
  for (let i = 0; i < runs; i++) {
    const next = i % 2 === 0 ? text.slice(0, lineEnd) + '\n' + text.slice(lineEnd) : text;
    time(() => scripts.parse(file, next), times.enter);
  }
  let atEnd = text;
  for (let i = 0; i < runs; i++) {
    atEnd += i === 0 ? '#' : 'x';
    time(() => scripts.parse(file, atEnd), times.end);
  }
  const floorP50 = percentile(times.floor, 50);
  return {
    case: '(f) 2,000-line shell script',
    lines: text.split('\n').length,
    'lint from scratch p50 ms': round(floorP50),
    'typing mid p50 ms': round(percentile(times.word, 50)),
    'mid p95 ms': round(percentile(times.word, 95)),
    'mid/floor': round(percentile(times.word, 50) / floorP50),
    'Enter mid p50 ms': round(percentile(times.enter, 50)),
    'Enter/floor': round(percentile(times.enter, 50) / floorP50),
    'typing at end p50 ms': round(percentile(times.end, 50)),
    'end/floor': round(percentile(times.end, 50) / floorP50),
  };
}

if (require.main === module) console.table([shellScriptTyping(process.argv.includes('--smoke'))]);
