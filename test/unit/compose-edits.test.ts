import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndReparse, parse, service } from './compose-util';

const web = (text: string) => service(parse(text), 'web');

// ---- Val.replace ----

test('replace keeps plain, double and single quoting', () => {
  const text = 'services:\n  web:\n    image: nginx   # c\n    user: "root"\n    pid: \'host\'\n';
  const w = web(text);
  assert.equal(applyAndReparse(text, w.image!.replace!('nginx@sha256:abc')), text.replace('nginx   #', '"nginx@sha256:abc"   #'));
  assert.equal(applyAndReparse(text, w.image!.replace!('nginx.1-2')), text.replace('nginx   #', 'nginx.1-2   #'));
  assert.equal(applyAndReparse(text, w.user!.replace!('say "hi" \\o/')), text.replace('"root"', '"say \\"hi\\" \\\\o/"'));
  assert.equal(applyAndReparse(text, w.pid!.replace!("it's")), text.replace("'host'", "'it''s'"));
  // A plain string never turns into another type.
  assert.equal(applyAndReparse(text, w.image!.replace!('true')), text.replace('nginx   #', '"true"   #'));
  assert.equal(applyAndReparse(text, w.image!.replace!('1.5')), text.replace('nginx   #', '"1.5"   #'));
});

test('replace of a plain number or boolean stays plain when the new text is', () => {
  const text = 'services:\n  web:\n    pids_limit: -1\n    privileged: true\n';
  const w = web(text);
  assert.equal(applyAndReparse(text, w.limits.pidsLimit!.replace!('200')), text.replace('-1', '200'));
  assert.equal(applyAndReparse(text, w.privileged!.replace!('false')), text.replace('true', 'false'));
});

test('ports written as numbers are replaced with a quoted string', () => {
  const text = 'services:\n  web:\n    ports:\n      - 9100\n      - 8080:80\n      - "3000"\n    volumes: [data:/data]\n';
  const w = web(text);
  assert.equal(
    applyAndReparse(text, w.ports[0].scalar!.replace!('127.0.0.1:9100:9100')),
    text.replace('- 9100', '- "127.0.0.1:9100:9100"'),
  );
  assert.equal(applyAndReparse(text, w.ports[0].scalar!.replace!('9101')), text.replace('- 9100', '- "9101"'));
  assert.equal(applyAndReparse(text, w.ports[1].scalar!.replace!('127.0.0.1:8080:80')), text.replace('- 8080:80', '- "127.0.0.1:8080:80"'));
  assert.equal(applyAndReparse(text, w.ports[2].scalar!.replace!('127.0.0.1:3000:3000')), text.replace('"3000"', '"127.0.0.1:3000:3000"'));
  assert.equal(applyAndReparse(text, w.mounts[0].scalar!.replace!('data:/data:ro')), text.replace('[data:/data]', '["data:/data:ro"]'));
});

test('replace a block scalar keeps the following line', () => {
  const text = 'services:\n  web:\n    image: |\n      nginx\n    user: x\n';
  const w = web(text);
  assert.equal(applyAndReparse(text, w.image!.replace!('nginx:1')), 'services:\n  web:\n    image: "nginx:1"\n    user: x\n');
});

// ---- Val.removeEntry ----

test('removeEntry removes the whole line with its comment, at 1, 2 and 4 space indentation', () => {
  for (const ind of [' ', '  ', '    ']) {
    const i2 = ind + ind;
    const text = `services:\n${ind}web:\n${i2}# why\n${i2}privileged: true # yes\n${i2}image: x\n`;
    assert.equal(applyAndReparse(text, web(text).privileged!.removeEntry!()), `services:\n${ind}web:\n${i2}# why\n${i2}image: x\n`);
  }
});

test('removeEntry of a multi-line value, of the last line without EOL, and under CRLF', () => {
  const text = 'services:\n  web:\n    logging:\n      driver: none\n      options: {}\n    image: x\n';
  const w = web(text);
  assert.equal(
    applyAndReparse(text, w.loggingDriver!.removeEntry!()),
    'services:\n  web:\n    logging:\n      options: {}\n    image: x\n',
  );
  const noEol = 'services:\n  web:\n    image: x\n    privileged: true';
  assert.equal(applyAndReparse(noEol, web(noEol).privileged!.removeEntry!()), 'services:\n  web:\n    image: x\n');
  const crlf = 'services:\r\n  web:\r\n    privileged: true\r\n    image: x\r\n';
  assert.equal(applyAndReparse(crlf, web(crlf).privileged!.removeEntry!()), 'services:\r\n  web:\r\n    image: x\r\n');
});

