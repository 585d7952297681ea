import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const dockerSocketMount: Rule = {
  id: 'docker-socket-mount',
  title: 'Container-engine socket mounted into the container',
  defaultSeverity: 'error',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Container-engine socket mounted into the container',
  },
  check() {
    return [];
  },
};
