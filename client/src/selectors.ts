import type { DocumentSelector } from 'vscode-languageclient/node';

/** Compose file names as Compose itself and most projects spell them. */
export const COMPOSE_GLOB = '**/*compose*.{yml,yaml}';
export const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}';

/**
 * Documents the server sees. `.env` and `.dockwarden.yaml` are included so that unsaved edits to them count
 * (the server lints neither; it reads them for the compose files and config that depend on them).
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: 'dockercompose' },
  { language: 'dockerfile' },
  { language: 'yaml', pattern: COMPOSE_GLOB },
  { pattern: COMPOSE_GLOB },
  { pattern: DOCKERFILE_GLOB },
  { pattern: '**/.env' },
  { pattern: '**/.dockwarden.{yml,yaml}' },
];

/** Files whose change on disk re-lints the open documents that read them. */
export const WATCHED_GLOBS = ['**/.env', COMPOSE_GLOB, '**/*{ockerfile,ontainerfile}*', '**/.dockwarden.{yml,yaml}'];

/** What "Lint Workspace" looks for, and what it never enters. */
// One brace level only: findFiles hands the glob to ripgrep, which rejects nested alternate groups.
export const WORKSPACE_FILES_GLOB =
  '**/{*compose*.yml,*compose*.yaml,Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}';
export const WORKSPACE_EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';
