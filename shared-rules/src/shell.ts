/**
 * Reading shell command words (as the Dockerfile parser gives them in ShellCommand.words): which word is the
 * command once wrappers such as `sudo -E`, `env X=1` or `busybox` are skipped, and how options cluster.
 * Pure string functions, shared by the RUN rules and the parser (which re-parses `sh -c '...'`).
 */
import type { ShellCommand, Source, TextEdit } from './model';

/** `/usr/bin/bash` → `bash`. */
export function baseName(word: string): string {
  const i = word.lastIndexOf('/');
  return i >= 0 ? word.slice(i + 1) : word;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash', 'rbash']);

/** A POSIX-style shell that reads a script from `-c`, a file or stdin. */
export function isShellName(name: string): boolean {
  return SHELLS.has(name);
}

/** Interpreter families that run a script given on stdin (or by `-c`/`-e` and file arguments). */
export type InterpreterFamily = 'shell' | 'python' | 'perl' | 'ruby' | 'node' | 'php';

export function interpreterFamily(name: string): InterpreterFamily | undefined {
  if (SHELLS.has(name)) return 'shell';
  if (/^python(\d+(\.\d+)*)?$/.test(name) || name === 'pypy' || name === 'pypy3') return 'python';
  if (/^perl(\d+(\.\d+)*)?$/.test(name)) return 'perl';
  if (/^ruby(\d+(\.\d+)*)?$/.test(name)) return 'ruby';
  if (name === 'node' || name === 'nodejs' || name === 'bun' || name === 'deno') return 'node';
  if (/^php(\d+(\.\d+)*)?$/.test(name)) return 'php';
  return undefined;
}

interface WrapperSpec {
  /** Short options that take an argument. */
  shortWithArg: string;
  /** Long options (without `=`) that take an argument. */
  longWithArg: string[];
  /** Leading `NAME=value` words are settings (env). */
  assignments?: boolean;
  /** Positional words to skip after the options (timeout DURATION). */
  positional?: number;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    shortWithArg: 'ugpCDrtTUh',
    longWithArg: ['--user', '--group', '--prompt', '--chdir', '--role', '--type', '--other-user', '--host', '--close-from'],
  },
  doas: { shortWithArg: 'uC', longWithArg: [] },
  env: { shortWithArg: 'uCS', longWithArg: ['--unset', '--chdir', '--split-string'], assignments: true },
  command: { shortWithArg: '', longWithArg: [] },
  exec: { shortWithArg: 'a', longWithArg: [] },
  nohup: { shortWithArg: '', longWithArg: [] },
  time: { shortWithArg: 'fo', longWithArg: ['--format', '--output'] },
  nice: { shortWithArg: 'n', longWithArg: ['--adjustment'] },
  timeout: { shortWithArg: 'ks', longWithArg: ['--kill-after', '--signal'], positional: 1 },
  stdbuf: { shortWithArg: 'ioe', longWithArg: ['--input', '--output', '--error'] },
  busybox: { shortWithArg: '', longWithArg: [] },
};

/**
 * Indices of the words in command position: wrappers (`sudo`, `env`, ...) and, last, the command they run.
 * `sudo -E bash -s` → [0, 2]. Empty when there are no words.
 */
export function commandPositions(words: readonly string[]): number[] {
  const out: number[] = [];
  let i = 0;
  // Leading assignments (`A=1 cmd`) are not part of ShellCommand.words, but exec-form or env may have them.
  for (let hops = 0; i < words.length && hops < 16; hops++) {
    out.push(i);
    const spec = WRAPPERS[baseName(words[i])];
    if (!spec) break;
    const next = skipOptions(words, i + 1, spec);
    if (next >= words.length) break;
    i = next;
  }
  return out;
}

/** Index of the command that actually runs (after wrappers), or -1. */
export function commandIndex(words: readonly string[]): number {
  const p = commandPositions(words);
  return p.length > 0 ? p[p.length - 1] : -1;
}

