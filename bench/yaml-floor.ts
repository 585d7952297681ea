/**
 * The CLI's floor: a Node process that only reads the files listed in argv[2] and parses each with `yaml`
 * (the same options as the compose parser). `npm run bench` times it beside the CLI on the same files.
 */
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

let documents = 0;
for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (file) documents += parseAllDocuments(fs.readFileSync(file, 'utf8'), { prettyErrors: false, uniqueKeys: false }).length;
}
if (documents === 0) process.exitCode = 1;
