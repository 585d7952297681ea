import { baseName, commandIndex } from '../../../shared-rules/src/shell';
import { GLOBAL_WITH_VALUE, longFlag, shortFlag, type FlagSpec } from './flags';

/**
 * Docker's grammar over the words of one simple command (quotes already removed by the shell parser):
 * where the `docker run` / `create` invocation is, which flags it has and which word is the image.
 *
 * - The program: `docker`, `podman`, `nerdctl` (any directory), also after wrappers that run their arguments
 *   (`sudo -E`, `exec`, `env X=y`, `command`, `time`, `nohup`, `timeout 5`: shared-rules' commandIndex).
 * - Global options before the subcommand (`docker -H tcp://x --context c run`): those in GLOBAL_WITH_VALUE take
 *   the next word unless written `--opt=value`; any other option word stands alone.
 * - The subcommand: `run`, `create`, or `container run` / `container create`. Anything else (`build`, `exec`,
 *   `compose`, `image`, ...) is not an invocation.
 * - Flags until the first word that is not a flag (the image) or `--` (the image is the next word): `--flag=value`,
 *   `--flag value`, short clusters (`-itd`) letter by letter, a valued letter taking the rest of its word
 *   (`-p80:80`, `-p=80:80`) or else the next word. Every word after the image is the container's command.
 *
 * Unknown long flags (a typo, or a flag of a newer engine): with `=value` the value is inline. Without it the
 * flag is read as a boolean — Docker itself would reject it, so no valid docker command is misread — except
 * when the next word is not a flag and the word after it is a known flag (`--newflag x -v a:b image`): then the
 * next word is its value. An unknown short letter is a boolean. Either way `unknownFlags` names them.
 *
 * A word whose text holds an unquoted parameter expansion in flag position (`docker run $OPTS image`) may
 * expand to several flags: when its variable name says so (`*OPT*`, `*ARG*`, `*FLAG*`, `*PARAM*`) or a known flag
 * follows it, it counts as unknown flags (`opaque`) and scanning goes on; otherwise it is the image
 * (`docker run --rm "$IMAGE"`, `docker run $IMAGE cmd`). `"$@"`, `$*` and `"${ARGS[@]}"` expand to several words
 * even in quotes: always opaque.
 */

/** The words of a command as the argv grammar needs them. */
export interface ArgvWord {
  text: string;
  /** No expansion in the word: its text is exact. */
  literal: boolean;
  /** The word as written starts with a quote (so an expansion in it is not split into several words). */
  quoted?: boolean;
}

export type Engine = 'docker' | 'podman' | 'nerdctl';

export interface FlagUse {
  spec?: FlagSpec;
  /** The long name (`publish`) or, for an unknown short letter, the letter. */
  name: string;
  /** As written: `--publish`, `-p`, `--net`. */
  written: string;
  /** Index of the word the flag is in. */
  index: number;
  /** Index of the word holding the value (the flag's own word for `--x=y` / `-p80`), if the flag has one. */
  valueIndex?: number;
  /** Where the value starts in that word's text. */
  valueStart?: number;
  /** The value; for booleans `true` unless written `=false` (or another `=value`). */
  value?: string;
  /** The flag is a whole word (not a letter inside a cluster such as `-itd`): removing it removes words. */
  wholeWord: boolean;
}

export interface Invocation {
  engine: Engine;
  subcommand: 'run' | 'create';
  /** Index of the program word (`docker`) and of the last subcommand word (`run` in `container run`). */
  programIndex: number;
  subcommandIndex: number;
  flags: FlagUse[];
  /** Index of the image word; undefined when the command ends before one. */
  imageIndex?: number;
  /** `--help` among the flags: the command prints usage and runs nothing (`-h` is `--hostname`). */
  help: boolean;
  unknownFlags: string[];
  /** Words in flag position that may expand to flags nobody can see (`$DOCKER_OPTS`). */
  opaque: number[];
}

const ENGINES: Record<string, Engine> = { docker: 'docker', podman: 'podman', nerdctl: 'nerdctl' };

/** The engine a program word names (`/usr/bin/docker`, `docker.exe`). */
export function engineOf(word: string): Engine | undefined {
  const name = baseName(word).replace(/\.exe$/i, '');
  return Object.prototype.hasOwnProperty.call(ENGINES, name) ? ENGINES[name] : undefined;
}

/** Finds a `run` / `create` invocation in a command's words; undefined when the command is something else. */
export function findInvocation(words: readonly ArgvWord[]): Invocation | undefined {
  const texts = words.map((w) => w.text);
  const at = commandIndex(texts);
  if (at < 0 || !words[at].literal) return undefined;
  const engine = engineOf(texts[at]);
  if (!engine) return undefined;
  let i = at + 1;
  // Global options of the program.
  while (i < texts.length && texts[i].startsWith('-') && texts[i] !== '-') {
    const w = texts[i];
    if (w === '--') return undefined;
    i += GLOBAL_WITH_VALUE.has(w) ? 2 : 1;
  }
  if (i >= texts.length || !words[i].literal) return undefined;
  let sub = texts[i];
  if (sub === 'container') {
    i++;
    if (i >= texts.length || !words[i].literal) return undefined;
    sub = texts[i];
  }
  if (sub !== 'run' && sub !== 'create') return undefined;
  const inv: Invocation = {
    engine,
    subcommand: sub,
    programIndex: at,
    subcommandIndex: i,
    flags: [],
    help: false,
    unknownFlags: [],
    opaque: [],
  };
  scanFlags(words, i + 1, inv);
  return inv;
}