test('removeEntry in flow mappings removes one comma', () => {
  const first = 'services:\n  web: {privileged: true, image: x, user: u}\n';
  const w = web(first);
  assert.equal(applyAndReparse(first, w.privileged!.removeEntry!()), 'services:\n  web: {image: x, user: u}\n');
  assert.equal(applyAndReparse(first, w.image!.removeEntry!()), 'services:\n  web: {privileged: true, user: u}\n');
  assert.equal(applyAndReparse(first, w.user!.removeEntry!()), 'services:\n  web: {privileged: true, image: x}\n');
  const only = 'services:\n  web: {privileged: true}\n';
  assert.equal(applyAndReparse(only, web(only).privileged!.removeEntry!()), 'services:\n  web: {}\n');
});

test('removeEntry of a value inherited from an anchor edits the anchor', () => {
  const text = 'x-d: &d\n  privileged: true\n  image: x\nservices:\n  web:\n    <<: *d\n';
  assert.equal(applyAndReparse(text, web(text).privileged!.removeEntry!()), 'x-d: &d\n  image: x\nservices:\n  web:\n    <<: *d\n');
});

test('removeEntry of a key that follows "- " pulls the next key up', () => {
  const text = 'services:\n  web:\n    volumes:\n      - read_only: false\n        type: bind\n        source: /a\n        target: /b\n';
  const m = web(text).mounts[0];
  assert.equal(
    applyAndReparse(text, m.readOnlyValue!.removeEntry!()),
    'services:\n  web:\n    volumes:\n      - type: bind\n        source: /a\n        target: /b\n',
  );
});

test('removeEntry of an environment map entry', () => {
  const text = 'services:\n  web:\n    environment:\n      A: 1\n      PASSWORD: x # secret\n';
  const env = web(text).environment;
  assert.equal(applyAndReparse(text, env[1].remove!()), 'services:\n  web:\n    environment:\n      A: 1\n');
});

// ---- Item.remove ----

test('remove a block sequence item (first, middle, last; comments kept)', () => {
  const text =
    'services:\n  web:\n    volumes:\n      - /a:/a\n      # keep me\n      - /var/run/docker.sock:/var/run/docker.sock  # socket\n      - /c:/c\n';
  const m = web(text).mounts;
  assert.equal(applyAndReparse(text, m[1].remove!()), 'services:\n  web:\n    volumes:\n      - /a:/a\n      # keep me\n      - /c:/c\n');
  assert.equal(
    applyAndReparse(text, m[0].remove!()),
    'services:\n  web:\n    volumes:\n      # keep me\n      - /var/run/docker.sock:/var/run/docker.sock  # socket\n      - /c:/c\n',
  );
  assert.equal(
    applyAndReparse(text, m[2].remove!()),
    'services:\n  web:\n    volumes:\n      - /a:/a\n      # keep me\n      - /var/run/docker.sock:/var/run/docker.sock  # socket\n',
  );
});

test('remove a multi-line long-syntax item', () => {
  const text =
    'services:\n  web:\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /s\n      - data:/data\n';
  assert.equal(applyAndReparse(text, web(text).mounts[0].remove!()), 'services:\n  web:\n    volumes:\n      - data:/data\n');
});

test('remove a flow sequence item and one comma', () => {
  const text = 'services:\n  web:\n    cap_add: [SYS_ADMIN, NET_ADMIN, CHOWN]\n';
  const caps = web(text).capAdd;
  assert.equal(applyAndReparse(text, caps[0].remove!()), 'services:\n  web:\n    cap_add: [NET_ADMIN, CHOWN]\n');
  assert.equal(applyAndReparse(text, caps[1].remove!()), 'services:\n  web:\n    cap_add: [SYS_ADMIN, CHOWN]\n');
  assert.equal(applyAndReparse(text, caps[2].remove!()), 'services:\n  web:\n    cap_add: [SYS_ADMIN, NET_ADMIN]\n');
});

