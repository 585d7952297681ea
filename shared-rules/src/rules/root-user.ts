import type { ContainerSpec, DockerfileStageInfo, UserInstruction } from '../model';
import { relativeFile } from '../paths';
import type { Rule, RuleReport } from '../rule';
import { comparePositions } from '../positions';
import { fixOf, isRootUser, writtenAsFlag } from '../values';
import { isWindowsAdminUser, windowsDefaultUser } from '../windows';

/**
 * Root in the container is root on the host unless user namespaces remap it: one kernel or runtime bug
 * away from the host. Compose: `user:` root / 0 / `0:0` / `root:root`, or a service built from a
 * Dockerfile whose image stage ends as root and that sets no `user:`. Dockerfile: the image stage (with
 * the stages it builds on) has no `USER`, or its last `USER` is root. An unknown user counts as non-root.
 * Windows images (DockerfileStageInfo.platform) have no root: their administrator is ContainerAdministrator, the
 * default user of every Windows base image but Nano Server (ContainerUser); the fix inserts `USER ContainerUser`.
 */
export const rootUser: Rule = {
  id: 'root-user',
  title: 'Container runs as root',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The process then runs as a user that owns nothing in the image: it fails where it writes root-owned files, binds a port below 1024 or switches users at start (on Windows, USER ContainerUser cannot write system folders or run IIS).',
  },
  messages: {
    default:
      '{Container} runs as root (user: {user}): a process that breaks out of the container is root on the host unless user namespaces are enabled',
    flag: '{Container} runs as root (--user {user}): a process that breaks out of the container is root on the host unless user namespaces are enabled',
    build:
      '{Container} runs as root: it sets no user: and its Dockerfile {dockerfile} ends without a non-root USER; set user: or add USER to the Dockerfile',
    noUser: 'The image runs as root: {stage} has no USER instruction, so a process that breaks out of the container is root on the host',
    rootUser:
      'The image runs as root (USER {user}): a process that breaks out of the container is root on the host; switch to a non-root USER before CMD',
    buildWindows:
      '{Container} runs as ContainerAdministrator: it sets no user: and its Windows Dockerfile {dockerfile} does not switch to a non-administrator USER; add USER ContainerUser to the Dockerfile',
    windowsNoUser:
      "The image runs as ContainerAdministrator, the container's administrator: {stage} has no USER instruction and its Windows base image starts as administrator, so every process can change system files and services; switch to USER ContainerUser before CMD",
    windowsAdmin:
      "The image runs as the container's administrator (USER {user}): every process can change system files and services; switch to USER ContainerUser before CMD",
    fix: 'Add USER 10001 (may stop a process that writes root-owned files or binds a port below 1024)',
    fixWindows: 'Add USER ContainerUser (may stop a process that needs administrator rights, e.g. IIS or a Windows service)',
    containerUser:
      '{Container} runs as root (containerUser: {user}): a process that breaks out of the container is root on the host unless user namespaces are enabled',
    devcontainerBuild:
      '{Container} runs as root: it sets neither containerUser nor a non-root remoteUser, and its Dockerfile {dockerfile} ends without a non-root USER; set containerUser or add USER to the Dockerfile',
  },
  check(c) {
    return c.origin === 'dockerfile' ? checkDockerfile(c) : checkCompose(c);
  },
};

function checkCompose(c: ContainerSpec): RuleReport[] {
  const user = c.user;
  if (user) {
    if (!user.known || !isRootUser(user.value)) return [];
    const messageId = writtenAsFlag(c, user) ? 'flag' : c.origin === 'devcontainer' ? 'containerUser' : 'default';
    return [{ messageId, args: { service: c.name, user: user.value.trim() }, at: user.source }];
  }
  const stage = c.build?.stage;
  if (!stage || !stage.dockerfile || !endsAsRoot(stage.dockerfile)) return [];
  const messageId = c.origin === 'devcontainer' ? 'devcontainerBuild' : stage.dockerfile.platform === 'windows' ? 'buildWindows' : 'build';
  return [{ messageId, args: { service: c.name, dockerfile: relativeFile(c.file, stage.file) }, at: c.declaration }];
}

function checkDockerfile(c: ContainerSpec): RuleReport[] {
  const info = c.dockerfile;
  if (!info || !endsAsRoot(info)) return [];
  const last = lastUser(info);
  const windows = info.platform === 'windows';
  const edits = info.insertUser(windows ? 'USER ContainerUser' : 'USER 10001');
  // A USER 10001 inserted before the root USER (e.g. one written after CMD) would change nothing.
  const useful = !last || edits.every((e) => e.file !== last.source.file || comparePositions(e.range.start, last.source.range.end) >= 0);
  const fix = fixOf(windows ? 'fixWindows' : 'fix', useful ? edits : undefined);
  const stage = /^stage \d+$/.test(c.name) ? c.name : `stage ${c.name}`;
  if (!last) return [{ messageId: windows ? 'windowsNoUser' : 'noUser', args: { stage }, at: info.from.source, fix }];
  return [{ messageId: windows ? 'windowsAdmin' : 'rootUser', args: { user: last.user.value.trim() }, at: last.source, fix }];
}

function lastUser(info: DockerfileStageInfo): UserInstruction | undefined {
  return info.users[info.users.length - 1];
}

/**
 * Linux: no USER, or a known last USER that is root. Windows: a known last USER that is an administrator, or no
 * USER on a base image whose default user is ContainerAdministrator (every one but Nano Server).
 */
export function endsAsRoot(info: DockerfileStageInfo): boolean {
  const last = lastUser(info);
  if (info.platform === 'windows') {
    if (last) return last.user.known && isWindowsAdminUser(last.user.value);
    const base = info.baseImage;
    return windowsDefaultUser(base && (base.known ? base.value : (base.raw ?? base.value))) === 'ContainerAdministrator';
  }
  return !last || (last.user.known && isRootUser(last.user.value));
}
