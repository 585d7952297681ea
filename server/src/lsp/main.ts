import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport comes from the command line: `--stdio` (Neovim, Emacs, ...) or `--node-ipc` (VS Code).
// With none given, stdio is the useful default for a command-line start.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
