import * as path from 'node:path';
import type { ContainerSpec, ParsedFile } from '../../../shared-rules/src/model';
import { parseCompose } from '../compose/parse';
import { sameEnv, type ComposeParseCache } from './parse-cache';
import type { FileAccess } from '../fs';
import { mergeServices } from './merge';
import { composeFileVariable, findDefaultFile, looksLikeOverrideOf, overrideCandidates, readDotenv } from './files';
import type { DotenvResult } from './dotenv';
import { markProcessEnv } from '../compose/interpolate';
import { limitProblem } from '../limits';

const MAX_DEPTH = 10;

export interface ProjectOptions {
  files: FileAccess;
  /** The process environment (the CLI passes process.env; the language server does not). */
  processEnv?: Readonly<Record<string, string | undefined>>;
  /** Parses kept between lints (the analysis's); none: every file is parsed. */
  parses?: ComposeParseCache;
  /** Parses the Dockerfile a service's `build:` names, as its image stage for `target` (the Dockerfile front end). */
  parseDockerfile?: (file: string, text: string, target: string | undefined) => ParsedFile;
}

/** A Compose project as Compose would run it, ready for the engine. */
export interface ComposeProject {
  /** The compose files of the project, base first, then overrides, then included files. */
  composeFiles: string[];
  /** Every file read to build it (compose files, `.env` files, Dockerfiles): a change to one re-lints the project. */
  dependencies: string[];
  /** What the engine lints: merged services sit in the file that declares them; override files carry none. */
  parsed: ParsedFile[];
  /** The Dockerfile each service of the top-level project reads for its `build:` (by service name). */
  dockerfiles: Map<string, string>;
  /** Every Compose file read as such: the project's files and the files `extends` names (whatever their names). */
  composeSources: string[];
}

/**
 * Loads the project that `file` belongs to: the default file and its override, or `COMPOSE_FILE` from `.env`,
 * or a file named like an override of the default file (`docker-compose.prod.yml`), or the file alone;
 * then `extends`, `include` and `build:` links to Dockerfiles.
 */
export function loadComposeProject(file: string, options: ProjectOptions): ComposeProject {
  const loader = new ProjectLoader(options);
  const projectFiles = loader.projectFilesFor(path.resolve(file));
  loader.loadProject(projectFiles, path.dirname(projectFiles[0]), undefined, 0);
  return loader.project();
}

/**
 * Loads the Compose files `files` as one project, in order, as `docker compose -f a -f b` does (a devcontainer.json's
 * `dockerComposeFile`): the project directory is the first file's folder, its `.env` applies; then `extends`,
 * `include` and `build:` links as for any project.
 */
export function loadComposeFiles(files: readonly string[], options: ProjectOptions): ComposeProject {
  const loader = new ProjectLoader(options);
  const resolved = [...new Set(files.map((f) => path.resolve(f)))];
  if (resolved.length > 0) loader.loadProject(resolved, path.dirname(resolved[0]), undefined, 0);
  return loader.project();
}

class ProjectLoader {
  readonly composeFiles: string[] = [];
  readonly dependencies = new Set<string>();
  readonly parsed: ParsedFile[] = [];
  readonly dockerfiles = new Map<string, string>();
  readonly composeSources = new Set<string>();
  /** Parses by file, each with the environment it was parsed in. */
  private readonly parseCache = new Map<string, Array<{ env: Map<string, string>; parsed: ParsedFile }>>();
  private readonly environments = new Map<string, Map<string, string>>();
  /** Environments a `.env` expansion limit made partly unknown, with that file (reported on the project). */
  private readonly envLimits = new WeakMap<Map<string, string>, string>();

  constructor(private readonly options: ProjectOptions) {}

  /** What was loaded. */
  project(): ComposeProject {
    return {
      composeFiles: this.composeFiles,
      dependencies: [...this.dependencies],
      parsed: this.parsed,
      dockerfiles: this.dockerfiles,
      composeSources: [...this.composeSources],
    };
  }

