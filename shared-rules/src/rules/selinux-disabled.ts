import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const selinuxDisabled: Rule = {
  id: 'selinux-disabled',
  title: 'SELinux labelling disabled',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'SELinux labelling disabled',
  },
  check() {
    return [];
  },
};
