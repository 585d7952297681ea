import type { Rule, RuleReport } from '../rule';

/** Capabilities that hand the container a way onto the host, each with its own message id. */
const DANGEROUS: Record<string, string> = {
  ALL: 'all',
  SYS_ADMIN: 'sysAdmin',
  SYS_PTRACE: 'sysPtrace',
  SYS_MODULE: 'sysModule',
  DAC_READ_SEARCH: 'dacReadSearch',
  NET_ADMIN: 'netAdmin',
  SYS_RAWIO: 'sysRawio',
  BPF: 'bpf',
  PERFMON: 'perfmon',
};

export const capAddDangerous: Rule = {
  id: 'cap-add-dangerous',
  title: 'Dangerous Linux capability added',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    all: '{Container} adds every capability ({cap}): that is nearly as powerful as privileged: true',
    sysAdmin: '{Container} adds {cap}: it allows mounting file systems and many other admin operations, a classic container-escape path',
    sysPtrace: '{Container} adds {cap}: it can trace and inject code into other processes it can see',
    sysModule: '{Container} adds {cap}: it can load kernel modules, i.e. run code in the host kernel',
    dacReadSearch: '{Container} adds {cap}: it can read any file and open host files by handle, which has been used to escape containers',
    netAdmin: '{Container} adds {cap}: it can reconfigure interfaces, routes and firewall rules and sniff or redirect traffic',
    sysRawio: '{Container} adds {cap}: it gives raw access to devices and I/O ports of the host',
    bpf: '{Container} adds {cap}: it can load eBPF programs into the host kernel and read kernel memory',
    perfmon: "{Container} adds {cap}: it can monitor the host's processes and kernel through perf and eBPF",
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const item of c.capAdd) {
      if (!item.known) continue;
      const cap = item.value.trim().toUpperCase().replace(/^CAP_/, '');
      const messageId = DANGEROUS[cap];
      if (messageId) out.push({ messageId, args: { service: c.name, cap: item.value.trim() }, at: item.source });
    }
    return out;
  },
};
