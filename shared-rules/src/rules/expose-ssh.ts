import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const exposeSsh: Rule = {
  id: 'expose-ssh',
  title: 'SSH port exposed',
  defaultSeverity: 'info',
  appliesTo: ['dockerfile'],
  fixable: false,
  messages: {
    default: 'SSH port exposed',
  },
  check() {
    return [];
  },
};
