// Fresh copies of the fixture workspaces, so every scenario starts from the same files.
'use strict';
const fs = require('fs');
const path = require('path');

const E2E_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(E2E_DIR, '../..');
const FIXTURES = path.join(E2E_DIR, 'fixtures');

function freshWorkspace(fixture, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(path.join(FIXTURES, fixture), dest, { recursive: true });
  return dest;
}

module.exports = { freshWorkspace, REPO, E2E_DIR, FIXTURES };
