import type { Rule, RuleReport } from '../rule';

const API_PORTS = [2375, 2376];

/** The Docker Engine API ports (2375 plain, 2376 TLS): publishing them hands out control of the engine. */
export const dockerDaemonPort: Rule = {
  id: 'docker-daemon-port',
  title: 'Docker Engine API port published',
  defaultSeverity: 'error',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
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

/**
 * `2375`, `2370-2380` (with optional `/tcp`, spaces around the parts) contains `port`. Split by hand: a single
 * pattern with `\s*` on both sides of optional parts backtracks quadratically over a run of spaces.
 */
export function inPortRange(text: string, port: number): boolean {
  let t = text.trim();
  const slash = t.indexOf('/');
  if (slash >= 0) {
    if (!/^\w+$/.test(t.slice(slash + 1))) return false;
    t = t.slice(0, slash).trimEnd();
  }
  const dash = t.indexOf('-');
  const lowText = dash < 0 ? t : t.slice(0, dash).trimEnd();
  const highText = dash < 0 ? lowText : t.slice(dash + 1).trimStart();
  if (!/^\d+$/.test(lowText) || !/^\d+$/.test(highText)) return false;
  return port >= Number(lowText) && port <= Number(highText);
}
