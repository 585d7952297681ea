/**
 * The CLI's floor for shell scripts: a Node process that only reads the files listed in argv[2] and parses each
 * with `mvdan-sh` (the one shell parser of the script front end, shell/mvdan.ts). `npm run bench` times it beside
 * the CLI on the same files.
 */
import * as fs from 'node:fs';

// No type declarations ship with the package (server/src/shell/mvdan.ts reads it the same way).
const { syntax } = require('mvdan-sh') as {
  syntax: { NewParser(): { Parse(src: string, name: string): { Stmts: { length: number } } } };
};

const parser = syntax.NewParser();
let statements = 0;
for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (file) statements += parser.Parse(fs.readFileSync(file, 'utf8'), file).Stmts.length;
}
if (statements === 0) process.exitCode = 1;
