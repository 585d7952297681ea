// The `dockwarden` command (bundled to dist/cli.js; bin/dockwarden.js runs it).
import { runLintWorker } from './parallel';
import { runCli } from './run';
import { fdWriter } from './stdio';

/** The script worker threads start: bin/dockwarden.js sets it (so they load the bundle with its code cache). */
const ENTRY = Symbol.for('dockwarden.entry');

function main(): void {
  try {
    process.exitCode = runCli(process.argv.slice(2), {
      cwd: process.cwd(),
      // A plain copy: every read of process.env itself is a call into the runtime, and projects read it all.
      env: { ...process.env },
      // Not process.stdout and process.stderr: creating them costs more than a small lint (stdio.ts).
      stdout: fdWriter(1),
      stderr: fdWriter(2),
      // Worker threads run the entry script, else this same file (the bundle, or out/ in development).
      parallel: { script: ((globalThis as Record<symbol, unknown>)[ENTRY] as string | undefined) ?? __filename },
    });
  } catch (error) {
    process.stderr.write(`dockwarden: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (!runLintWorker()) main();