function scanFlags(words: readonly ArgvWord[], from: number, inv: Invocation): void {
  const texts = words.map((w) => w.text);
  for (let i = from; i < texts.length; i++) {
    const w = texts[i];
    if (w === '--') {
      if (i + 1 < texts.length) inv.imageIndex = i + 1;
      return;
    }
    if (!words[i].literal && !w.startsWith('-') && mayBeFlags(words, i)) {
      inv.opaque.push(i);
      continue;
    }
    if (!w.startsWith('-') || w === '-') {
      inv.imageIndex = i;
      return;
    }
    if (w.startsWith('--')) {
      i = longFlagAt(texts, i, inv);
    } else {
      i = shortClusterAt(texts, i, inv);
    }
  }
}

/** Returns the index of the last word the flag used. */
function longFlagAt(texts: string[], i: number, inv: Invocation): number {
  const w = texts[i];
  const eq = w.indexOf('=');
  const name = eq >= 0 ? w.slice(2, eq) : w.slice(2);
  const written = eq >= 0 ? w.slice(0, eq) : w;
  const spec = longFlag(name);
  if (name === 'help' && (eq < 0 || !/^(false|0)$/i.test(w.slice(eq + 1)))) inv.help = true;
  if (!spec) {
    inv.unknownFlags.push(written);
    if (eq >= 0) {
      inv.flags.push({ name, written, index: i, valueIndex: i, valueStart: eq + 1, value: w.slice(eq + 1), wholeWord: true });
      return i;
    }
    const next = texts[i + 1];
    const after = texts[i + 2];
    if (next !== undefined && !next.startsWith('-') && after !== undefined && isKnownFlagWord(after)) {
      inv.flags.push({ name, written, index: i, valueIndex: i + 1, valueStart: 0, value: next, wholeWord: true });
      return i + 1;
    }
    inv.flags.push({ name, written, index: i, wholeWord: true, value: 'true' });
    return i;
  }
  if (!spec.value) {
    inv.flags.push({
      spec,
      name,
      written,
      index: i,
      wholeWord: true,
      value: eq >= 0 ? w.slice(eq + 1) : 'true',
      ...(eq >= 0 ? { valueIndex: i, valueStart: eq + 1 } : {}),
    });
    return i;
  }
  if (eq >= 0) {
    inv.flags.push({ spec, name, written, index: i, valueIndex: i, valueStart: eq + 1, value: w.slice(eq + 1), wholeWord: true });
    return i;
  }
  if (i + 1 >= texts.length) {
    inv.flags.push({ spec, name, written, index: i, wholeWord: true });
    return i;
  }
  inv.flags.push({ spec, name, written, index: i, valueIndex: i + 1, valueStart: 0, value: texts[i + 1], wholeWord: true });
  return i + 1;
}

function shortClusterAt(texts: string[], i: number, inv: Invocation): number {
  const w = texts[i];
  for (let k = 1; k < w.length; k++) {
    const letter = w[k];
    const spec = shortFlag(letter);
    const whole = w.length === 2;
    if (!spec) {
      inv.unknownFlags.push(`-${letter}`);
      inv.flags.push({ name: letter, written: `-${letter}`, index: i, wholeWord: whole, value: 'true' });
      continue;
    }
    const written = `-${letter}`;
    if (!spec.value) {
      if (w[k + 1] === '=') {
        inv.flags.push({
          spec,
          name: spec.long,
          written,
          index: i,
          valueIndex: i,
          valueStart: k + 2,
          value: w.slice(k + 2),
          wholeWord: k === 1,
        });
        return i;
      }
      inv.flags.push({ spec, name: spec.long, written, index: i, wholeWord: whole, value: 'true' });
      continue;
    }
    // A valued letter ends the cluster: the rest of the word (after an optional `=`) or the next word.
    let start = k + 1;
    if (w[start] === '=') start++;
    if (start < w.length) {
      inv.flags.push({
        spec,
        name: spec.long,
        written,
        index: i,
        valueIndex: i,
        valueStart: start,
        value: w.slice(start),
        wholeWord: k === 1,
      });
      return i;
    }
    if (i + 1 >= texts.length) {
      inv.flags.push({ spec, name: spec.long, written, index: i, wholeWord: whole });
      return i;
    }
    inv.flags.push({ spec, name: spec.long, written, index: i, valueIndex: i + 1, valueStart: 0, value: texts[i + 1], wholeWord: whole });
    return i + 1;
  }
  return i;
}

/** `--volume`, `--volume=x`, `-v`, `-itd`: a word that Docker reads as a known flag. */
function isKnownFlagWord(w: string): boolean {
  if (w.startsWith('--')) {
    const eq = w.indexOf('=');
    return !!longFlag(eq >= 0 ? w.slice(2, eq) : w.slice(2));
  }
  return w.length > 1 && w.startsWith('-') && !!shortFlag(w[1]);
}

const FLAGS_NAME = /OPT|ARG|FLAG|PARAM/i;

/** An unquoted expansion in flag position that likely holds flags (see the file comment). */
function mayBeFlags(words: readonly ArgvWord[], i: number): boolean {
  const w = words[i];
  // `"$@"`, `$*`, `"${ARGS[@]}"`: the script's arguments or an array, several words even when quoted.
  if (/^\$[@*]$|^\$\{[@*]\}$|^\$\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\]\}$/.test(w.text)) return true;
  if (w.quoted) return false;
  // `$(docker_flags)`, `` `flags` ``: the output is split into words, flags as likely as an image.
  if (/^\$\([^]*\)$|^`[^]*`$/.test(w.text)) return true;
  const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(w.text);
  if (!m) return false;
  if (FLAGS_NAME.test(m[1]) && !/IMAGE|IMG/i.test(m[1])) return true;
  const next = words[i + 1];
  return !!next && isKnownFlagWord(next.text);
}
