import { toLocale, type Locale } from '../../../shared-rules/src/l10n';
import { PROFILES, type Profile } from '../analysis/config';
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
}

export class UsageError extends Error {}

/** The locale from the environment, as POSIX ranks it: LC_ALL, then LC_MESSAGES, then LANG. */
export function envLocale(env: Readonly<Record<string, string | undefined>>): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** Parses the command line (without `node` and the script). Throws UsageError with a localized message. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  const opts: CliOptions = {
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
    color: !('NO_COLOR' in env && env.NO_COLOR !== ''),
  };
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
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      opts.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(t.missingValue(name));
      i++;
      return next;
    };
    const choice = <T extends string>(allowed: readonly T[]): T => {
      const v = value();
      if (!(allowed as readonly string[]).includes(v)) throw new UsageError(t.badValue(name, v, allowed));
      return v as T;
    };
    const flag = () => {
      if (inline !== undefined) throw new UsageError(t.unknownOption(arg));
    };
    switch (name) {
      case '--format':
        opts.format = choice(FORMATS);
        break;
      case '--fail-on':
        opts.failOn = choice(FAIL_ON);
        break;
      case '--config':
        opts.config = value();
        break;
      case '--lang':
        opts.locale = choice(LANGS);
        break;
      case '--baseline':
        opts.baseline = value();
        break;
      case '--update-baseline':
        flag();
        opts.updateBaseline = true;
        break;
      case '--fix':
        flag();
        opts.fix = true;
        break;
      case '--dry-run':
        flag();
        opts.dryRun = true;
        break;
      case '--unsafe-fixes':
        flag();
        opts.unsafeFixes = true;
        break;
      case '--profile':
        opts.profile = choice(PROFILES);
        break;
      case '--allow-outside':
        flag();
        opts.allowOutside = true;
        break;
      case '--no-color':
        flag();
        opts.color = false;
        break;
      case '--color':
        flag();
        opts.color = true;
        break;
      case '-h':
      case '--help':
        flag();
        opts.command = 'help';
        break;
      case '-v':
      case '--version':
        flag();
        if (opts.command !== 'help') opts.command = 'version';
        break;
      default:
        throw new UsageError(t.unknownOption(arg));
    }
  }
  if (opts.updateBaseline && !opts.baseline) throw new UsageError(t.missingValue('--baseline'));
  if (opts.dryRun) opts.fix = true;
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}
