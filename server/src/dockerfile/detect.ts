/**
 * Which files are Dockerfiles (../shared/rules.md § Where the settings are written; docs/decisions/
 * which-files-are-dockerfiles.md): by name, then by content. Pure functions of a path and a text.
 */

/**
 * What a file name says:
 * - `name`: a Dockerfile by its name alone (`Dockerfile`, `Containerfile`, `api.Dockerfile`, `x.containerfile`);
 * - `content`: one only when its content is (`Dockerfile.prod`, `Dockerfile-alpine`, `Containerfile.dev`,
 *   `Dockerfile.j2`);
 * - undefined: never (`DockerfileParser.java`, `DockerfileDetails.tsx`, `Dockerfile.md`, `.dockerignore`).
 */
export type DockerfileName = 'name' | 'content';

/**
 * Extensions of source code, documents, data and scripts: `Dockerfile.<ext>` with one of them is a file about
 * Dockerfiles (a parser, a component, its docs), never a Dockerfile.
 */
const NOT_A_DOCKERFILE = new Set(
  (
    'java kt kts scala groovy gradle cs fs vb go rs c h cc cpp hpp m mm swift dart rb py pyi pl pm php lua r jl ex exs erl hs ' +
    'ts tsx mts cts js jsx mjs cjs vue svelte astro elm clj cljs coffee ' +
    'sh bash zsh fish ps1 psm1 bat cmd mk make cmake ' +
    'md markdown mdx rst txt adoc asciidoc org tex html htm xhtml css scss sass less ' +
    'json jsonc json5 yaml yml toml ini cfg conf xml plist csv tsv sql graphql proto lock ' +
    'dockerignore gitignore patch diff orig rej bak swp tmp old log snap png jpg jpeg gif svg ico pdf zip gz tgz tar'
  ).split(' '),
);

/** Template extensions: such a file is a Dockerfile only while it holds no template syntax. */
const TEMPLATE = /\.(?:j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|handlebars|njk|liquid|gotmpl|eex|ejs|twig)$/i;

function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(i + 1) : file;
}

export function dockerfileName(file: string): DockerfileName | undefined {
  const base = baseName(file).toLowerCase();
  if (base === 'dockerfile' || base === 'containerfile') return 'name';
  if (/^.+\.(?:dockerfile|containerfile)$/.test(base)) return 'name';
  const m = /^(?:dockerfile|containerfile)[._-](.+)$/.exec(base);
  if (!m) return undefined;
  const ext = m[1].slice(m[1].lastIndexOf('.') + 1);
  // `Dockerfile.prod` (one part) names a variant; `Dockerfile.prod.yml` is a YAML file.
  if (NOT_A_DOCKERFILE.has(ext)) return undefined;
  return 'content';
}

/** True for every name that can be a Dockerfile (by name, or by content). */
export function isDockerfileName(file: string): boolean {
  return dockerfileName(file) !== undefined;
}

/** How far into a text to look for its first instruction (comment blocks at the top are short). */
const MAX_SCAN = 256 * 1024;

/**
 * A text whose first instruction is `FROM <image> [AS <name>]` (with `--flag=value` flags), after parser
 * directives, comments, blank lines and global `ARG`s; continuation lines joined with the escape character of
 * the `# escape=` directive. Python's `from x import y` or a template's `FROM {{ base }}` is no FROM.
 */
export function looksLikeDockerfile(text: string): boolean {
  const limit = Math.min(text.length, MAX_SCAN);
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let escape = '\\';
  let directives = true;
  while (at < limit) {
    let end = text.indexOf('\n', at);
    if (end < 0 || end > limit) end = limit;
    const line = text.slice(at, end).replace(/\r$/, '').trim();
    at = end + 1;
    if (line === '') {
      directives = false;
      continue;
    }
    if (line.startsWith('#')) {
      const directive = directives ? /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(line) : null;
      if (directive) escape = directive[1];
      else if (directives && !/^#\s*[a-z]+\s*=/i.test(line)) directives = false;
      continue;
    }
    directives = false;
    // Join continuation lines (comment lines inside a continued instruction are dropped, as Docker does).
    let instruction = line;
    while (instruction.endsWith(escape) && at < limit) {
      instruction = instruction.slice(0, -1);
      let next = text.indexOf('\n', at);
      if (next < 0 || next > limit) next = limit;
      const more = text.slice(at, next).replace(/\r$/, '').trim();
      at = next + 1;
      if (more.startsWith('#')) {
        instruction += escape;
        continue;
      }
      instruction += ` ${more}`;
    }
    if (/^ARG\s+[A-Za-z_][A-Za-z0-9_]*(?:[=\s]|$)/i.test(instruction)) continue;
    return isFromLine(instruction);
  }
  return false;
}

function isFromLine(line: string): boolean {
  const m = /^FROM\s+(.*)$/i.exec(line);
  if (!m) return false;
  const words = m[1].trim().split(/\s+/);
  let i = 0;
  while (i < words.length && /^--[a-z-]+=\S+$/i.test(words[i])) i++;
  const image = words[i];
  if (!image || /\{\{|\{%|<%/.test(image)) return false;
  const rest = words.slice(i + 1);
  return rest.length === 0 || (rest.length === 2 && /^as$/i.test(rest[0]));
}

/** Template syntax (Jinja, Go, ERB, Handlebars): a template is not a Dockerfile until it is rendered. */
function hasTemplateSyntax(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('<%');
}

/**
 * The decision for a file found in a folder (or opened in the editor): a Dockerfile name, and for the names that
 * depend on it, content that is one (a template with template syntax is not).
 */
export function isDockerfile(file: string, text: string): boolean {
  const byName = dockerfileName(file);
  if (byName === 'name') return true;
  if (byName !== 'content') return false;
  if (TEMPLATE.test(file) && hasTemplateSyntax(text)) return false;
  return looksLikeDockerfile(text);
}
