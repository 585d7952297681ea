import { toLocale, type Locale } from '../../../shared-rules/src/l10n';
import { PROFILES, type Profile } from '../analysis';
import { cliTexts } from './texts';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export const FAIL_ON = ['none', 'info', 'warning', 'error'] as const;
export const LANGS = ['en', 'ja'] as const;

export type Format = (typeof FORMATS)[number];
export type FailOn = (typeof FAIL_ON)[number];

export interface CliOptions {
  command: 'lint' | 'init' | 'help' | 'version';
  paths: string[];
  format: Format;
  failOn: FailOn;
  config?: string;
  locale: Locale;
  baseline?: string;
  updateBaseline: boolean;
  fix: boolean;
  dryRun: boolean;
  /** `--unsafe-fixes`: `--fix` applies unsafe fixes too. */
  unsafeFixes: boolean;
  /** `--profile`: wins over the config's `profile:`. */
  profile?: Profile;
  color: boolean;
  /** Read files a compose file names outside the linted paths and the working directory. */
  allowOutside: boolean;
  /** `--allow-empty`: finding nothing to lint is not an error. */
  allowEmpty: boolean;
  /** `--verbose`: list the files a folder walk skipped. */
  verbose: boolean;
  /** `--markdown`: read `docker run` lines in fenced shell blocks of Markdown files. */
  markdown: boolean;
}

export class UsageError extends Error {}

/** The locale from the environment, as POSIX ranks it: LC_ALL, then LC_MESSAGES, then LANG. */
export function envLocale(env: Readonly<Record<string, string | undefined>>): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** How an option reads its value (if any) and what it sets. */
type OptionSpec = { flag: (o: CliOptions) => void } | { value: (o: CliOptions, v: string) => void; choices?: readonly string[] };

const OPTIONS: Record<string, OptionSpec> = {
  '--format': { choices: FORMATS, value: (o, v) => (o.format = v as Format) },
  '--fail-on': { choices: FAIL_ON, value: (o, v) => (o.failOn = v as FailOn) },
  '--config': { value: (o, v) => (o.config = v) },
  '--lang': { choices: LANGS, value: (o, v) => (o.locale = v as Locale) },
  '--profile': { choices: PROFILES, value: (o, v) => (o.profile = v as Profile) },
  '--baseline': { value: (o, v) => (o.baseline = v) },
  '--update-baseline': { flag: (o) => (o.updateBaseline = true) },
  '--fix': { flag: (o) => (o.fix = true) },
  '--dry-run': { flag: (o) => (o.dryRun = true) },
  '--unsafe-fixes': { flag: (o) => (o.unsafeFixes = true) },
  '--allow-outside': { flag: (o) => (o.allowOutside = true) },
  '--allow-empty': { flag: (o) => (o.allowEmpty = true) },
  '--verbose': { flag: (o) => (o.verbose = true) },
  '--markdown': { flag: (o) => (o.markdown = true) },
  '--no-color': { flag: (o) => (o.color = false) },
  '--color': { flag: (o) => (o.color = true) },
  '-h': { flag: (o) => (o.command = 'help') },
  '--help': { flag: (o) => (o.command = 'help') },
  '-v': { flag: (o) => o.command !== 'help' && (o.command = 'version') },
  '--version': { flag: (o) => o.command !== 'help' && (o.command = 'version') },
};

function defaults(env: Readonly<Record<string, string | undefined>>): CliOptions {
  return {
    command: 'lint',
    paths: [],
    format: 'text',
    failOn: 'error',
    locale: envLocale(env),
    updateBaseline: false,
    fix: false,
    dryRun: false,
    unsafeFixes: false,
    allowOutside: false,
    allowEmpty: false,
    verbose: false,
    markdown: false,
    color: !('NO_COLOR' in env && env.NO_COLOR !== ''),
  };
}

/** Parses the command line (without `node` and the script). Throws UsageError with a localized message. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  const opts = defaults(env);
  // --lang decides the language of the other errors, so read it first.
  const langAt = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (langAt >= 0) {
    const v = argv[langAt].includes('=') ? argv[langAt].slice('--lang='.length) : argv[langAt + 1];
    if (v !== undefined && (LANGS as readonly string[]).includes(v)) opts.locale = v as Locale;
  }
  const t = cliTexts(opts.locale);
  const rest = [...argv];
  if (rest[0] === 'init') {
    opts.command = 'init';
    rest.shift();
  }
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') opts.paths.push(arg);
    else if (arg === '--') onlyPaths = true;
    else i = applyOption(opts, rest, i, t);
  }
  if (opts.updateBaseline && !opts.baseline) throw new UsageError(t.updateNeedsBaseline);
  if (opts.dryRun) opts.fix = true;
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

/** Applies the option at `rest[i]` (`--name`, `--name=value` or `--name value`); the index of its last word. */
function applyOption(opts: CliOptions, rest: readonly string[], i: number, t: ReturnType<typeof cliTexts>): number {
  const arg = rest[i];
  const eq = arg.indexOf('=');
  const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
  const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
  const spec = Object.prototype.hasOwnProperty.call(OPTIONS, name) ? OPTIONS[name] : undefined;
  if (!spec) throw new UsageError(t.unknownOption(arg));
  if ('flag' in spec) {
    if (inline !== undefined) throw new UsageError(t.unknownOption(arg));
    spec.flag(opts);
    return i;
  }
  let value = inline;
  if (value === undefined) {
    const next = rest[i + 1];
    if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(t.missingValue(name));
    value = next;
    i++;
  }
  if (spec.choices && !spec.choices.includes(value)) throw new UsageError(t.badValue(name, value, spec.choices));
  spec.value(opts, value);
  return i;
}
