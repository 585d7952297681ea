import type { BuildCommand, ShellCommand } from '../model';
import { buildCommandsOf } from '../values';
import type { Rule, RuleReport } from '../rule';
import { comparePositions } from '../positions';
import {
  baseName,
  commandIndex,
  commandName,
  downloadsToStdout,
  interpreterFamily,
  interpreterReadsStdin,
  programArgumentIndex,
} from '../shell';

/**
 * `curl … | sh` runs whatever the server (or anyone on the way) returns, unreviewed, inside the build.
 * Fires on a RUN (any stage: the whole build is at stake) where a download to stdout feeds an interpreter
 * that reads its program from stdin later in the same pipeline, or where the download's output becomes the
 * program (`sh -c "$(curl …)"`, `bash <(curl …)`, `source <(curl …)`, `eval "$(curl …)"`). Works on parsed
 * shell only: text inside quotes (`echo "curl x | sh"`) is data, and unparseable scripts never fire.
 * Downloading to a file and running it later does not fire (it can be verified in between).
 */
export const remoteScriptPipedToShell: Rule = {
  id: 'remote-script-piped-to-shell',
  title: 'Remote script piped to a shell',
  defaultSeverity: 'error',
  appliesTo: ['dockerfile', 'script'],
  fixable: false,
  messages: {
    pipe: 'RUN pipes a download ({download}) into {interpreter}: whatever the server, or anyone on the network path, returns runs in the build unreviewed; download to a file, verify its checksum, then run it',
    substitution:
      'RUN runs the output of a download ({download}) with {interpreter}: whatever the server, or anyone on the network path, returns runs in the build unreviewed; download to a file, verify its checksum, then run it',
    scriptPipe:
      'This command pipes a download ({download}) into {interpreter}: whatever the server, or anyone on the network path, returns runs on this machine unreviewed; download to a file, verify its checksum, then run it',
    hostPipe:
      'initializeCommand runs on the host: this command pipes a download ({download}) into {interpreter}, so whatever the server, or anyone on the network path, returns runs on your own machine, outside any container, unreviewed; download to a file, verify its checksum, then run it',
    hostSubstitution:
      'initializeCommand runs on the host: this command runs the output of a download ({download}) with {interpreter}, so whatever the server, or anyone on the network path, returns runs on your own machine, outside any container, unreviewed; download to a file, verify its checksum, then run it',
    devcontainerPipe:
      'This lifecycle command pipes a download ({download}) into {interpreter}: whatever the server, or anyone on the network path, returns runs in the dev container unreviewed, with your workspace and credentials; download to a file, verify its checksum, then run it',
    devcontainerSubstitution:
      'This lifecycle command runs the output of a download ({download}) with {interpreter}: whatever the server, or anyone on the network path, returns runs in the dev container unreviewed, with your workspace and credentials; download to a file, verify its checksum, then run it',
    scriptSubstitution:
      'This command runs the output of a download ({download}) with {interpreter}: whatever the server, or anyone on the network path, returns runs on this machine unreviewed; download to a file, verify its checksum, then run it',
  },
  check(c) {
    const out: RuleReport[] = [];
    const script = c.origin === 'script';
    for (const run of buildCommandsOf(c)) {
      const hit = findRemoteExecution(run);
      if (!hit) continue;
      const pipe = hit.messageId === 'pipe';
      const messageId = !script
        ? hit.messageId
        : c.runsIn === 'host'
          ? pipe
            ? 'hostPipe'
            : 'hostSubstitution'
          : c.runsIn === 'devcontainer'
            ? pipe
              ? 'devcontainerPipe'
              : 'devcontainerSubstitution'
            : pipe
              ? 'scriptPipe'
              : 'scriptSubstitution';
      out.push({ messageId, args: { download: hit.download, interpreter: hit.interpreter }, at: run.source });
    }
    return out;
  },
};

interface Hit {
  messageId: 'pipe' | 'substitution';
  download: string;
  interpreter: string;
}

function texts(cmd: ShellCommand): string[] {
  return cmd.words.map((w) => w.text);
}

function findRemoteExecution(run: BuildCommand): Hit | undefined {
  // Per pipeline, the next member after each one that reads its program from stdin (`curl | curl | … | sh`
  // is one pass, not a pass per download).
  const readers = new Map<ShellCommand[], number[]>();
  for (const cmd of run.commands) {
    const words = texts(cmd);
    if (!downloadsToStdout(words)) continue;
    const download = commandName(words);
    let next = readers.get(cmd.pipeline);
    if (!next) {
      next = nextStdinReaders(cmd.pipeline);
      readers.set(cmd.pipeline, next);
    }
    const reader = next[cmd.pipelineIndex];
    if (reader >= 0) return { messageId: 'pipe', download, interpreter: commandName(texts(cmd.pipeline[reader])) };
    const sub = outermostSubstitution(cmd);
    if (sub && runsOutputAsProgram(sub.parent, sub.child, sub.kind)) {
      return { messageId: 'substitution', download, interpreter: commandName(texts(sub.parent)) };
    }
  }
  return undefined;
}

/** For each member of a pipeline, the index of the first later member that reads its program from stdin, or -1. */
function nextStdinReaders(pipeline: readonly ShellCommand[]): number[] {
  const out = new Array<number>(pipeline.length).fill(-1);
  let next = -1;
  for (let i = pipeline.length - 1; i >= 0; i--) {
    out[i] = next;
    if (interpreterReadsStdin(texts(pipeline[i]))) next = i;
  }
  return out;
}

/** The substitution the download (or the pipeline it is in) feeds. */
function outermostSubstitution(cmd: ShellCommand): { parent: ShellCommand; child: ShellCommand; kind: 'command' | 'process' } | undefined {
  const s = cmd.substitution;
  return s ? { parent: s.parent, child: cmd, kind: s.kind } : undefined;
}

function runsOutputAsProgram(parent: ShellCommand, child: ShellCommand, kind: 'command' | 'process'): boolean {
  const words = texts(parent);
  const at = commandIndex(words);
  if (at < 0) return false;
  const name = baseName(words[at]);
  if (name === 'eval') return kind === 'command';
  const holder = wordHolding(parent, child);
  if (name === 'source' || name === '.') return kind === 'process' && holder === at + 1;
  if (!interpreterFamily(name)) return false;
  // In a redirection (`bash < <(curl …)`, `bash <<< "$(curl …)"`): the output is stdin.
  if (holder < 0) return interpreterReadsStdin(words);
  if (kind === 'command') return holder === programArgumentIndex(words);
  // `bash <(curl …)`: the substituted file is the script (the first word after the options).
  return holder > at && words.slice(at + 1, holder).every((w) => w.startsWith('-') && !/^-[a-zA-Z]*[ce]/.test(w));
}

/** Index of the parent's word whose text the substituted command is written in, or -1 (a redirection). */
function wordHolding(parent: ShellCommand, child: ShellCommand): number {
  const first = child.words[0]?.source.range.start;
  if (!first) return -1;
  return parent.words.findIndex(
    (w) =>
      w.source.file === child.words[0].source.file &&
      comparePositions(w.source.range.start, first) <= 0 &&
      comparePositions(first, w.source.range.end) < 0,
  );
}
