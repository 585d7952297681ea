import type { MappedText } from '../shell/text';

/**
 * Dev Containers variables in a string (`${localEnv:HOME}`, `${localWorkspaceFolder}`, ...), as the tools that read
 * the value see them: `${localEnv:HOME}` and `${localEnv:USERPROFILE}` (also `${env:…}`, with or without a default)
 * are the user's home folder → `${HOME}`; `${localWorkspaceFolder}` is the project folder → `${PWD}`; any other
 * variable is unknown → `${DEVCONTAINER_<name>}`, so that rules never fire on it. The replacement's first and last
 * units sit at the variable's ends; the others are not in the file (-1), so no edit goes through a variable.
 */
const VARIABLE = /\$\{([^}]*)\}/g;
const HOME = '${HOME}';

/** Names the Dev Containers tools substitute (a shell command's other `${NAME}` is the shell's own). */
const DEVCONTAINER_NAME =
  /^(?:(?:localEnv|env|containerEnv):.*|localWorkspaceFolder|localWorkspaceFolderBasename|containerWorkspaceFolder|containerWorkspaceFolderBasename|devcontainerId)$/;

/** `shell`: the text is a shell command, whose own `${NAME}` expansions stay for the shell parser. */
export function substituteVariables(src: MappedText, shell = false): MappedText {
  if (!src.text.includes('${')) return src;
  const out: MappedText = { text: '', offsets: [] };
  let at = 0;
  let homeEnd = -1;
  // No variable ends after the last `}`: searching only up to it keeps a long run of unclosed `${` linear.
  const scan = src.text.slice(0, src.text.lastIndexOf('}') + 1);
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(scan); m; m = VARIABLE.exec(scan)) {
    if (shell && !DEVCONTAINER_NAME.test(m[1])) continue;
    push(out, src, at, m.index);
    const value = replacement(m[1]);
    // `${localEnv:HOME}${localEnv:USERPROFILE}`: one of the two is empty on any machine, so it is the home once.
    if (value === HOME && m.index === homeEnd) {
      at = homeEnd = m.index + m[0].length;
      continue;
    }
    if (value === HOME) homeEnd = m.index + m[0].length;
    const first = src.offsets[m.index];
    const last = src.offsets[m.index + m[0].length - 1];
    for (let k = 0; k < value.length; k++) {
      out.text += value[k];
      out.offsets.push(k === 0 ? first : k === value.length - 1 ? last : -1);
    }
    at = m.index + m[0].length;
  }
  push(out, src, at, src.text.length);
  return out;
}

function push(out: MappedText, src: MappedText, from: number, to: number): void {
  out.text += src.text.slice(from, to);
  for (let i = from; i < to; i++) out.offsets.push(src.offsets[i]);
}

function replacement(body: string): string {
  const m = /^(?:localEnv|env):(\w+)(?::.*)?$/.exec(body);
  if (m && (m[1] === 'HOME' || m[1] === 'USERPROFILE')) return HOME;
  if (body === 'localWorkspaceFolder') return '${PWD}';
  const name = body.replace(/\W+/g, '_').replace(/^_+|_+$/g, '') || 'VAR';
  return `\${DEVCONTAINER_${name}}`;
}

/** The text holds a variable (after substitution): its value is not exact. */
export function hasVariable(text: string): boolean {
  return text.includes('${');
}
