import type { Rule } from '../rule';
import { fixOf, writtenAsFlag } from '../values';

/**
 * Without `cap_drop: [ALL]` the container keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE,
 * NET_RAW, SETUID, ...), more than most services need. An unknown item counts as ALL (never guess).
 * The fix adds the key only when there is no `cap_drop` at all; extending an existing list is left to
 * the user, who knows why it is partial.
 */
export const capDropMissing: Rule = {
  id: 'cap-drop-missing',
  title: 'Capabilities are not dropped',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'Many images start as root and need some default capabilities (CHOWN, SETUID, SETGID, DAC_OVERRIDE, NET_BIND_SERVICE) to fix volume owners, drop to their user or bind a low port; without them they fail to start (PostgreSQL, MySQL, nginx).',
  },
  messages: {
    default:
      "{Container} keeps Docker's default capabilities (e.g. NET_RAW, SETUID, DAC_OVERRIDE): drop them all with cap_drop: [ALL] and add back only what it needs",
    partial:
      "{Container} drops only some capabilities: cap_drop without ALL keeps the rest of Docker's defaults; drop ALL and add back only what it needs",
    flag: "{Container} keeps Docker's default capabilities (e.g. NET_RAW, SETUID, DAC_OVERRIDE): drop them all with --cap-drop ALL and add back only what it needs with --cap-add",
    fix: 'Add cap_drop: [ALL] (may stop a service that changes file owners or users at start, e.g. a database)',
    fixFlag: 'Add --cap-drop ALL (may stop a service that changes file owners or users at start, e.g. a database)',
  },
  check(c) {
    if (c.capDrop.some((d) => !d.known || /^(cap_)?all$/i.test(d.value.trim()))) return [];
    if (c.capDrop.length > 0) return [{ messageId: 'partial', args: { service: c.name }, at: c.declaration }];
    const run = writtenAsFlag(c);
    return [
      {
        messageId: run ? 'flag' : 'default',
        args: { service: c.name },
        at: c.declaration,
        fix: fixOf(run ? 'fixFlag' : 'fix', c.mapping?.addEntry('cap_drop', '[ALL]')),
      },
    ];
  },
};