test('removing the only item removes the parent key (block and flow)', () => {
  const block = 'services:\n  web:\n    image: x\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n    user: u\n';
  assert.equal(applyAndReparse(block, web(block).mounts[0].remove!()), 'services:\n  web:\n    image: x\n    user: u\n');
  const flow = 'services:\n  web:\n    security_opt: ["seccomp:unconfined"]\n    image: x\n';
  assert.equal(applyAndReparse(flow, web(flow).securityOpt[0].remove!()), 'services:\n  web:\n    image: x\n');
  // The service mapping may become empty: still valid YAML.
  const alone = 'services:\n  web:\n    volumes:\n      - /var/run/docker.sock:/x\n  db:\n    image: y\n';
  assert.equal(applyAndReparse(alone, web(alone).mounts[0].remove!()), 'services:\n  web:\n  db:\n    image: y\n');
});

test('removing the only item of a shared (anchored) sequence leaves []', () => {
  const text = 'x-vols: &vols\n  - /var/run/docker.sock:/x\nservices:\n  web:\n    volumes: *vols\n';
  assert.equal(applyAndReparse(text, web(text).mounts[0].remove!()), 'x-vols: &vols\n  []\nservices:\n  web:\n    volumes: *vols\n');
  const flow = 'services:\n  web:\n    volumes: &v [/var/run/docker.sock:/x]\n  db:\n    volumes: *v\n';
  assert.equal(applyAndReparse(flow, web(flow).mounts[0].remove!()), 'services:\n  web:\n    volumes: &v []\n  db:\n    volumes: *v\n');
});

test('remove items and entries under CRLF and 4-space indentation', () => {
  const text = 'services:\r\n    web:\r\n        ports:\r\n            - "80:80"\r\n            - "443:443"\r\n        image: x\r\n';
  const w = web(text);
  assert.equal(
    applyAndReparse(text, w.ports[0].remove!()),
    'services:\r\n    web:\r\n        ports:\r\n            - "443:443"\r\n        image: x\r\n',
  );
  assert.equal(
    applyAndReparse(text, w.image!.removeEntry!()),
    'services:\r\n    web:\r\n        ports:\r\n            - "80:80"\r\n            - "443:443"\r\n',
  );
});

// ---- MappingSlot.addEntry ----

test('addEntry appends after the last entry with the mapping indentation (1, 2, 4 spaces)', () => {
  for (const ind of [' ', '  ', '    ']) {
    const i2 = ind + ind;
    const text = `services:\n${ind}web:\n${i2}image: x  # c\n${i2}environment:\n${i2}${ind}A: 1\n\n${ind}# next\n${ind}db:\n${i2}image: y\n`;
    const out = applyAndReparse(text, web(text).mapping!.addEntry('cap_drop', '[ALL]'));
    assert.equal(
      out,
      `services:\n${ind}web:\n${i2}image: x  # c\n${i2}environment:\n${i2}${ind}A: 1\n${i2}cap_drop: [ALL]\n\n${ind}# next\n${ind}db:\n${i2}image: y\n`,
    );
  }
});

test('addEntry keeps CRLF and works at the end of a file without EOL', () => {
  const crlf = 'services:\r\n  web:\r\n    image: x\r\n';
  assert.equal(
    applyAndReparse(crlf, web(crlf).mapping!.addEntry('read_only', 'true')),
    'services:\r\n  web:\r\n    image: x\r\n    read_only: true\r\n',
  );
  const noEol = 'services:\n  web:\n    image: x';
  assert.equal(
    applyAndReparse(noEol, web(noEol).mapping!.addEntry('pids_limit', '200')),
    'services:\n  web:\n    image: x\n    pids_limit: 200',
  );
});

test('addEntry to flow mappings', () => {
  const flow = 'services:\n  web: {image: x}\n';
  assert.equal(
    applyAndReparse(flow, web(flow).mapping!.addEntry('security_opt', '["no-new-privileges:true"]')),
    'services:\n  web: {image: x, security_opt: ["no-new-privileges:true"]}\n',
  );
  const empty = 'services:\n  web: {}\n';
  assert.equal(applyAndReparse(empty, web(empty).mapping!.addEntry('read_only', 'true')), 'services:\n  web: {read_only: true}\n');
  const all = 'services: {web: {image: x}}\n';
  assert.equal(applyAndReparse(all, web(all).mapping!.addEntry('cpus', '1.0')), 'services: {web: {image: x, cpus: 1.0}}\n');
});

test('addEntry under an empty service', () => {
  const mid = 'services:\n  web:\n  db:\n    image: y\n';
  assert.equal(
    applyAndReparse(mid, web(mid).mapping!.addEntry('read_only', 'true')),
    'services:\n  web:\n    read_only: true\n  db:\n    image: y\n',
  );
  const four = 'services:\n    web: # empty\n';
  assert.equal(
    applyAndReparse(four, web(four).mapping!.addEntry('read_only', 'true')),
    'services:\n    web: # empty\n        read_only: true\n',
  );
  const tilde = 'services:\n  web: ~\n';
  assert.equal(applyAndReparse(tilde, web(tilde).mapping!.addEntry('read_only', 'true')), 'services:\n  web: {read_only: true}\n');
});

