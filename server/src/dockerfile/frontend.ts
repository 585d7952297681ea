import type { ParsedFile } from '../../../shared-rules/src/model';
import type { FrontEnd, FrontEndSession, LoadRequest, LoadResult } from '../analysis/frontend';
import { dockerfileName, isDockerfile, looksLikeDockerfile } from './detect';
import type { InstructionsMemo } from './instructions';
import type { RunCache } from './run-cache';

/**
 * Dockerfiles: one file is one project (its stages). The parser (dockerfile-ast) and the shell parser are
 * required on first use, so that linting Compose files alone never loads them. The typing path keeps the last
 * parse of the document in its session (instructions an edit did not touch are reused) and RUN analyses by text.
 */
export class DockerfileFrontEnd implements FrontEnd {
  readonly kind = 'dockerfile';
  readonly languageIds = ['dockerfile'];
  readonly commentPrefix = '#';
  readonly namedFileIsKind = true;
  private runs: RunCache | undefined;

  byName(file: string): 'name' | 'content' | undefined {
    return dockerfileName(file);
  }

  /** By content: a `Dockerfile.<x>` only when it is one (not a template); any file the user named, by its FROM. */
  byContent(text: string, file: string, anyName: boolean): boolean {
    return anyName ? looksLikeDockerfile(text) : isDockerfile(file, text);
  }

  load(request: LoadRequest, session?: FrontEndSession): LoadResult {
    const memo = session ? ((session.state as InstructionsMemo | undefined) ?? (session.state = {})) : undefined;
    return { files: [this.parse(request.file, request.text, undefined, memo as InstructionsMemo | undefined)], dependencies: [] };
  }

  /** The image stage for `target` (the last stage when undefined): what a Compose `build:` links. */
  parse(file: string, text: string, target?: string, memo?: InstructionsMemo): ParsedFile {
    const { parseDockerfile } = require('./parse') as typeof import('./parse');
    if (!this.runs) {
      const { RunCache } = require('./run-cache') as typeof import('./run-cache');
      this.runs = new RunCache();
    }
    return parseDockerfile(file, text, { target, memo, runs: this.runs });
  }
}
