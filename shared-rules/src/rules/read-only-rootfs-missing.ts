import type { Rule } from '../rule';
import { fixOf, isTrue } from '../values';

/** A writable root filesystem lets an intruder drop tools and persist changes inside the container. */
export const readOnlyRootfsMissing: Rule = {
  id: 'read-only-rootfs-missing',
  title: 'Root filesystem is writable',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run'],
  fixable: true,
  messages: {
    default:
      '{Container} has a writable root filesystem: an intruder can drop tools and change its files; set read_only: true and mount tmpfs or volumes where it must write',
    flag: '{Container} has a writable root filesystem: an intruder can drop tools and change its files; add --read-only and mount --tmpfs or volumes where it must write',
    fix: 'Set read_only: true',
    fixFlag: 'Add --read-only',
  },
  check(c) {
    const v = c.readOnly;
    if (v && (!v.known || isTrue(v))) return [];
    const edits = v ? v.replace?.('true') : c.mapping?.addEntry('read_only', 'true');
    const run = c.origin === 'docker-run';
    return [
      { messageId: run ? 'flag' : 'default', args: { service: c.name }, at: c.declaration, fix: fixOf(run ? 'fixFlag' : 'fix', edits) },
    ];
  },
};
