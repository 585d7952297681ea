import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { FrameGuard } from './transport';

// The transport comes from the command line: `--stdio` (Neovim, Emacs, ...) or `--node-ipc` (VS Code).
// With none given, stdio is the useful default for a command-line start.
const transportArg = process.argv.find((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a));

let connection;
if (transportArg === undefined || transportArg === '--stdio') {
  // stdin goes through a guard of the message framing: a header without a usable Content-Length would leave
  // the library's reader waiting forever (transport.ts); the server says why on stderr and exits instead.
  const input = new FrameGuard((reason) => {
    process.stderr.write(`dockwarden-language-server: invalid input on stdin (${reason}); exiting\n`);
    process.exit(1);
  });
  process.stdin.pipe(input);
  // The library patches console onto the connection only when it opens stdio itself: here console goes to stderr.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (...args: unknown[]) => void process.stderr.write(`${args.map(String).join(' ')}\n`);
  }
  connection = createConnection(ProposedFeatures.all, input, process.stdout);
} else {
  connection = createConnection(ProposedFeatures.all);
}
startServer(connection);
