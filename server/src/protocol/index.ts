/**
 * What the VS Code client and the language server agree on: request names and their types, code-action kinds,
 * commands, settings section and file globs. Plain data only (the client bundle imports it).
 */

/** `source` of every diagnostic. */
export const SOURCE = 'dockwarden';
/** The settings section (`dockwarden.*`). */
export const SETTINGS_SECTION = 'dockwarden';

/** Lints files that need not be open ("Lint Workspace"); their diagnostics are published like open ones. */
export const LINT_FILES_REQUEST = 'dockwarden/lintFiles';
export interface LintFilesParams {
  uris: string[];
}
export interface LintFilesResult {
  linted: number;
  findings: number;
}

/** `source.fixAll` for Dockwarden's own fixes (editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.dockwarden';
/** Opens a rule's documentation page (argument: its https URL). */
export const SHOW_DOCS_COMMAND = 'dockwarden.showDocs';

/** `initializationOptions` the VS Code client sends. */
export interface InitializationOptions {
  settings?: unknown;
  /** The client watches files itself (synchronize.fileEvents): the server registers no watchers. */
  clientWatchesFiles?: boolean;
  locale?: string;
}

/** Compose file names as Compose itself and most projects spell them. */
export const COMPOSE_GLOB = '**/*compose*.{yml,yaml}';
export const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}';
export const DOTENV_GLOB = '**/.env';
/** Where `docker run` command lines are typed: shell scripts, Makefiles and CI workflows. */
export const SCRIPT_GLOB = '**/*.{sh,bash}';
export const MAKEFILE_GLOB = '**/{Makefile,GNUmakefile,makefile,*.mk}';
export const WORKFLOW_GLOB = '**/.github/workflows/*.{yml,yaml}';
/** `.gitlab-ci.yml` and the files it includes when they are named `*.gitlab-ci.yml`. */
export const GITLAB_CI_GLOB = '**/{.gitlab-ci,*.gitlab-ci}.{yml,yaml}';
export const CONFIG_GLOB = '**/.dockwarden.{yml,yaml}';
/**
 * Dev Containers configurations. VS Code gives them the language `jsonc`, as every JSON-with-comments file, so
 * they are selected by path only.
 */
export const DEVCONTAINER_GLOB = '**/{.devcontainer/devcontainer.json,.devcontainer/*/devcontainer.json,.devcontainer.json}';

/** A document filter as LSP clients take it: by language id, by path glob, or both. */
export type DocumentFilter = { language: string; pattern?: string } | { language?: string; pattern: string };

/**
 * Documents the server sees. `.env` and `.dockwarden.yaml` are included so that unsaved edits to them count
 * (the server reads them for the files that depend on them).
 */
export const DOCUMENT_SELECTOR: DocumentFilter[] = [
  { language: 'dockercompose' },
  { language: 'dockerfile' },
  { language: 'yaml', pattern: COMPOSE_GLOB },
  { pattern: COMPOSE_GLOB },
  { pattern: DOCKERFILE_GLOB },
  { language: 'shellscript' },
  { language: 'makefile' },
  { language: 'github-actions-workflow' },
  { language: 'yaml', pattern: WORKFLOW_GLOB },
  { pattern: WORKFLOW_GLOB },
  { pattern: GITLAB_CI_GLOB },
  { pattern: SCRIPT_GLOB },
  { pattern: MAKEFILE_GLOB },
  { pattern: DEVCONTAINER_GLOB },
  // Markdown is read only when dockwarden.markdown is on; the server decides.
  { language: 'markdown' },
  { pattern: DOTENV_GLOB },
  { pattern: CONFIG_GLOB },
];

/** Files whose change on disk re-lints the open documents that read them. */
export const WATCHED_GLOBS = [DOTENV_GLOB, COMPOSE_GLOB, '**/*{ockerfile,ontainerfile}*', CONFIG_GLOB, DEVCONTAINER_GLOB];

/**
 * What "Lint Workspace" looks for, and what it never enters. One brace level only: findFiles hands the glob to
 * ripgrep, which rejects nested alternate groups.
 */
export const WORKSPACE_FILES_GLOB =
  '**/{*compose*.yml,*compose*.yaml,Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*,' +
  '*.sh,*.bash,Makefile,GNUmakefile,makefile,*.mk,.gitlab-ci.yml,.gitlab-ci.yaml,*.gitlab-ci.yml,*.gitlab-ci.yaml,' +
  '.github/workflows/*.yml,.github/workflows/*.yaml,' +
  '.devcontainer/devcontainer.json,.devcontainer/*/devcontainer.json,.devcontainer.json}';
export const WORKSPACE_EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';