function skipOptions(words: readonly string[], start: number, spec: WrapperSpec): number {
  let i = start;
  while (i < words.length) {
    const w = words[i];
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
      i++;
      continue;
    }
    if (w === '--') return skipPositional(words, i + 1, spec);
    if (!w.startsWith('-') || w === '-') break;
    if (w.startsWith('--')) {
      i += !w.includes('=') && spec.longWithArg.includes(w) ? 2 : 1;
      continue;
    }
    const letters = w.slice(1);
    let skipNext = false;
    for (let k = 0; k < letters.length; k++) {
      if (spec.shortWithArg.includes(letters[k])) {
        skipNext = k === letters.length - 1;
        break;
      }
    }
    i += skipNext ? 2 : 1;
  }
  return skipPositional(words, i, spec);
}

function skipPositional(words: readonly string[], i: number, spec: WrapperSpec): number {
  return i + (spec.positional ?? 0);
}

/**
 * Walks the options of a command: single-dash clusters (`-fsSLk`) letter by letter and long options, telling
 * which short letters take an argument (the rest of the cluster, else the next word). Stops at `--` or at the
 * first positional word (unless `allPositions`). Yields each option with where its argument is.
 */
export interface OptionHit {
  /** Word index of the option. */
  index: number;
  /** The short letter or the long name (`--output`, without `=value`). */
  name: string;
  /** For short letters: the position of the letter in the word. */
  letterAt?: number;
  /** The option's argument and the word index it is in (the same word for `-ofile` / `--x=y`). */
  value?: string;
  valueIndex?: number;
}

export function scanOptions(
  words: readonly string[],
  from: number,
  shortWithArg: string,
  longWithArg: readonly string[],
  allPositions = true,
): OptionHit[] {
  const out: OptionHit[] = [];
  for (let i = from; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (!w.startsWith('-') || w === '-') {
      if (allPositions) continue;
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      if (eq >= 0) {
        out.push({ index: i, name: w.slice(0, eq), value: w.slice(eq + 1), valueIndex: i });
      } else if (longWithArg.includes(w)) {
        out.push({ index: i, name: w, value: words[i + 1], valueIndex: i + 1 });
        i++;
      } else {
        out.push({ index: i, name: w });
      }
      continue;
    }
    for (let k = 1; k < w.length; k++) {
      const letter = w[k];
      if (shortWithArg.includes(letter)) {
        if (k + 1 < w.length) {
          out.push({ index: i, name: letter, letterAt: k, value: w.slice(k + 1), valueIndex: i });
        } else {
          out.push({ index: i, name: letter, letterAt: k, value: words[i + 1], valueIndex: i + 1 });
          i++;
        }
        break;
      }
      out.push({ index: i, name: letter, letterAt: k });
    }
  }
  return out;
}

/** curl's short options that take an argument. */
export const CURL_SHORT_WITH_ARG = 'AbcCdDeEFHKmoPQrtTuUwxXyYz';
export const CURL_LONG_WITH_ARG = [
  '--output',
  '--proxy',
  '--referer',
  '--header',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--user',
  '--user-agent',
  '--request',
  '--cookie',
  '--cookie-jar',
  '--form',
  '--upload-file',
  '--config',
  '--max-time',
  '--connect-timeout',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
  '--write-out',
  '--cacert',
  '--capath',
  '--cert',
  '--key',
  '--range',
  '--url',
  '--output-dir',
  '--proto',
  '--proto-redir',
  '--resolve',
  '--dump-header',
  '--proxy-user',
  '--limit-rate',
  '--continue-at',
  '--interface',
  '--max-filesize',
  '--netrc-file',
];
/** wget's short options that take an argument. */
export const WGET_SHORT_WITH_ARG = 'oaiBtTwQPUelARDIXO';
export const WGET_LONG_WITH_ARG = [
  '--output-document',
  '--output-file',
  '--append-output',
  '--input-file',
  '--tries',
  '--timeout',
  '--wait',
  '--directory-prefix',
  '--user-agent',
  '--header',
  '--user',
  '--password',
  '--execute',
  '--level',
  '--ca-certificate',
  '--certificate',
  '--private-key',
  '--post-data',
  '--post-file',
  '--method',
  '--body-data',
  '--quota',
];

