import * as path from 'node:path';
import type { FileAccess } from '../fs';
import { parseDotenv as parseDotenvText, type DotenvResult, type Lookup } from './dotenv';

/** File names Compose looks for, in its order of preference. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** The override file Compose pairs with a default file (`compose.yaml` → `compose.override.y(a)ml`). */
export function overrideCandidates(baseFile: string): string[] {
  const dir = path.dirname(baseFile);
  const stem = path.basename(baseFile).replace(/\.ya?ml$/i, '');
  return [`${stem}.override.yaml`, `${stem}.override.yml`].map((n) => path.join(dir, n));
}

/** The known variables of a `.env` text (Compose's syntax, dotenv.ts), without the process environment. */
export function parseDotenv(text: string): Record<string, string> {
  return Object.fromEntries(parseDotenvText(text).values);
}

const NO_VARIABLES: DotenvResult = { values: new Map(), fromProcess: new Set() };

/** Reads a `.env` file into variables (an absent file gives none); its `${VAR}` expansions use `lookup` first. */
export function readDotenv(file: string, files: FileAccess, lookup?: Lookup): DotenvResult {
  const text = files.readText(file);
  if (text === undefined) return NO_VARIABLES;
  return parseDotenvText(text, lookup);
}

/** `COMPOSE_FILE` from the environment, as absolute paths (relative to `dir`). */
export function composeFileVariable(env: ReadonlyMap<string, string>, dir: string): string[] | undefined {
  const value = env.get('COMPOSE_FILE');
  if (!value) return undefined;
  const separator = env.get('COMPOSE_PATH_SEPARATOR') ?? (process.platform === 'win32' ? ';' : ':');
  return value
    .split(separator)
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => path.resolve(dir, f));
}

/** The first default compose file that exists in `dir`. */
export function findDefaultFile(dir: string, files: FileAccess): string | undefined {
  return DEFAULT_COMPOSE_FILES.map((n) => path.join(dir, n)).find((f) => files.readText(f) !== undefined);
}

/** An override-like name next to a base: `docker-compose.prod.yml`, `compose.dev.yaml`, `compose.override.yml`. */
export function looksLikeOverrideOf(file: string, base: string): boolean {
  if (path.dirname(file) !== path.dirname(base) || file === base) return false;
  const stem = path.basename(base).replace(/\.ya?ml$/i, '');
  const name = path.basename(file);
  return name.startsWith(`${stem}.`) && /\.ya?ml$/i.test(name);
}
