import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fdWriter } from '../../server/src/cli/stdio';

// Text output is plain unless stdout is a terminal: /dev/null (a character device), files and pipes are not.
test(
  'fdWriter: /dev/null, a file and a pipe are not terminals; what is written arrives whole',
  { skip: process.platform === 'win32' },
  () => {
    const devNull = fs.openSync('/dev/null', 'w');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dw-stdio-')), 'out.txt');
    const out = fs.openSync(file, 'w');
    try {
      assert.equal(fdWriter(devNull).isTTY, false);
      const writer = fdWriter(out);
      assert.equal(writer.isTTY, false);
      assert.equal(writer.write('日本語 🐳\n'.repeat(10_000)), true);
      assert.equal(fs.readFileSync(file, 'utf8'), '日本語 🐳\n'.repeat(10_000));
    } finally {
      fs.closeSync(devNull);
      fs.closeSync(out);
    }
  },
);

test('fdWriter: a descriptor that is not open is not a terminal', () => {
  assert.equal(fdWriter(987_654).isTTY, false);
});
