import type { FrontEnd, LoadRequest, LoadResult } from '../analysis/frontend';
import { ShellTrees } from '../shell/mvdan';
import { commandLineSource, parseCommandLineFile } from '.';
import { hasShellShebang, isBinary } from './shell-file';

/**
 * `docker run` command lines wherever they are typed: shell scripts, Makefiles, GitHub Actions workflows, GitLab
 * CI files and (opt-in) Markdown code blocks. A name that names a source wins (`.gitlab-ci.yml` is a CI file even
 * with a top-level `services:`); an extensionless file is a shell script when its shebang says so. One file is
 * one project. Shell trees are kept between lints, so typing re-parses only the edited piece of a script.
 */
export class CommandLineFrontEnd implements FrontEnd {
  readonly kind = 'docker-run';
  readonly languageIds = ['shellscript', 'makefile', 'github-actions-workflow'];
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
    const parsed = parseCommandLineFile(request.file, request.text, { markdown: true, trees: this.trees });
    return { files: parsed ? [parsed] : [], dependencies: [] };
  }
}
