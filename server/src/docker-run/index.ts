/**
 * The `docker run` command-line front end: text → ParsedFile (kind `docker-run`). Each source names its files and
 * parses them; `parseCommandLineFile` picks the source by name (and shebang), as the catalogue's § Where the settings
 * are written says: a name that names a source wins over content.
 */
import type { ParsedFile } from '../../../shared-rules/src/model';
import type { ShellTrees } from '../shell/mvdan';
import { isGithubWorkflowPath, parseGithubWorkflow } from './github-actions';
import { isGitlabCiPath, parseGitlabCi } from './gitlab-ci';
import { isMakefileName, parseMakefile } from './makefile';
import { isMarkdownName, parseMarkdown } from './markdown';
import { hasShellShebang, isBinary, isShellScriptName, parseShellFile } from './shell-file';

export { isGithubWorkflowPath, parseGithubWorkflow } from './github-actions';
export { isGitlabCiPath, parseGitlabCi } from './gitlab-ci';
export { isMakefileName, parseMakefile } from './makefile';
export { isMarkdownName, parseMarkdown } from './markdown';
export { hasShellShebang, isShellScriptName, parseShellFile } from './shell-file';

export type CommandLineSource = 'shell' | 'makefile' | 'github-actions' | 'gitlab-ci' | 'markdown';

/** Which source reads this file (`text`: its first bytes, for the shebang); undefined when none does. */
export function commandLineSource(file: string, text?: string, options: { markdown?: boolean } = {}): CommandLineSource | undefined {
  if (isGithubWorkflowPath(file)) return 'github-actions';
  if (isGitlabCiPath(file)) return 'gitlab-ci';
  if (isMakefileName(file)) return 'makefile';
  if (isShellScriptName(file)) return 'shell';
  if (options.markdown && isMarkdownName(file)) return 'markdown';
  const base = file.split(/[\\/]/).pop() ?? file;
  if (text !== undefined && !base.includes('.') && hasShellShebang(text) && !isBinary(text)) return 'shell';
  return undefined;
}

/** Parses a file with the source that reads it; undefined when no source does. Never throws. */
export function parseCommandLineFile(
  file: string,
  text: string,
  options: { markdown?: boolean; source?: CommandLineSource; trees?: ShellTrees } = {},
): ParsedFile | undefined {
  const source = options.source ?? commandLineSource(file, text, options);
  try {
    switch (source) {
      case 'github-actions':
        return parseGithubWorkflow(file, text, options.trees);
      case 'gitlab-ci':
        return parseGitlabCi(file, text, options.trees);
      case 'makefile':
        return parseMakefile(file, text, options.trees);
      case 'shell':
        return parseShellFile(file, text, options.trees);
      case 'markdown':
        return parseMarkdown(file, text, options.trees);
      default:
        return undefined;
    }
  } catch (error) {
    return {
      file,
      kind: 'docker-run',
      containers: [],
      suppressions: [],
      problems: [
        {
          rule: 'internal-error',
          message: `The command lines of this file could not be analysed: ${error instanceof Error ? error.message : String(error)}`,
          source: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        },
      ],
    };
  }
}
