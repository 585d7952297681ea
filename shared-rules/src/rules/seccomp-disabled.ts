import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const seccompDisabled: Rule = {
  id: 'seccomp-disabled',
  title: 'Seccomp profile disabled',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Seccomp profile disabled',
  },
  check() {
    return [];
  },
};