/** The command name (basename) that a ShellCommand's words run, after wrappers; '' when none. */
export function commandName(words: readonly string[]): string {
  const at = commandIndex(words);
  return at >= 0 ? baseName(words[at]) : '';
}

/** `curl`, `wget` or `fetch` writing the download to stdout (curl's default; wget/fetch only with `-O-` / `-o -`). */
export function downloadsToStdout(words: readonly string[]): boolean {
  const at = commandIndex(words);
  if (at < 0) return false;
  const name = baseName(words[at]);
  const toStdout = (v: string | undefined) => v === '-' || v === '/dev/stdout';
  if (name === 'curl') {
    const hits = scanOptions(words, at + 1, CURL_SHORT_WITH_ARG, CURL_LONG_WITH_ARG);
    return !hits.some(
      (h) =>
        ((h.name === 'o' || h.name === '--output') && !toStdout(h.value)) ||
        h.name === 'O' ||
        h.name === '--remote-name' ||
        h.name === '--remote-name-all',
    );
  }
  if (name === 'wget') {
    const hits = scanOptions(words, at + 1, WGET_SHORT_WITH_ARG, WGET_LONG_WITH_ARG);
    return hits.some((h) => (h.name === 'O' || h.name === '--output-document') && toStdout(h.value));
  }
  if (name === 'fetch') {
    const hits = scanOptions(words, at + 1, 'oBNSTi', ['--output']);
    return hits.some((h) => (h.name === 'o' || h.name === '--output') && toStdout(h.value));
  }
  return false;
}

/** Letters of single-dash options that give the interpreter its program (so stdin is data, not code). */
const PROGRAM_LETTERS: Record<InterpreterFamily, string> = {
  shell: 'c',
  python: 'cm',
  perl: 'eE',
  ruby: 'e',
  node: 'ep',
  php: 'rfB',
};
const PROGRAM_LONG = ['--eval', '--print', '--command', '--version', '--help', '--check'];
/** Single-dash letters that take the next word as their argument (not a script file). */
const ARG_LETTERS: Record<InterpreterFamily, string> = {
  shell: 'oO',
  python: 'WXQ',
  perl: 'ImMx',
  ruby: 'IrCEx',
  node: 'r',
  php: 'cdz',
};

/**
 * The interpreter at command position reads its program from stdin: `sh`, `bash -s -- -y`, `python3 -`,
 * `sudo -E bash -`, `php -- --install-dir=/usr/local/bin`; not `sh -c '...'`, `python3 -c '...'`, `perl -ne '...'`,
 * `sh install.sh`, `php composer-setup.php --install-dir=x`.
 */
export function interpreterReadsStdin(words: readonly string[]): boolean {
  const at = commandIndex(words);
  if (at < 0) return false;
  const family = interpreterFamily(baseName(words[at]));
  if (!family) return false;
  let sawS = false;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-' || w === '/dev/stdin') return true;
    // `php [options] -- [args...]` runs the program on stdin with those arguments; elsewhere the word after `--`
    // is a script file unless it is `-` (or the shell was told `-s`).
    if (w === '--') {
      return family === 'php' || sawS || i + 1 >= words.length || words[i + 1] === '-' || words[i + 1] === '/dev/stdin';
    }
    const isOption = w.startsWith('-') || (family === 'shell' && w.startsWith('+') && w.length > 1);
    if (!isOption) return family === 'shell' && sawS;
    if (w.startsWith('--')) {
      if (PROGRAM_LONG.some((p) => w === p || w.startsWith(`${p}=`))) return false;
      continue;
    }
    const letters = w.slice(1);
    for (let k = 0; k < letters.length; k++) {
      if (PROGRAM_LETTERS[family].includes(letters[k])) return false;
      if (family === 'shell' && letters[k] === 's') sawS = true;
      if (ARG_LETTERS[family].includes(letters[k])) {
        if (k === letters.length - 1) i++;
        break;
      }
    }
  }
  return true;
}