  /** Which files Compose would combine into the project of `file`. */
  projectFilesFor(file: string): string[] {
    const dir = path.dirname(file);
    const dotenv = this.readEnv(path.join(dir, '.env')).values;
    const fromVariable = composeFileVariable(dotenv, dir);
    if (fromVariable?.includes(file)) return fromVariable;
    const base = findDefaultFile(dir, this.options.files);
    if (!base) return [file];
    const override = overrideCandidates(base).find((f) => this.exists(f));
    if (file === base || file === override) return override ? [base, override] : [base];
    if (looksLikeOverrideOf(file, base) && this.onlyRefinesServicesOf(file, base)) return [base, file];
    return [file];
  }

  /** Parses and merges `files` (in order) and what they include; adds the result to `parsed`. */
  loadProject(files: string[], projectDir: string, envFiles: string[] | undefined, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const env = this.environment(projectDir, envFiles);
    const parsedFiles = files.filter((f) => !this.composeFiles.includes(f)).map((f) => this.parse(f, env));
    if (parsedFiles.length === 0) return;
    this.composeFiles.push(...parsedFiles.map((p) => p.file));

    const services = new Map<string, ContainerSpec>();
    for (const p of parsedFiles) {
      for (const c of p.containers.map((s) => this.resolveExtends(s, p, env, 0))) {
        const earlier = services.get(c.name);
        services.set(c.name, earlier ? mergeServices(earlier, c, 'base') : c);
      }
    }
    for (const c of services.values()) services.set(c.name, this.linkDockerfile(c, projectDir, depth));

    // Each merged service is linted once, in the file that first declares it.
    const envLimit = this.envLimits.get(env);
    parsedFiles.forEach((p, i) => {
      const declared = [...services.values()].filter((c) => c.file === p.file);
      const out: ParsedFile = { ...p, containers: declared };
      // A `.env` that a limit stopped is reported at the top of the project's first file (the .env is not linted).
      if (envLimit && i === 0) {
        const at = { file: p.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
        out.problems = [...p.problems, limitProblem(at, 'dotenvLimit', { file: path.basename(envLimit) })];
      }
      this.parsed.push(out);
    });
    for (const p of parsedFiles) {
      for (const inc of p.includes ?? []) {
        const incDir = path.dirname(p.file);
        const incFiles = inc.paths.map((f) => path.resolve(incDir, f));
        const incProjectDir = inc.projectDirectory ? path.resolve(incDir, inc.projectDirectory) : path.dirname(incFiles[0]);
        const incEnv = inc.envFiles?.map((f) => path.resolve(incDir, f));
        this.loadProject(incFiles, incProjectDir, incEnv, depth + 1);
      }
    }
  }

  /** `extends:` (same file or another file, chained): the parent's values, overridden by the child's. */
  private resolveExtends(service: ContainerSpec, inFile: ParsedFile, env: Map<string, string>, depth: number): ContainerSpec {
    const ref = service.extendsRef;
    if (!ref || depth > MAX_DEPTH) return service;
    const parentFile = ref.file ? this.parse(path.resolve(path.dirname(inFile.file), ref.file), env) : inFile;
    const parent = parentFile.containers.find((c) => c.name === ref.service);
    if (!parent || (parent === service && parentFile === inFile)) return service;
    const resolvedParent = this.resolveExtends(parent, parentFile, env, depth + 1);
    return mergeServices(resolvedParent, service, 'over');
  }

  /**
   * `build:` → the Dockerfile's image stage, for `root-user` on services that set no `user:`. A copy of the
   * service gets it: the service may be a shared parse (parse-cache.ts).
   */
  private linkDockerfile(service: ContainerSpec, projectDir: string, depth: number): ContainerSpec {
    const build = service.build;
    if (!build || build.context?.known === false || build.dockerfile?.known === false) return service;
    const context = build.context?.value ?? '.';
    if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) return service;
    // Compose resolves a relative context against the project directory (the first file's folder).
    const contextDir = path.resolve(projectDir, context);
    const dockerfile = path.resolve(contextDir, build.dockerfile?.value ?? 'Dockerfile');
    if (depth === 0) this.dockerfiles.set(service.name, dockerfile);
    const text = this.read(dockerfile);
    if (text === undefined) return service;
    const target = build.target?.known ? build.target.value : undefined;
    const parsed = this.parseDockerfile(dockerfile, text, target);
    const stage = parsed.containers[0];
    return stage ? { ...service, build: { ...build, stage } } : service;
  }