test('addEntry to a service that is an alias does not touch the shared anchor', () => {
  const text = 'x: &x\n  image: nginx\nservices:\n  web: *x\n';
  assert.equal(
    applyAndReparse(text, web(text).mapping!.addEntry('read_only', 'true')),
    'x: &x\n  image: nginx\nservices:\n  web: {<<: *x, read_only: true}\n',
  );
});

test('addEntry with a nested block value is re-indented to the file step and EOL', () => {
  const text = 'services:\r\n    web:\r\n        image: x\r\n';
  const out = applyAndReparse(text, web(text).mapping!.addEntry('deploy', 'resources:\n  limits:\n    pids: 100'));
  assert.equal(
    out,
    'services:\r\n    web:\r\n        image: x\r\n        deploy:\r\n            resources:\r\n                limits:\r\n                    pids: 100\r\n',
  );
  assert.equal(service(parse(out), 'web').limits.deployPids?.value, '100');
});

test('addEntry on long-syntax volume and port items', () => {
  const text =
    'services:\n  web:\n    volumes:\n      - type: bind\n        source: /etc\n        target: /e\n    ports:\n      - target: 80\n        published: 8080\n      - {target: 81}\n';
  const w = web(text);
  assert.equal(
    applyAndReparse(text, w.mounts[0].mapping!.addEntry('read_only', 'true')),
    text.replace('target: /e\n', 'target: /e\n        read_only: true\n'),
  );
  assert.equal(
    applyAndReparse(text, w.ports[0].mapping!.addEntry('host_ip', '127.0.0.1')),
    text.replace('published: 8080\n', 'published: 8080\n        host_ip: 127.0.0.1\n'),
  );
  assert.equal(
    applyAndReparse(text, w.ports[1].mapping!.addEntry('host_ip', '127.0.0.1')),
    text.replace('{target: 81}', '{target: 81, host_ip: 127.0.0.1}'),
  );
  const after = applyAndReparse(text, w.ports[0].mapping!.addEntry('host_ip', '127.0.0.1'));
  assert.equal(service(parse(after), 'web').ports[0].hostIp?.value, '127.0.0.1');
});

test('edits are computed lazily and name the file', () => {
  const p = parse('services:\n  web:\n    privileged: true\n', {}, '/abs/compose.yml');
  const edits = service(p, 'web').privileged!.removeEntry!();
  assert.equal(edits[0].file, '/abs/compose.yml');
});

test('remove items at 1, 2 and 4 space indentation, with CRLF', () => {
  for (const ind of [' ', '  ', '    ']) {
    for (const eol of ['\n', '\r\n']) {
      const i2 = ind + ind;
      const lines = ['services:', `${ind}web:`, `${i2}cap_add:`, `${i2}${ind}- SYS_ADMIN`, `${i2}${ind}- CHOWN`, `${i2}image: x`, ''];
      const text = lines.join(eol);
      const out = applyAndReparse(text, web(text).capAdd[0].remove!());
      assert.equal(out, lines.filter((_, i) => i !== 3).join(eol));
      const flow = ['services:', `${ind}web:`, `${i2}cap_add: [SYS_ADMIN]`, `${i2}image: x`, ''];
      assert.equal(applyAndReparse(flow.join(eol), web(flow.join(eol)).capAdd[0].remove!()), flow.filter((_, i) => i !== 2).join(eol));
    }
  }
});

test('edits on a line with Japanese and emoji before the value use UTF-16 columns', () => {
  const text = 'services:\n  web:\n    environment: { NAME_日本語: "🐳x", PASS: secret }\n    image: "日本🐳"  # 🐳\n';
  const w = web(text);
  assert.equal(applyAndReparse(text, w.environment[1].value!.replace!('${PASS}')), text.replace('PASS: secret', 'PASS: "${PASS}"'));
  assert.equal(applyAndReparse(text, w.environment[0].remove!()), text.replace('NAME_日本語: "🐳x", ', ''));
  assert.equal(applyAndReparse(text, w.image!.replace!('nginx:1')), text.replace('"日本🐳"', '"nginx:1"'));
});
