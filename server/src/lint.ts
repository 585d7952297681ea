import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { ParsedFile } from '../../shared-rules/src/model';
import type { Finding } from '../../shared-rules/src/rule';
import { lintParsed, type LintOptions } from '../../shared-rules/src/engine';
import { parseCompose } from './compose/parse';
import { parseDockerfile } from './dockerfile/parse';
import { detectKind, type FileKind } from './kind';
import type { FileAccess } from './fs';

export interface LintFileRequest {
  /** Absolute (or caller-relative) path; findings and edits name files the same way. */
  file: string;
  text: string;
  kind?: FileKind;
  /** For `.env`, override files and linked Dockerfiles. */
  files?: FileAccess;
  /** The process environment to interpolate with (the CLI passes process.env; the server does not). */
  processEnv?: Readonly<Record<string, string | undefined>>;
  options?: LintOptions;
}

export interface LintResult {
  kind: FileKind | undefined;
  findings: Finding[];
}

/** Lints one file's text. Never throws. */
export function lintFile(req: LintFileRequest): LintResult {
  const kind = req.kind ?? detectKind(req.file, req.text);
  if (!kind) return { kind, findings: [] };
  const parsed = parseFileOfKind(req, kind);
  return { kind, findings: lintParsed([parsed], req.options) };
}

export function parseFileOfKind(req: LintFileRequest, kind: FileKind): ParsedFile {
  if (kind === 'dockerfile') return parseDockerfile(req.file, req.text);
  return parseCompose(req.file, req.text, { env: composeEnv(req) });
}

/** `.env` next to the compose file, overridden by the process environment (as Compose does). */
export function composeEnv(req: LintFileRequest): Map<string, string> {
  const env = new Map<string, string>();
  const dotenv = req.files?.readText(path.join(path.dirname(req.file), '.env'));
  if (dotenv !== undefined) {
    for (const [k, v] of Object.entries(parseDotenv(dotenv))) env.set(k, v);
  }
  for (const [k, v] of Object.entries(req.processEnv ?? {})) if (v !== undefined) env.set(k, v);
  return env;
}