  /** A file whose services all exist in `base` refines it (an override), rather than being a project of its own. */
  private onlyRefinesServicesOf(file: string, base: string): boolean {
    const env = this.environment(path.dirname(base), undefined);
    const own = this.parse(file, env).containers;
    const baseNames = new Set(this.parse(base, env).containers.map((c) => c.name));
    return own.length > 0 && own.every((c) => baseNames.has(c.name));
  }

  private environment(projectDir: string, envFiles: string[] | undefined): Map<string, string> {
    const files = envFiles ?? [path.join(projectDir, '.env')];
    const cacheKey = files.join('\u0000');
    const cached = this.environments.get(cacheKey);
    if (cached) return cached;
    const env = new Map<string, string>();
    // Variables whose values come from the process environment (directly or through a `.env` expansion):
    // messages mask them (docs/decisions/process-environment.md).
    const fromProcess = new Set<string>();
    for (const f of files) {
      const read = this.readEnv(f, env);
      for (const [k, v] of read.values) {
        env.set(k, v);
        if (read.fromProcess.has(k)) fromProcess.add(k);
        else fromProcess.delete(k);
      }
      if (read.limit && !this.envLimits.has(env)) this.envLimits.set(env, f);
    }
    for (const [k, v] of processEnvEntries(this.options.processEnv)) {
      env.set(k, v);
      fromProcess.add(k);
    }
    markProcessEnv(env, fromProcess);
    this.environments.set(cacheKey, env);
    return env;
  }

  /** A `.env` file; its expansions see the process environment, then the files read before it (`earlier`). */
  private readEnv(file: string, earlier?: ReadonlyMap<string, string>): DotenvResult {
    this.dependencies.add(file);
    const processEnv = this.options.processEnv;
    const lookup =
      processEnv || earlier?.size
        ? (name: string) =>
            (processEnv && Object.prototype.hasOwnProperty.call(processEnv, name) ? processEnv[name] : undefined) ?? earlier?.get(name)
        : undefined;
    return readDotenv(file, this.options.files, lookup);
  }

  /** Each file is parsed once per environment, however many projects and `extends` name it. */
  private parse(file: string, env: Map<string, string>): ParsedFile {
    let parses = this.parseCache.get(file);
    if (!parses) this.parseCache.set(file, (parses = []));
    const cached = parses.find((p) => p.env === env) ?? parses.find((p) => sameEnv(p.env, env));
    if (cached) return cached.parsed;
    const text = this.read(file);
    if (text !== undefined) this.composeSources.add(file);
    const parsed =
      text === undefined
        ? { file, kind: 'compose' as const, containers: [], suppressions: [], problems: [] }
        : (this.options.parses?.parse(file, text, env) ?? parseCompose(file, text, { env }));
    parses.push({ env, parsed });
    return parsed;
  }

  private parseDockerfile(file: string, text: string, target: string | undefined): ParsedFile {
    if (this.options.parseDockerfile) return this.options.parseDockerfile(file, text, target);
    // Required on first use: most projects link no Dockerfile that exists, and start-up stays lighter.
    const { parseDockerfile } = require('../dockerfile/parse') as typeof import('../dockerfile/parse');
    return parseDockerfile(file, text, { target });
  }

  private read(file: string): string | undefined {
    this.dependencies.add(file);
    return this.options.files.readText(file);
  }

  private exists(file: string): boolean {
    return this.read(file) !== undefined;
  }
}

/** The defined variables of the process environment; computed once per environment object (the CLI passes one for every file). */
const processEnvCache = new WeakMap<object, Array<[string, string]>>();
const NO_ENTRIES: Array<[string, string]> = [];

function processEnvEntries(env: ProjectOptions['processEnv']): Array<[string, string]> {
  if (!env) return NO_ENTRIES;
  let entries = processEnvCache.get(env);
  if (!entries) {
    entries = Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined);
    processEnvCache.set(env, entries);
  }
  return entries;
}
