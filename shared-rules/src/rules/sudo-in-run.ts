import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const sudoInRun: Rule = {
  id: 'sudo-in-run',
  title: 'sudo used in RUN',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile'],
  fixable: false,
  messages: {
    default: 'sudo used in RUN',
  },
  check() {
    return [];
  },
};
