import type { Rule } from '../rule';
import { fixOf, isTrue, writtenAsFlag } from '../values';

/** A writable root filesystem lets an intruder drop tools and persist changes inside the container. */
export const readOnlyRootfsMissing: Rule = {
  id: 'read-only-rootfs-missing',
  title: 'Root filesystem is writable',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'Most images write somewhere in their own file system (a PID file, /tmp, a cache, a database directory initialised at start); until each such path gets a tmpfs or a volume they fail with "Read-only file system".',
  },
  messages: {
    default:
      '{Container} has a writable root filesystem: an intruder can drop tools and change its files; set read_only: true and mount tmpfs or volumes where it must write',
    flag: '{Container} has a writable root filesystem: an intruder can drop tools and change its files; add --read-only and mount --tmpfs or volumes where it must write',
    fix: 'Set read_only: true (may stop a service that writes to its own file system)',
    fixFlag: 'Add --read-only (may stop a service that writes to its own file system)',
  },
  check(c) {
    const v = c.readOnly;
    if (v && (!v.known || isTrue(v))) return [];
    // A value built from variables (`${RO:-false}`) is the user's knob: not overwritten.
    const edits = v ? (v.raw === undefined ? v.replace?.('true') : undefined) : c.mapping?.addEntry('read_only', 'true');
    const run = writtenAsFlag(c);
    return [
      { messageId: run ? 'flag' : 'default', args: { service: c.name }, at: c.declaration, fix: fixOf(run ? 'fixFlag' : 'fix', edits) },
    ];
  },
};
