import * as path from 'node:path';
import type { ParsedFile } from '../../shared-rules/src/model';
import type { Finding } from '../../shared-rules/src/rule';
import { lintParsed, type LintOptions } from '../../shared-rules/src/engine';
import { parseCompose } from './compose/parse';
import { detectKind, type FileKind } from './kind';
import { confinedFileAccess, resolvePath, type FileAccess } from './fs';
import { loadComposeProject, type ComposeProject } from './project/project';
import { parseDotenv } from './project/files';

export interface LintFileRequest {
  /** Absolute (or caller-relative) path; findings and edits name files the same way. */
  file: string;
  text: string;
  kind?: FileKind;
  /** For `.env`, override files and linked Dockerfiles. */
  files?: FileAccess;
  /** Workspace folders: files outside them that the project names are not read (undefined: no limit). */
  roots?: readonly string[];
  /** The process environment to interpolate with (the CLI passes process.env; the server does not). */
  processEnv?: Readonly<Record<string, string | undefined>>;
  options?: LintOptions;
}

export interface LintResult {
  kind: FileKind | undefined;
  findings: Finding[];
  /** Other files read to lint this one (override files, `.env`, Dockerfiles): a change to one re-lints it. */
  dependencies: string[];
}

/** Lints one file's text. Never throws. */
export function lintFile(req: LintFileRequest): LintResult {
  const kind = req.kind ?? detectKind(req.file, req.text);
  if (!kind) return { kind, findings: [], dependencies: [] };
  if (kind === 'compose' && req.files) {
    const { findings, project } = lintComposeProject(req);
    const own = path.resolve(req.file);
    return {
      kind,
      findings: findings.filter((f) => f.at.file === req.file),
      dependencies: project.dependencies.filter((f) => f !== own),
    };
  }
  const parsed = parseFileOfKind(req, kind);
  return { kind, findings: lintParsed([parsed], req.options), dependencies: [] };
}

/**
 * `lintFile` of a Dockerfile being edited: reuses the instructions of the previous version that the edit did not
 * touch (server/src/dockerfile/instructions.ts). Same findings as `lintFile`.
 */
export function lintDockerfileIncrementally(req: LintFileRequest): LintResult {
  const { parseDockerfile } = require('./dockerfile/parse') as typeof import('./dockerfile/parse');
  const parsed = parseDockerfile(req.file, req.text, { incremental: true });
  return { kind: 'dockerfile', findings: lintParsed([parsed], req.options), dependencies: [] };
}

export interface ProjectLintResult {
  project: ComposeProject;
  /** Findings in every file of the project (the base file, overrides, included files). */
  findings: Finding[];
}

/**
 * Lints the Compose project `req.file` belongs to (override files, `.env`, `extends`, `include`, linked
 * Dockerfiles), reading other files through `req.files` and `req.text` for the file itself.
 */
export function lintComposeProject(req: LintFileRequest): ProjectLintResult {
  const own = path.resolve(req.file);
  const project = loadComposeProject(own, { files: projectFileAccess(req), processEnv: req.processEnv });
  // Report in the caller's spelling of its own file (the CLI keeps relative paths).
  const findings = lintParsed(project.parsed, req.options).map((f) =>
    f.at.file === own && req.file !== own ? renameFile(f, own, req.file) : f,
  );
  return { project, findings };
}

/** What the project loader reads: `req.text` for the file itself, other files through `req.files` within `req.roots`. */
export function projectFileAccess(req: LintFileRequest): FileAccess {
  const own = path.resolve(req.file);
  const base = req.files && confinedFileAccess(req.files, req.roots);
  return { readText: (f) => (resolvePath(f) === own ? req.text : base?.readText(f)) };
}

function renameFile(f: Finding, from: string, to: string): Finding {
  const swap = <T extends { file: string }>(x: T): T => (x.file === from ? { ...x, file: to } : x);
  return {
    ...f,
    at: swap(f.at),
    fix: f.fix && { ...f.fix, edits: f.fix.edits.map(swap) },
    related: f.related?.map((r) => ({ ...r, source: swap(r.source) })),
  };
}

export function parseFileOfKind(req: LintFileRequest, kind: FileKind): ParsedFile {
  if (kind === 'dockerfile') {
    // Required here, not at start-up: linting Compose files alone never loads the Dockerfile parser.
    const { parseDockerfile } = require('./dockerfile/parse') as typeof import('./dockerfile/parse');
    return parseDockerfile(req.file, req.text);
  }
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
