import type { Rule } from '../rule';
import { isOneOf } from '../values';

/** `logging.driver: none` leaves no trace of what the container did, which hampers incident response. */
export const loggingDisabled: Rule = {
  id: 'logging-disabled',
  title: 'Container logging disabled',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    default: '{Container} disables logging (driver none): after an incident there is no record of what it did',
  },
  check(c) {
    const v = c.loggingDriver;
    if (!v || !isOneOf(v, 'none')) return [];
    return [{ messageId: 'default', args: { service: c.name }, at: v.source }];
  },
};
