import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const readOnlyRootfsMissing: Rule = {
  id: 'read-only-rootfs-missing',
  title: 'Root filesystem is writable',
  defaultSeverity: 'info',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Root filesystem is writable',
  },
  check() {
    return [];
  },
};
