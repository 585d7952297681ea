import type { Rule, RuleReport } from '../rule';

/**
 * `ADD https://…` fetches at build time and trusts whatever the server returns. `--checksum=sha256:…` pins
 * the content (BuildKit verifies it). Fires on ADD of an http(s) URL without `--checksum`, in any stage;
 * reported at the instruction.
 */
export const addRemoteUrl: Rule = {
  id: 'add-remote-url',
  title: 'ADD of a remote URL without checksum',
  defaultSeverity: 'info',
  appliesTo: ['dockerfile'],
  fixable: false,
  messages: {
    default: 'ADD downloads {url} without --checksum: the build trusts whatever the server returns; pin it with --checksum=sha256:<digest>',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const d of c.dockerfile?.allDownloads ?? []) {
      if (d.hasChecksum) continue;
      out.push({ messageId: 'default', args: { url: d.url.value }, at: d.instruction });
    }
    return out;
  },
};
