import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const dockerDaemonPort: Rule = {
  id: 'docker-daemon-port',
  title: 'Docker daemon API port published',
  defaultSeverity: 'error',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Docker daemon API port published',
  },
  check() {
    return [];
  },
};
