/** Synthetic inputs for the benchmarks: a 10,000-line compose file with 500 services and anchors, and a long Dockerfile. */
export function generateLargeCompose(services = 500): string {
  const lines: string[] = [
    'x-common: &common',
    '  restart: unless-stopped',
    '  logging:',
    '    driver: json-file',
    '    options:',
    '      max-size: "10m"',
    '  security_opt:',
    '    - no-new-privileges:true',
    '',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    lines.push(
      `  svc${i}:`,
      '    <<: *common',
      `    image: registry.example.com/team/app${i}:1.${i}.0`,
      '    environment:',
      `      SERVICE_NAME: svc${i}`,
      `      PORT: "${8000 + (i % 1000)}"`,
      '    ports:',
      `      - "127.0.0.1:${10000 + i}:80"`,
      '    volumes:',
      `      - ./data/svc${i}:/data`,
      '      - type: bind',
      `        source: ./config/svc${i}`,
      '        target: /etc/app',
      '        read_only: true',
      '    user: "10001:10001"',
      '    read_only: true',
      '    pids_limit: 200',
      '    mem_limit: 256m',
      '    cpus: 0.5',
      '    # a comment line to keep the file realistic',
    );
  }
  return lines.join('\n') + '\n';
}

export function generateLongDockerfile(stages = 12): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:12.5-slim'];
  for (let s = 0; s < stages; s++) {
    out.push(`FROM \${BASE} AS stage${s}`);
    out.push('ENV DEBIAN_FRONTEND=noninteractive');
    for (let r = 0; r < 8; r++) {
      out.push(
        'RUN apt-get update \\',
        `    && apt-get install -y --no-install-recommends ca-certificates curl pkg${s}-${r} \\`,
        `    && curl -fsSL https://example.com/tool${r}.tar.gz -o /tmp/t${r}.tgz \\`,
        `    && tar -xzf /tmp/t${r}.tgz -C /opt && rm -rf /var/lib/apt/lists/*`,
      );
    }
    if (s > 0) out.push(`COPY --from=stage${s - 1} /opt /opt`);
  }
  out.push('USER 10001', 'CMD ["/opt/app"]');
  return out.join('\n') + '\n';
}

/** An override file for `base` (as docker-compose.override.yml): hardening settings for each of its services. */
export function generateOverride(serviceNames: string[]): string {
  const lines = ['services:'];
  for (const name of serviceNames) {
    lines.push(`  ${name}:`, '    pids_limit: 200', '    mem_limit: 512m', '    security_opt:', '      - no-new-privileges:true');
  }
  return lines.join('\n') + '\n';
}
