import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { JsonFinding } from '../../server/src/cli/format';
import * as os from 'node:os';
import * as path from 'node:path';

/** The compiled CLI entry (out/server/src/cli/main.js), current after `tsc -b`. */
export const CLI = path.resolve(__dirname, '../../server/src/cli/main.js');
export const REPO = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/cli');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process with a neutral locale and no colours (unless `env` says otherwise). */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'NO_COLOR', 'FORCE_COLOR']) delete base[k];
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...base, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1024 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh copy of a fixture folder in a temp dir (tests that write, or need node_modules / symlinks). */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dockwarden-cli-${name.replace(/\W/g, '_')}-`));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export interface JsonReport {
  version: number;
  files: string[];
  findings: JsonFinding[];
}

export function parseJson(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}
