import type { ShellTrees } from '../shell/mvdan';
import type { ParsedFile } from '../../../shared-rules/src/model';
import { LineIndex } from '../shell/text';
import { analyseShell, mapWhole, parsedFile } from './script';

/**
 * Shell scripts: `*.sh`, `*.bash`, or any file whose first line is an `sh`/`bash` shebang (`#!/bin/sh`,
 * `#!/usr/bin/env bash`, `#!/bin/bash -e`). The whole script is parsed as shell (CRLF line ends read as LF);
 * a file with NUL bytes is binary and yields nothing.
 */
export function isShellScriptName(file: string): boolean {
  return /\.(sh|bash)$/i.test(file);
}

/** The first line is a shebang naming sh, bash or a POSIX relative (dash, ash, ksh, zsh are read as sh). */
export function hasShellShebang(text: string): boolean {
  const m = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text.slice(0, 256));
  if (!m) return false;
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const program = base(m[1]) === 'env' && m[2] ? base(m[2]) : base(m[1]);
  return /^(sh|bash|dash|ash|ksh|mksh|zsh)$/.test(program);
}

export function isBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export function parseShellFile(file: string, text: string, trees?: ShellTrees): ParsedFile {
  const index = new LineIndex(text);
  if (isBinary(text)) return { file, kind: 'docker-run', containers: [], suppressions: [], problems: [] };
  const result = analyseShell(mapWhole(text), { file, index, trees });
  return parsedFile(file, text, index, [result]);
}
