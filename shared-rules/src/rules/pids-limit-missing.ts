import type { TextEdit } from '../model';
import type { Rule } from '../rule';
import { fixOf, isPositiveInteger, writtenAsFlag } from '../values';

const DEFAULT_LIMIT = '200';

/**
 * Without a positive process limit (`pids_limit` or `deploy.resources.limits.pids`), a fork bomb in the
 * container exhausts the host's process table. `-1` and `0` mean unlimited. An unknown value counts as
 * set. The fix never adds a second key (Compose rejects two differing limits): it rewrites what is there.
 */
export const pidsLimitMissing: Rule = {
  id: 'pids-limit-missing',
  title: 'No process limit (fork bomb protection)',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The limit counts threads too: a JVM, a search engine or a database with many connections can run more than 200 and then fails to start new ones under load; choose the limit from what the service uses.',
  },
  messages: {
    default: "{Container} has no process limit: a fork bomb in it can exhaust the host's process table and take the host down",
    unlimited:
      "{Container} sets the process limit to {value}, which means unlimited: a fork bomb in it can exhaust the host's process table",
    fix: 'Set pids_limit: 200 (may stop a service that runs more than 200 processes or threads)',
    fixDeploy: 'Set deploy.resources.limits.pids: 200 (may stop a service that runs more than 200 processes or threads)',
    fixFlag: 'Add --pids-limit 200 (may stop a service that runs more than 200 processes or threads)',
    fixFlagValue: 'Set --pids-limit 200 (may stop a service that runs more than 200 processes or threads)',
  },
  check(c) {
    const { pidsLimit, deployPids } = c.limits;
    if ((pidsLimit && !pidsLimit.known) || (deployPids && !deployPids.known)) return [];
    if (isPositiveInteger(pidsLimit) || isPositiveInteger(deployPids)) return [];
    const written = pidsLimit ?? deployPids;
    if (!written) {
      return [
        {
          messageId: 'default',
          args: { service: c.name },
          at: c.declaration,
          fix: fixOf(writtenAsFlag(c) ? 'fixFlag' : 'fix', c.mapping?.addEntry('pids_limit', DEFAULT_LIMIT)),
        },
      ];
    }
    // Rewrite every key that is written, so that the two never differ.
    const edits: TextEdit[] = [];
    for (const v of [pidsLimit, deployPids]) {
      if (!v) continue;
      // A value built from variables (`${PIDS:--1}`) is the user's knob: not overwritten.
      const e = v.raw === undefined ? v.replace?.(DEFAULT_LIMIT) : undefined;
      if (!e) return [{ messageId: 'unlimited', args: { service: c.name, value: written.value.trim() }, at: written.source }];
      edits.push(...e);
    }
    return [
      {
        messageId: 'unlimited',
        args: { service: c.name, value: written.value.trim() },
        at: written.source,
        fix: fixOf(writtenAsFlag(c) ? 'fixFlagValue' : pidsLimit ? 'fix' : 'fixDeploy', edits),
      },
    ];
  },
};
