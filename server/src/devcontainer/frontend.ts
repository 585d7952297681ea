import * as path from 'node:path';
import type { ContainerSpec, ParsedFile, Val } from '../../../shared-rules/src/model';
import type { FrontEnd, FrontEndHost, LoadRequest, LoadResult } from '../analysis/frontend';
import type { ComposeFrontEnd } from '../compose/frontend';
import type { DockerfileFrontEnd } from '../dockerfile/frontend';
import { ShellTrees } from '../shell/mvdan';
import { isDevcontainerPath, underDevcontainerFolder } from './names';
import { composeFilesOf, parseDevcontainer, type DevcontainerParse } from './parse';

/**
 * Dev Containers: `.devcontainer/devcontainer.json`, `.devcontainer.json`, `.devcontainer/<name>/devcontainer.json`
 * (JSON with comments). One file is one project with what it names: the Dockerfile of `build` (linked for
 * root-user, as a Compose `build:` is), or the Compose files of `dockerComposeFile`, merged as
 * `docker compose -f a -f b` merges them, with the devcontainer's own settings (privileged, capAdd, securityOpt,
 * mounts, containerEnv, containerUser, features) merged into the `service` it attaches to. Findings stay where
 * each value is written. Compose files under `.devcontainer/` that a devcontainer.json names are its own
 * (`claims`): they are linted as part of it, not alone.
 */
export class DevcontainerFrontEnd implements FrontEnd {
  readonly kind = 'devcontainer';
  /** VS Code gives devcontainer.json the language `jsonc`, as every other JSONC file: the name decides. */
  readonly languageIds = [];
  readonly commentPrefix = '//';
  readonly namedFileIsKind = false;
  readonly claimedKinds = ['compose'];
  private readonly trees = new ShellTrees();

  constructor(private readonly host: FrontEndHost) {}

  byName(file: string): 'name' | 'content' | undefined {
    return isDevcontainerPath(file) ? 'name' : undefined;
  }

  byContent(): boolean {
    return false;
  }

  load(request: LoadRequest): LoadResult {
    const dc = parseDevcontainer(request.file, request.text, this.trees);
    const files: ParsedFile[] = [dc.parsed];
    const dependencies: string[] = [];
    if (dc.compose && dc.container) {
      const compose = this.host.frontEnd<ComposeFrontEnd>('compose');
      const project = compose?.loadFiles(dc.compose.files, request.files);
      if (project) {
        dependencies.push(...project.dependencies);
        const merged = mergeIntoService(project.parsed, dc);
        if (!merged) hideMissing(dc.container);
        files.push(...project.parsed.map((p) => (merged && p === merged.file ? merged.replaced : p)));
        if (!merged) dc.parsed.containers.unshift(dc.container);
      }
    } else if (dc.build && dc.container) {
      dependencies.push(dc.build.dockerfile);
      this.linkDockerfile(dc, request);
    }
    return { files, dependencies: [...new Set(dependencies)].filter((f) => f !== request.file) };
  }

  /** Compose files under `.devcontainer/` that this devcontainer.json makes part of its project. */
  claims(file: string, text: string): string[] {
    return composeFilesOf(file, text).filter(underDevcontainerFolder);
  }

  /**
   * The devcontainer.json files that may claim `file` (a Compose file under `.devcontainer/`): in its folder and the
   * folders above it inside `.devcontainer`, in each `.devcontainer/<name>/` (configurations that share one Compose
   * file: `"dockerComposeFile": "../docker-compose.yml"`), and `.devcontainer.json` beside the `.devcontainer` folder.
   */
  ownersOf(file: string, subfolders: (dir: string) => string[] = () => []): string[] {
    if (!underDevcontainerFolder(file)) return [];
    const out: string[] = [];
    let dir = path.dirname(file);
    let devcontainerFolder = dir;
    for (; underDevcontainerFolder(path.join(dir, 'x')); dir = path.dirname(dir)) {
      out.push(path.join(dir, 'devcontainer.json'));
      devcontainerFolder = dir;
      if (path.dirname(dir) === dir) break;
    }
    for (const name of subfolders(devcontainerFolder)) {
      const candidate = path.join(devcontainerFolder, name, 'devcontainer.json');
      if (!out.includes(candidate)) out.push(candidate);
    }
    out.push(path.join(dir, '.devcontainer.json'));
    return out;
  }

  /** `build`: the Dockerfile's image stage, for root-user when no user is set (containerUser, a non-root remoteUser). */
  private linkDockerfile(dc: DevcontainerParse, request: LoadRequest): void {
    const dockerfiles = this.host.frontEnd<DockerfileFrontEnd>('dockerfile');
    const text = request.files.readText(dc.build!.dockerfile);
    if (!dockerfiles || text === undefined || dc.nonRootUser) return;
    const stage = dockerfiles.parse(dc.build!.dockerfile, text, dc.build!.target).containers[0];
    if (stage) dc.container!.build = { ...dc.container!.build, stage };
  }
}

/**
 * The devcontainer's settings merged into its service (a copy: parses are shared), in the file that declares the
 * service; undefined when the project has no such service.
 */
function mergeIntoService(parsed: readonly ParsedFile[], dc: DevcontainerParse): { file: ParsedFile; replaced: ParsedFile } | undefined {
  const name = dc.compose?.service;
  const settings = dc.container!;
  for (const file of parsed) {
    const at = file.containers.findIndex((c) => c.name === name);
    if (name === undefined || at < 0) continue;
    const service = file.containers[at];
    const sources = [
      ...(service.privilegedSources ?? (service.privileged ? [service.privileged] : [])),
      ...(settings.privilegedSources ?? []),
    ];
    const merged: ContainerSpec = {
      ...service,
      user: settings.user ?? service.user,
      privileged: firstTrue(sources) ?? service.privileged,
      ...(sources.length > 0 ? { privilegedSources: sources } : {}),
      capAdd: [...service.capAdd, ...settings.capAdd],
      securityOpt: [...service.securityOpt, ...settings.securityOpt],
      mounts: [...service.mounts, ...settings.mounts],
      environment: [...service.environment, ...settings.environment],
      // A non-root remoteUser or containerUser: the image's own USER does not decide who runs the tools.
      ...(dc.nonRootUser && service.build ? { build: { ...service.build, stage: undefined } } : {}),
    };
    const containers = file.containers.slice();
    containers[at] = merged;
    return { file, replaced: { ...file, containers } };
  }
  return undefined;
}

function firstTrue(values: readonly Val[]): Val | undefined {
  return values.find((v) => v.known && v.value === 'true');
}

/**
 * A Compose-based devcontainer whose service is not in the project (no `service`, or a file that cannot be read):
 * its own settings are still checked, but what the service sets cannot be known, so missing settings never fire.
 */
function hideMissing(c: ContainerSpec): void {
  const at = c.declaration;
  const unknown = (): Val => ({ value: '', known: false, source: at });
  c.limits.pidsLimit ??= unknown();
  c.limits.memLimit ??= unknown();
  c.limits.cpus ??= unknown();
  c.readOnly ??= unknown();
  c.capDrop.push({ value: '', known: false, source: at });
  c.securityOpt.push({ value: '', known: false, source: at });
  c.user ??= unknown();
  delete c.mapping;
}