/** Index of the word holding the program text given by `-c` / `-e` / `-r` (the word after that option), or -1. */
export function programArgumentIndex(words: readonly string[]): number {
  const at = commandIndex(words);
  if (at < 0) return -1;
  const family = interpreterFamily(baseName(words[at]));
  if (!family) return -1;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '--' || w === '-' || !/^[-+]/.test(w)) return -1;
    if (w === '--eval' || w === '--print' || w === '--command') return i + 1;
    if (w.startsWith('--')) continue;
    const letters = w.slice(1);
    const program = PROGRAM_LETTERS[family].replace('m', '').replace('f', '');
    for (let k = 0; k < letters.length; k++) {
      if (program.includes(letters[k])) return k === letters.length - 1 ? i + 1 : i;
      if (ARG_LETTERS[family].includes(letters[k])) {
        if (k === letters.length - 1) i++;
        break;
      }
    }
  }
  return -1;
}

/** A variable a command puts in an environment: `A=1 cmd`, `export A=1`, `declare -x A=1`, `env A=1 cmd`. */
export interface CommandEnv {
  name: string;
  /** The value, quotes removed. */
  value: string;
  /** False when the value holds an expansion, so its text is not what the command sees. */
  literal: boolean;
  /** The whole `NAME=value` as written. */
  source: Source;
  /** `prefix`: for that command only; `export`: for the rest of the script; `env`: for the command env runs. */
  via: 'prefix' | 'export' | 'env';
  /** Edits that remove the setting; undefined when that would change what the command does otherwise. */
  remove(): TextEdit[] | undefined;
}

const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** The environment settings a command makes (see CommandEnv), in the order written. */
export function environmentOf(cmd: ShellCommand): CommandEnv[] {
  const out: CommandEnv[] = [];
  const words = cmd.words.map((w) => w.text);
  const first = cmd.words[0];
  const assignments = cmd.assignments ?? [];
  if (first?.literal && DECLARATIONS.has(words[0]) && assignments.length > 0) {
    // `export` exports (not `export -n`); `declare`/`typeset`/`local` only with -x; `readonly` never.
    const flags = words.slice(1).filter((w) => /^[-+][A-Za-z]+$/.test(w));
    const exported =
      words[0] === 'export'
        ? !flags.some((f) => f.startsWith('-') && f.includes('n'))
        : flags.some((f) => f.startsWith('-') && f.includes('x'));
    if (!exported || words[0] === 'readonly') return out;
    const operands = assignments.length + words.length - 1 - flags.length;
    assignments.forEach((a, i) =>
      out.push({
        name: a.name,
        value: a.value.text,
        literal: a.value.literal,
        source: a.source,
        via: 'export',
        remove: () => (operands > 1 ? cmd.removeAssignment?.(i) : undefined),
      }),
    );
    return out;
  }
  assignments.forEach((a, i) =>
    out.push({
      name: a.name,
      value: a.value.text,
      literal: a.value.literal,
      source: a.source,
      via: 'prefix',
      remove: () => cmd.removeAssignment?.(i),
    }),
  );
  for (const p of commandPositions(words)) {
    if (baseName(words[p]) !== 'env' || !cmd.words[p].literal) continue;
    for (let j = p + 1; j < words.length; j++) {
      const w = words[j];
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w);
      if (m) {
        const at = j;
        out.push({
          name: m[1],
          value: w.slice(m[0].length),
          literal: cmd.words[j].literal,
          source: cmd.words[j].source,
          via: 'env',
          remove: () => cmd.removeWords?.(at, at),
        });
        continue;
      }
      if (w === '-u' || w === '--unset' || w === '-C' || w === '--chdir') j++;
      else if (!w.startsWith('-') || w === '-S' || w.startsWith('--split-string')) break;
    }
  }
  return out;
}

/** `pip install`, `pip3.11 install`, `python3 -m pip install`, `uv pip install`, `uv add`: pip's options apply. */
export function isPipCommand(words: readonly string[]): boolean {
  const at = commandIndex(words);
  if (at < 0) return false;
  const name = baseName(words[at]);
  if (/^pip\d*(\.\d+)?$/.test(name) || name === 'uv') return true;
  if (interpreterFamily(name) !== 'python') return false;
  const m = words.indexOf('-m', at + 1);
  return m > 0 && /^pip\d*$/.test(words[m + 1] ?? '');
}
