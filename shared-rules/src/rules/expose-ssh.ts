import type { Rule, RuleReport } from '../rule';

/**
 * An SSH server in a container is one more service to patch, more keys to manage and a way around
 * `docker exec` auditing. Fires on `EXPOSE 22` / `22/tcp` in the image stage (or a stage it builds on);
 * reported at the port.
 */
export const exposeSsh: Rule = {
  id: 'expose-ssh',
  title: 'SSH port exposed',
  defaultSeverity: 'info',
  appliesTo: ['dockerfile'],
  fixable: false,
  messages: {
    default:
      'The image exposes port 22 (SSH): an SSH server in a container is one more service to patch and more keys to manage; use docker exec for access',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const p of c.dockerfile?.exposes ?? []) {
      const port = p.containerPort;
      if (!port.known || !/^0*22$/.test(port.value.trim())) continue;
      if (p.protocol !== undefined && p.protocol !== 'tcp') continue;
      out.push({ messageId: 'default', at: p.source });
    }
    return out;
  },
};
