import type { Rule, RuleReport } from '../rule';

const API_PORTS = [2375, 2376];

/** The Docker Engine API ports (2375 plain, 2376 TLS): publishing them hands out control of the engine. */
export const dockerDaemonPort: Rule = {
  id: 'docker-daemon-port',
  title: 'Docker Engine API port published',
  defaultSeverity: 'error',
  appliesTo: ['compose', 'docker-run'],
  fixable: false,
  messages: {
    default:
      '{Container} publishes host port {port}, the Docker Engine API port: whoever reaches it can run containers on the engine and take over the host',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const p of c.ports) {
      if (p.syntax === 'dockerfile-expose' || !p.hostPort?.known) continue;
      const port = API_PORTS.find((n) => inPortRange(p.hostPort!.value, n));
      if (port === undefined) continue;
      out.push({ messageId: 'default', args: { service: c.name, port: String(port) }, at: p.source });
    }
    return out;
  },
};

/** `2375`, `2370-2380` (with optional `/tcp`) contains `port`. */
export function inPortRange(text: string, port: number): boolean {
  const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*(?:\/\w+)?\s*$/.exec(text);
  if (!m) return false;
  const low = Number(m[1]);
  const high = m[2] ? Number(m[2]) : low;
  return port >= low && port <= high;
}
