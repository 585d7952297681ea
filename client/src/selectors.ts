// The client's view of the shared protocol (server/src/protocol): what it watches, selects and lints.
export {
  DOCUMENT_SELECTOR,
  FIX_ALL_KIND,
  LINT_FILES_REQUEST,
  SOURCE,
  WATCHED_GLOBS,
  WORKSPACE_EXCLUDE_GLOB,
  WORKSPACE_FILES_GLOB,
  type LintFilesResult,
} from '../../server/src/protocol';
