import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, loadConfigFor, parseConfig, type ConfigError, type ConfigFiles, type LoadedConfig } from './config';
import { pathMatcher, toPosix } from './paths';

/** A file to lint, with the config that applies to it. */
export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** The path to show: relative to the working directory (posix separators) unless given as absolute. */
  display: string;
  kind: string;
  /** The config that applies (undefined for a file found through a project's reference). */
  config?: LoadedConfig;
}

export interface DiscoverOptions {
  cwd: string;
  files: ConfigFiles;
  /** `--config`: one config for every file; config files in the tree are then not looked for. */
  config?: LoadedConfig;
  /** The nearest config of a folder, when the caller keeps them (the analysis's policies); else looked up here. */
  configOf?: (dir: string) => LoadedConfig;
  /** Also list the files a walk passes over (`--verbose`). */
  listSkipped?: boolean;
  /** The kind of a file (by name, then by its text when the name leaves it open), or undefined. */
  kindOf(file: string, text: () => string | undefined, explicit: boolean): string | undefined;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  /** Arguments that name nothing on disk. */
  missing: string[];
  /** Files named, or found by a walk (with `listSkipped`), that are not a kind Dockwarden lints. */
  skipped: string[];
  configErrors: ConfigError[];
}

/** Folders a walk never enters (unless named): dependencies, VCS data and dot-folders other than those holding sources. */
const SKIPPED_DIRS = new Set(['node_modules', 'vendor']);
const DOT_DIRS_ENTERED = new Set(['.github', '.devcontainer']);

function entered(name: string): boolean {
  return !SKIPPED_DIRS.has(name) && (!name.startsWith('.') || DOT_DIRS_ENTERED.has(name));
}

/** A loaded config with its path matchers compiled. */
interface ActiveConfig {
  loaded: LoadedConfig;
  base: string;
  ignored: (relPath: string) => boolean;
}

/**
 * Finds the files to lint under the given files and folders. Folders are searched recursively (not entering
 * node_modules, vendor, dot-folders other than .github and .devcontainer, or the config's `ignore` globs);
 * inside them a file is taken when its name, or for names that leave it open its content, says what it is. A
 * file named explicitly is linted whatever its name if its content says what it is. Symlink loops are cut by
 * tracking the real paths of visited folders.
 */
export function discoverFiles(args: readonly string[], options: DiscoverOptions): DiscoveryResult {
  const discovery = new Discovery(options);
  for (const arg of args) discovery.visit(arg);
  return discovery.result;
}

class Discovery {
  readonly result: DiscoveryResult = { files: [], missing: [], skipped: [], configErrors: [] };
  private readonly seenFiles = new Set<string>();
  private readonly visitedDirs = new Set<string>();
  private readonly configs = new Map<string, ActiveConfig>();
  /** Many files named on the command line share a folder: its config is looked up (a walk to the root) once. */
  private readonly configByDir = new Map<string, ActiveConfig>();
  /** Folders' configs as a walk up found them (each folder and parent probed once). */
  private readonly loadedByDir = new Map<string, LoadedConfig>();

  constructor(private readonly options: DiscoverOptions) {}

  visit(arg: string): void {
    const abs = path.resolve(this.options.cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      this.result.missing.push(arg);
      return;
    }
    if (st.isDirectory()) {
      this.walk(abs, arg);
    } else if (st.isFile()) {
      const config = this.configFor(path.dirname(abs));
      if (config.ignored(toPosix(path.relative(config.base, abs)))) return;
      this.classify(abs, arg, config, true);
    }
  }

  /** Depth first, in name order, without recursion (a deep tree must not exhaust the stack). */
  private walk(root: string, arg: string): void {
    const stack: Array<{ dir: string; config: ActiveConfig; entries: fs.Dirent[]; next: number }> = [];
    const open = (dir: string, inherited: ActiveConfig) => {
      const entries = this.enter(dir);
      if (entries) stack.push({ dir, config: this.localConfig(dir, entries, inherited), entries, next: 0 });
    };
    open(root, this.configFor(root));
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.entries.length) {
        stack.pop();
        continue;
      }
      const entry = top.entries[top.next++];
      const abs = path.join(top.dir, entry.name);
      const type = entryType(entry, abs);
      if (!type || top.config.ignored(toPosix(path.relative(top.config.base, abs)))) continue;
      if (type === 'file') this.classify(abs, arg, top.config, false);
      else if (entered(entry.name)) open(abs, top.config);
    }
  }

  /** The folder's entries in name order, once per real folder (symlink loops end here). */
  private enter(dir: string): fs.Dirent[] | undefined {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return undefined;
    }
    if (this.visitedDirs.has(real)) return undefined;
    this.visitedDirs.add(real);
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  }

  /** A config file in this folder applies below it (unless --config named one for everything). */
  private localConfig(dir: string, entries: readonly fs.Dirent[], inherited: ActiveConfig): ActiveConfig {
    if (this.options.config) return inherited;
    const local = entries.find((e) => CONFIG_FILE_NAMES.includes(e.name) && !e.isDirectory());
    const localFile = local && path.join(dir, local.name);
    if (!localFile || localFile === inherited.loaded.file) return inherited;
    const text = this.options.files.readText(localFile);
    return text === undefined ? inherited : this.activate(parseConfig(localFile, text), dir);
  }

  private classify(abs: string, arg: string, config: ActiveConfig, explicit: boolean): void {
    const kind = this.options.kindOf(abs, () => this.options.files.readText(abs), explicit);
    if (kind) this.addFile(abs, arg, kind, config);
    else if (explicit || this.options.listSkipped) this.result.skipped.push(this.display(abs, arg));
  }

  private addFile(abs: string, arg: string, kind: string, config: ActiveConfig): void {
    if (this.seenFiles.has(abs)) return;
    this.seenFiles.add(abs);
    this.result.files.push({ path: abs, display: this.display(abs, arg), kind, config: config.loaded });
  }

  private display(abs: string, arg: string): string {
    if (path.isAbsolute(arg)) return toPosix(abs);
    const rel = path.relative(this.options.cwd, abs);
    return rel === '' ? '.' : toPosix(rel);
  }

  private configFor(dir: string): ActiveConfig {
    let active = this.configByDir.get(dir);
    if (!active) {
      // A config named with --config may live anywhere (a shared file): its globs are relative to the working directory.
      active = this.options.config
        ? this.activate(this.options.config, this.options.cwd, this.options.cwd)
        : this.activate(this.options.configOf?.(dir) ?? loadConfigFor(dir, this.options.files, this.loadedByDir), this.options.cwd);
      this.configByDir.set(dir, active);
    }
    return active;
  }

  private activate(loaded: LoadedConfig, fallbackBase: string, base?: string): ActiveConfig {
    const key = loaded.file ?? `<none>:${fallbackBase}`;
    let active = this.configs.get(key);
    if (!active) {
      active = compileConfig(loaded, base ?? (loaded.file ? path.dirname(loaded.file) : fallbackBase));
      this.configs.set(key, active);
      // Each config file's errors are reported once.
      if (loaded.file) for (const e of loaded.errors) this.result.configErrors.push(e);
    }
    return active;
  }
}

/** A directory entry as a folder or a regular file (a symlink as what it points to); undefined otherwise. */
function entryType(entry: fs.Dirent, abs: string): 'dir' | 'file' | undefined {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return undefined;
  try {
    const st = fs.statSync(abs);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined; // dangling link
  }
}

function compileConfig(loaded: LoadedConfig, base: string): ActiveConfig {
  return {
    loaded,
    base,
    ignored: pathMatcher(loaded.config.ignore),
  };
}
