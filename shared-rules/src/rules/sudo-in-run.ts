import type { Rule, RuleReport } from '../rule';
import { baseName, commandPositions } from '../shell';

/**
 * RUN already runs as the current USER; `sudo` in a build means sudo (a setuid-root binary) is installed in
 * the image, hides privilege changes from reviewers and behaves differently without a TTY. Fires on `sudo` in
 * command position (also after wrappers such as `env`), in any stage's RUN; words inside quotes (an `echo`
 * argument) are data and never fire. Reported at the word.
 */
export const sudoInRun: Rule = {
  id: 'sudo-in-run',
  title: 'sudo used in RUN',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile'],
  fixable: false,
  messages: {
    default:
      'RUN uses sudo: build steps already run as the current USER, so sudo only keeps a setuid-root binary in the image and hides privilege changes; switch users with USER instead',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const run of c.dockerfile?.allRuns ?? []) {
      for (const cmd of run.commands) {
        const words = cmd.words.map((w) => w.text);
        for (const i of commandPositions(words)) {
          if (cmd.words[i].literal && baseName(words[i]) === 'sudo') out.push({ messageId: 'default', at: cmd.words[i].source });
        }
      }
    }
    return out;
  },
};
