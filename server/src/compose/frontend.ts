import * as path from 'node:path';
import type { FrontEnd, FrontEndHost, FrontEndSession, LoadRequest, LoadResult } from '../analysis/frontend';
import type { DockerfileFrontEnd } from '../dockerfile/frontend';
import type { FileAccess } from '../fs';
import { isYamlName, looksLikeCompose } from './detect';
import { ComposeParseCache } from '../project/parse-cache';
import { loadComposeFiles, loadComposeProject, type ComposeProject, type ProjectOptions } from '../project/project';
import { projectReferences, typingLoad, type TypingState } from './typing';

/**
 * Compose files: a file is linted as part of the project Compose would run it in (override files,
 * `COMPOSE_FILE`, `extends`, `include`, `.env`, linked Dockerfiles; server/src/project). Parses of the project's
 * other files are kept between lints; the typing path (typing.ts) re-parses only the edited service.
 */
export class ComposeFrontEnd implements FrontEnd {
  readonly kind = 'compose';
  readonly languageIds = ['dockercompose'];
  readonly commentPrefix = '#';
  readonly namedFileIsKind = false;
  readonly parses = new ComposeParseCache();
  /** Loads that re-parsed only the edited service (tests and the bench read it). */
  fastLoads = 0;

  constructor(private readonly host: FrontEndHost) {}

  byName(file: string): 'name' | 'content' | undefined {
    if (!isYamlName(file)) return undefined;
    return path.basename(file).toLowerCase().includes('compose') ? 'name' : 'content';
  }

  byContent(text: string): boolean {
    return looksLikeCompose(text);
  }

  load(request: LoadRequest, session?: FrontEndSession): LoadResult {
    // The process environment makes every lint differ in ways the typing path does not track (the CLI has none).
    if (!session || this.host.processEnv || path.resolve(request.file) !== request.file) {
      const project = this.project(request.file, request.files);
      return {
        files: project.parsed,
        dependencies: project.dependencies.filter((f) => f !== request.file),
        references: projectReferences(project.composeSources, project.dockerfiles.values(), request.file, request.files),
      };
    }
    const loaded = typingLoad(
      (file, files) => this.project(file, files),
      request.file,
      request.text,
      request.files,
      session.state as TypingState | undefined,
    );
    session.state = loaded.state;
    if (loaded.fast) this.fastLoads++;
    return loaded.result;
  }

  /** The Compose files `files` as one project (`docker compose -f a -f b`), for another front end (a devcontainer). */
  loadFiles(files: readonly string[], access: FileAccess): ComposeProject {
    return loadComposeFiles(files, this.options(access));
  }

  private project(file: string, files: FileAccess): ComposeProject {
    return loadComposeProject(path.resolve(file), this.options(files));
  }

  private options(files: FileAccess): ProjectOptions {
    const dockerfiles = this.host.frontEnd<DockerfileFrontEnd>('dockerfile');
    return {
      files,
      processEnv: this.host.processEnv,
      parses: this.parses,
      parseDockerfile: dockerfiles && ((f, text, target) => dockerfiles.parse(f, text, target)),
    };
  }
}
