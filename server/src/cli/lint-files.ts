import * as fs from 'node:fs';
import type { SeverityResolver } from '../../../shared-rules/src/engine';
import type { Locale } from '../../../shared-rules/src/l10n';
import type { Finding } from '../../../shared-rules/src/rule';
import { severityResolver, type LoadedConfig } from '../config';
import type { DiscoveredFile } from '../discover';
import { resolvePath, type FileAccess } from '../fs';
import { lintFile } from '../lint';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Texts the CLI holds in memory (read once; `--fix` edits them), in front of the disk. */
export class TextStore implements FileAccess {
  private readonly texts = new Map<string, string | undefined>();
  constructor(private readonly cwd: string) {}

  readText(file: string): string | undefined {
    const abs = resolvePath(file, this.cwd);
    if (this.texts.has(abs)) return this.texts.get(abs);
    let text: string | undefined;
    try {
      // Projects probe many files that do not exist (override files, .env): no exception for those.
      const st = fs.statSync(abs, { throwIfNoEntry: false });
      text = st && st.isFile() && st.size <= MAX_FILE_BYTES ? fs.readFileSync(abs, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    this.texts.set(abs, text);
    return text;
  }

  /** A text discovery already read; ignored when the store holds a (possibly fixed) text already. */
  prime(file: string, text: string): void {
    const abs = resolvePath(file, this.cwd);
    if (!this.texts.has(abs)) this.texts.set(abs, text);
  }

  set(file: string, text: string): void {
    this.texts.set(resolvePath(file, this.cwd), text);
  }
}

export interface LintContext {
  store: TextStore;
  locale: Locale;
  processEnv: Readonly<Record<string, string | undefined>>;
  /** Folders the project loader may read (undefined: anywhere). */
  roots?: string[];
}

const resolvers = new WeakMap<LoadedConfig, SeverityResolver>();

/** Lints one discovered file; a file that cannot be read or makes the analysis throw becomes a finding. */
export function lintOne(file: DiscoveredFile, ctx: LintContext): Finding[] {
  const at = { file: file.display, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  try {
    if (file.text !== undefined) ctx.store.prime(file.display, file.text);
    const text = ctx.store.readText(file.display);
    if (text === undefined) return [unreadable(file, at)];
    let severity = resolvers.get(file.config);
    if (!severity) {
      severity = severityResolver(file.config.config);
      resolvers.set(file.config, severity);
    }
    const { trustedRegistries } = file.config.config;
    return lintFile({
      file: file.display,
      text,
      kind: file.kind,
      files: ctx.store,
      processEnv: ctx.processEnv,
      roots: ctx.roots,
      options: { locale: ctx.locale, severity, settings: trustedRegistries ? { trustedRegistries } : {} },
    }).findings;
  } catch (error) {
    return [
      {
        rule: 'internal-error',
        severity: 'error',
        message: `Dockwarden failed on this file: ${error instanceof Error ? error.message : String(error)}`,
        at,
      },
    ];
  }
}

function unreadable(file: DiscoveredFile, at: Finding['at']): Finding {
  let size = 0;
  try {
    size = fs.statSync(file.path).size;
  } catch {
    // unreadable: reported below
  }
  if (size > MAX_FILE_BYTES) {
    return {
      rule: 'file-too-large',
      severity: 'warning',
      message: `The file is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB and was not analysed`,
      at,
    };
  }
  return { rule: 'internal-error', severity: 'error', message: 'The file cannot be read', at };
}
