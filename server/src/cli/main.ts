// The `dockwarden` command (bundled to dist/cli.js; bin/dockwarden.js requires it).
import { runLintWorker } from './parallel';
import { runCli } from './run';

function main(): void {
  try {
    process.exitCode = runCli(process.argv.slice(2), {
      cwd: process.cwd(),
      // A plain copy: every read of process.env itself is a call into the runtime, and projects read it all.
      env: { ...process.env },
      stdout: process.stdout,
      stderr: process.stderr,
      // Worker threads run this same file (the bundle, or out/ in development).
      parallel: { script: __filename },
    });
  } catch (error) {
    process.stderr.write(`dockwarden: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (!runLintWorker()) {
  // EPIPE (e.g. `dockwarden | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main();
}
