/**
 * The CLI's floor for devcontainer.json: a Node process that only reads the files listed in argv[2] and parses
 * each with `jsonc-parser` (what the Dev Containers front end parses with). `npm run bench` times it beside the CLI.
 */
import * as fs from 'node:fs';
import { parseTree } from 'jsonc-parser';

let nodes = 0;
for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (file) nodes += parseTree(fs.readFileSync(file, 'utf8'), [], { allowTrailingComma: true })?.children?.length ?? 0;
}
if (nodes === 0) process.exitCode = 1;
