import type { Rule } from '../rule';
import { dockerSocketMount } from './docker-socket-mount';
import { sensitiveHostMount } from './sensitive-host-mount';
import { portAllInterfaces } from './port-all-interfaces';
import { dockerDaemonPort } from './docker-daemon-port';
import { hostNetwork } from './host-network';
import { networkNoneSuggested } from './network-none-suggested';
import { hostPid } from './host-pid';
import { hostIpc } from './host-ipc';
import { hostUts } from './host-uts';
import { hostUserns } from './host-userns';
import { rootUser } from './root-user';
import { privileged } from './privileged';
import { capAddDangerous } from './cap-add-dangerous';
import { capDropMissing } from './cap-drop-missing';
import { noNewPrivilegesMissing } from './no-new-privileges-missing';
import { seccompDisabled } from './seccomp-disabled';
import { apparmorDisabled } from './apparmor-disabled';
import { selinuxDisabled } from './selinux-disabled';
import { readOnlyRootfsMissing } from './read-only-rootfs-missing';
import { hostDevices } from './host-devices';
import { mountPropagationShared } from './mount-propagation-shared';
import { pidsLimitMissing } from './pids-limit-missing';
import { memoryLimitMissing } from './memory-limit-missing';
import { cpuLimitMissing } from './cpu-limit-missing';
import { imageUnpinned } from './image-unpinned';
import { imageNoDigest } from './image-no-digest';
import { untrustedRegistry } from './untrusted-registry';
import { plaintextSecret } from './plaintext-secret';
import { loggingDisabled } from './logging-disabled';
import { remoteScriptPipedToShell } from './remote-script-piped-to-shell';
import { insecureDownload } from './insecure-download';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { sudoInRun } from './sudo-in-run';
import { addRemoteUrl } from './add-remote-url';
import { exposeSsh } from './expose-ssh';

/** Every rule, in catalogue order. Add a rule: one file in this folder, one line here. */
export const allRules: readonly Rule[] = [
  dockerSocketMount,
  sensitiveHostMount,
  portAllInterfaces,
  dockerDaemonPort,
  hostNetwork,
  networkNoneSuggested,
  hostPid,
  hostIpc,
  hostUts,
  hostUserns,
  rootUser,
  privileged,
  capAddDangerous,
  capDropMissing,
  noNewPrivilegesMissing,
  seccompDisabled,
  apparmorDisabled,
  selinuxDisabled,
  readOnlyRootfsMissing,
  hostDevices,
  mountPropagationShared,
  pidsLimitMissing,
  memoryLimitMissing,
  cpuLimitMissing,
  imageUnpinned,
  imageNoDigest,
  untrustedRegistry,
  plaintextSecret,
  loggingDisabled,
  remoteScriptPipedToShell,
  insecureDownload,
  tlsVerificationDisabled,
  sudoInRun,
  addRemoteUrl,
  exposeSsh,
];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
