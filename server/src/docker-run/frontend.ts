import type { FrontEnd, LoadRequest, LoadResult } from '../analysis/frontend';
import { ShellTrees } from '../shell/mvdan';
import { commandLineSource, parseCommandLineFile, type CommandLineSource } from '.';
import { hasShellShebang, isBinary } from './shell-file';

/**
 * `docker run` command lines wherever they are typed: shell scripts, Makefiles, GitHub Actions workflows, GitLab
 * CI files and (opt-in) Markdown code blocks. A name that names a source wins (`.gitlab-ci.yml` is a CI file even
 * with a top-level `services:`); an extensionless file is a shell script when its shebang says so. One file is
 * one project. Shell trees are kept between lints, so typing re-parses only the edited piece of a script.
 */
export class CommandLineFrontEnd implements FrontEnd {
  readonly kind = 'docker-run';
  /** VS Code's ids, Neovim's filetypes (`sh`, `bash`, `zsh`, `make`) and Eglot's mode names (`bash-ts`, `makefile-gmake`). */
  readonly languageIds = [...SHELL_LANGUAGES, ...MAKEFILE_LANGUAGES, 'github-actions-workflow'];
  readonly commentPrefix = '#';
  readonly namedFileIsKind = false;
  private readonly trees = new ShellTrees();

  byName(file: string, optIn: ReadonlySet<string>): 'name' | 'content' | undefined {
    if (commandLineSource(file, undefined, { markdown: optIn.has('markdown') })) return 'name';
    const base = file.split(/[\\/]/).pop() ?? file;
    return base.includes('.') ? undefined : 'content';
  }

  byContent(text: string): boolean {
    return hasShellShebang(text) && !isBinary(text);
  }

  load(request: LoadRequest): LoadResult {
    // A name that names a source decides; else the editor's language id; else the file is here for its shebang (or
    // because an editor calls it a shell script): a shell script.
    const source = commandLineSource(request.file, request.text, { markdown: true }) ?? languageSource(request.languageId) ?? 'shell';
    const parsed = parseCommandLineFile(request.file, request.text, { markdown: true, trees: this.trees, source });
    return { files: parsed ? [parsed] : [], dependencies: [] };
  }
}

const SHELL_LANGUAGES = ['shellscript', 'sh', 'bash', 'zsh', 'bash-ts'];
const MAKEFILE_LANGUAGES = ['makefile', 'make', 'makefile-gmake'];

/** The source an editor's language id names (`build.mak` is a Makefile in VS Code, `.zshrc` a shell script). */
function languageSource(languageId: string | undefined): CommandLineSource | undefined {
  if (languageId === undefined) return undefined;
  if (MAKEFILE_LANGUAGES.includes(languageId)) return 'makefile';
  if (languageId === 'github-actions-workflow') return 'github-actions';
  if (SHELL_LANGUAGES.includes(languageId)) return 'shell';
  return undefined;
}
