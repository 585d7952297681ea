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

/**
 * A deploy script of about `lines` lines as people write them: functions, `set -euo pipefail`, variables with
 * defaults, `if`/`case`/`for`/`while`, pipelines, `$(...)` and backticks, heredocs, comments, and many
 * `docker run` command lines with quoted flags (the lines the script front end looks for).
 */
export function generateShellScript(lines = 2000): string {
  const out: string[] = [
    '#!/usr/bin/env bash',
    '# Deploys the services of the example project.',
    'set -euo pipefail',
    "IFS=$'\\n\\t'",
    'REGISTRY="${REGISTRY:-registry.example.com/team}"',
    'TAG="$(git rev-parse --short HEAD 2>/dev/null || echo latest)"',
    'ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"',
    '',
  ];
  for (let i = 0; ; i++) {
    const svc = `svc${i}`;
    const block = [
      `# --- ${svc} ---`,
      `deploy_${svc}() {`,
      '  local name="$1" port="${2:-8080}"',
      `  if docker ps --format '{{.Names}}' | grep -q "^\${name}\\$"; then`,
      '    docker rm -f "$name" >/dev/null',
      '  fi',
      '  docker run -d --name "$name" \\',
      '    --restart unless-stopped \\',
      `    -p "127.0.0.1:\${port}:80" \\`,
      `    -v "\${ROOT}/data/${svc}:/data:ro" \\`,
      '    --read-only --cap-drop ALL --security-opt no-new-privileges:true \\',
      `    -e "SERVICE=${svc}" -e "TAG=\${TAG}" \\`,
      `    "\${REGISTRY}/${svc}:\${TAG}" serve --port 80`,
      '}',
      `for attempt in 1 2 3; do`,
      `  if deploy_${svc} ${svc} $((8000 + ${i % 1000})); then break; fi`,
      '  echo "retry ${attempt}" >&2; sleep "$attempt"',
      'done',
      `case "\${ENVIRONMENT:-dev}" in`,
      `  prod) docker run --rm "\${REGISTRY}/migrate:\${TAG}" --service ${svc} ;;`,
      `  *) echo "skipping migrations for ${svc}" ;;`,
      'esac',
      `cat > "/tmp/${svc}.env" <<EOF`,
      `SERVICE=${svc}`,
      'TAG=${TAG}',
      'EOF',
      `count=$(docker ps -q --filter "label=app=${svc}" | wc -l)`,
      `[ "$count" -gt 0 ] && echo "${svc}: $count running" || echo "${svc}: none"`,
      `while read -r line; do echo "[${svc}] $line"; done < <(docker logs --tail 5 ${svc} 2>&1)`,
      i % 7 === 3 ? 'curl -fsSL https://get.example.com/install.sh | sh -s -- --version `cat VERSION`' : `echo 'done: ${svc}'`,
      '',
    ];
    if (out.length + block.length > lines) break;
    out.push(...block);
  }
  // Whole blocks only (the script stays valid), then plain lines up to the exact count.
  while (out.length < lines) out.push(`echo "step ${out.length}"`);
  return out.join('\n') + '\n';
}
