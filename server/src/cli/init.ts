import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../analysis';

/** The starter config `dockwarden init` writes: every key, commented, valid as it stands. */
export const STARTER_CONFIG = `# Dockwarden configuration: https://github.com/dockwarden/dockwarden/blob/main/docs/cli.md
# Used by the dockwarden CLI and the editor extension (the editor's own settings win over it).

# Severity per rule id or glob: off | hint | info | warning | error.
# An exact id wins over a glob; among globs the longest pattern wins.
rules:
  # image-no-digest: off
  # host-*: error
  # cpu-limit-missing: hint

# Registries / namespaces you trust. When set, images from elsewhere are reported (untrusted-registry)
# and untrusted containers that need no network are told to use network_mode: none.
# trustedRegistries:
#   - ghcr.io/my-org
#   - docker.io/library

# Paths never linted, relative to this file (.gitignore-like globs). node_modules and .git are always skipped.
ignore:
  # - vendor/**
  # - "**/testdata/**"

# Quick fixes that --fix (and the editor) may apply, per rule id; all are on by default.
fixes:
  # root-user: false

# Extra globs of files that are Compose files whatever their name (relative to this file).
# composeFiles:
#   - deploy/*.yml
`;

export type InitResult = { ok: true; file: string } | { ok: false; file: string };

/** Writes `.dockwarden.yaml` in `dir` unless a config file is already there. */
export function initConfig(dir: string): InitResult {
  for (const name of CONFIG_FILE_NAMES) {
    const existing = path.join(dir, name);
    // lstat: a symbolic link counts as there, even a dangling one (never written through).
    if (fs.lstatSync(existing, { throwIfNoEntry: false })) return { ok: false, file: existing };
  }
  const file = path.join(dir, CONFIG_FILE_NAMES[0]);
  fs.writeFileSync(file, STARTER_CONFIG, { flag: 'wx' });
  return { ok: true, file };
}
