import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAMES, loadConfigFor, parseConfig, type ConfigError, type LoadedConfig } from './config';
import type { FileAccess } from './fs';
import { detectKind, isYamlName, kindByName, kindOfNamedFile, looksLikeCompose, needsContent, type FileKind } from './kind';

/** A file to lint, with the config that applies to it. */
export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** The path to show: relative to the working directory (posix separators) unless given as absolute. */
  display: string;
  kind: FileKind;
  /** The text when discovery already had to read it (content sniffing), so it is not read twice. */
  text?: string;
  config: LoadedConfig;
}

export interface DiscoverOptions {
  cwd: string;
  files: FileAccess;
  /** `--config`: one config for every file; config files in the tree are then not looked for. */
  config?: LoadedConfig;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  /** Arguments that name nothing on disk. */
  missing: string[];
  configErrors: ConfigError[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** A loaded config with its path matchers compiled. */
interface ActiveConfig {
  loaded: LoadedConfig;
  base: string;
  ignored: (relPath: string) => boolean;
  isCompose: (relPath: string) => boolean;
}

/**
 * Finds the files to lint under the given files and folders. Folders are searched recursively
 * (skipping node_modules, .git and the config's `ignore` globs); inside them only Compose files and
 * Dockerfiles are taken. A file named explicitly is linted whatever its name if its content says
 * what it is. Symlink loops are cut by tracking the real paths of visited folders.
 */
export function discoverFiles(args: readonly string[], options: DiscoverOptions): DiscoveryResult {
  const result: DiscoveryResult = { files: [], missing: [], configErrors: [] };
  const seenFiles = new Set<string>();
  const visitedDirs = new Set<string>();
  const configs = new Map<string, ActiveConfig>();
  const reportedConfigs = new Set<string>();

  const activate = (loaded: LoadedConfig, fallbackBase: string, base?: string): ActiveConfig => {
    const key = loaded.file ?? `<none>:${fallbackBase}`;
    let active = configs.get(key);
    if (!active) {
      active = compileConfig(loaded, base ?? (loaded.file ? path.dirname(loaded.file) : fallbackBase));
      configs.set(key, active);
      if (loaded.file && !reportedConfigs.has(loaded.file)) {
        reportedConfigs.add(loaded.file);
        result.configErrors.push(...loaded.errors);
      }
    }
    return active;
  };
  // Many files named on the command line share a folder: look its config up (a walk to the root) once.
  const configByDir = new Map<string, ActiveConfig>();
  const configFor = (dir: string): ActiveConfig => {
    let active = configByDir.get(dir);
    if (!active) {
      // A config named with --config may live anywhere (a shared file): its globs are relative to the working directory.
      active = options.config
        ? activate(options.config, options.cwd, options.cwd)
        : activate(loadConfigFor(dir, options.files), options.cwd);
      configByDir.set(dir, active);
    }
    return active;
  };

  const display = (abs: string, arg: string): string => {
    if (path.isAbsolute(arg)) return toPosix(abs);
    const rel = path.relative(options.cwd, abs);
    return rel === '' ? '.' : toPosix(rel);
  };

  const addFile = (abs: string, arg: string, kind: FileKind, config: ActiveConfig, text?: string) => {
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    result.files.push({ path: abs, display: display(abs, arg), kind, text, config: config.loaded });
  };

  const walk = (dir: string, arg: string, inherited: ActiveConfig) => {
    // The folder relative to the config's base, with a trailing slash ('' for the base itself), when inside it.
    const baseRel = toPosix(path.relative(inherited.base, dir));
    const relDir = baseRel.startsWith('..') || path.isAbsolute(baseRel) ? undefined : baseRel === '' ? '' : `${baseRel}/`;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    let config = inherited;
    if (!options.config) {
      const local = entries.find((e) => CONFIG_FILE_NAMES.includes(e.name) && !e.isDirectory());
      const localFile = local && path.join(dir, local.name);
      if (localFile && localFile !== inherited.loaded.file) {
        const text = options.files.readText(localFile);
        if (text !== undefined) config = activate(parseConfig(localFile, text), dir);
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
      }
      const rel = relDir === undefined || config !== inherited ? toPosix(path.relative(config.base, abs)) : relDir + entry.name;
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name) || config.ignored(rel)) continue;
        walk(abs, arg, config);
      } else if (isFile) {
        if (config.ignored(rel)) continue;
        const found = classifyInFolder(abs, rel, config, options.files);
        if (found) addFile(abs, arg, found.kind, config, found.text);
      }
    }
  };

  for (const arg of args) {
    const abs = path.resolve(options.cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      result.missing.push(arg);
      continue;
    }
    if (st.isDirectory()) {
      walk(abs, arg, configFor(abs));
    } else if (st.isFile()) {
      const config = configFor(path.dirname(abs));
      const rel = toPosix(path.relative(config.base, abs));
      if (config.ignored(rel)) continue;
      const byName = kindOfNamedFile(abs) ?? (config.isCompose(rel) ? 'compose' : undefined);
      if (byName) {
        addFile(abs, arg, byName, config);
        continue;
      }
      const text = options.files.readText(abs);
      const kind = text === undefined ? undefined : detectKind(abs, text);
      if (kind) addFile(abs, arg, kind, config, text);
    }
  }
  return result;
}

/** Inside a folder: Dockerfiles and compose files by name, `Dockerfile.<x>` by content, config globs, or YAML with `services:`. */
function classifyInFolder(
  abs: string,
  rel: string,
  config: ActiveConfig,
  files: FileAccess,
): { kind: FileKind; text?: string } | undefined {
  const byName = kindByName(abs);
  if (byName) return { kind: byName };
  if (config.isCompose(rel)) return { kind: 'compose' };
  if (needsContent(abs)) {
    // `Dockerfile.prod`: only when its content is a Dockerfile (`Dockerfile.j2` templates are not).
    const text = files.readText(abs);
    return text !== undefined && detectKind(abs, text) === 'dockerfile' ? { kind: 'dockerfile', text } : undefined;
  }
  if (!isYamlName(abs)) return undefined;
  const text = files.readText(abs);
  return text !== undefined && looksLikeCompose(text) ? { kind: 'compose', text } : undefined;
}

function compileConfig(loaded: LoadedConfig, base: string): ActiveConfig {
  return {
    loaded,
    base,
    ignored: pathMatcher(loaded.config.ignore),
    isCompose: pathMatcher(loaded.config.composeFiles ?? []),
  };
}

/**
 * Matches posix paths relative to the config file. As in .gitignore, a pattern without a slash
 * matches a name at any depth, and a pattern that matches a folder covers what is inside it.
 */
export function pathMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const anchored = patterns.map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
  const full = picomatch(anchored, { dot: true });
  const inside = picomatch(
    anchored.map((p) => `${p}/**`),
    { dot: true },
  );
  const loose = anchored.filter((p) => !p.includes('/'));
  const byName = loose.length > 0 ? picomatch(loose, { dot: true }) : undefined;
  return (rel) => {
    if (rel === '' || rel.startsWith('../')) return false;
    if (full(rel) || inside(rel)) return true;
    if (!byName) return false;
    return rel.split('/').some((part) => byName(part));
  };
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
