/**
 * The CLI's floor for Dockerfiles: a Node process that only reads the files listed in argv[2] and parses each with
 * `dockerfile-ast` (what the Dockerfile front end parses with). `npm run bench` times it beside the CLI.
 */
import * as fs from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

let instructions = 0;
for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (file) instructions += DockerfileParser.parse(fs.readFileSync(file, 'utf8')).getInstructions().length;
}
if (instructions === 0) process.exitCode = 1;
