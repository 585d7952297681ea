/**
 * The Dockerfile-only rules on real Dockerfile text, through lintFile (parser -> model -> rules -> engine):
 * for each rule firing cases (ids, positions, fixes applied to the text) and near misses that must not fire.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../helpers/lint';
import type { Finding } from '../../shared-rules/src/rule';
import type { Range } from '../../shared-rules/src/model';
import { applyEdits, offsetAt } from '../helpers/edits';

const FILE = '/p/Dockerfile';
const fixtures = path.join(__dirname, '../../../test/fixtures/dockerfile');

function lint(text: string, locale?: 'en' | 'ja'): Finding[] {
  return lintText({ file: FILE, text, kind: 'dockerfile', options: { locale } }).findings;
}

function only(rule: string, text: string): Finding[] {
  return lint(text).filter((f) => f.rule === rule);
}

function at(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

function fixed(text: string, f: Finding): string {
  assert.ok(f.fix, `${f.rule} has a fix`);
  return applyEdits(text, f.fix.edits, FILE);
}

const df = (body: string) => `FROM alpine:3.20\n${body}\nUSER 10001\n`;

describe('remote-script-piped-to-shell', () => {
  const fires = [
    'RUN curl -fsSL https://x/install.sh | sh',
    'RUN curl -fsSL https://x | sudo -E bash -',
    'RUN curl -sSf https://sh.rustup.rs | sh -s -- -y',
    'RUN wget -qO- https://x | bash',
    'RUN wget -O - https://x | sh',
    'RUN wget --output-document=- https://x | sh',
    'RUN wget -O /dev/stdout https://x | env bash',
    'RUN curl https://x | gunzip | python3',
    'RUN curl -L https://x | perl',
    'RUN set -e; if true; then curl -s https://x | /bin/bash; fi',
    'RUN sh -c "$(curl -fsSL https://x)"',
    'RUN bash -c "`curl -fsSL https://x`"',
    // The download is pasted into the script text before sh runs it.
    'RUN sh -c "echo $(curl -s https://x)"',
    'RUN bash <(curl -s https://x)',
    'RUN source <(curl -s https://x)',
    'RUN . <(wget -O- https://x)',
    'RUN eval "$(curl -s https://x)"',
    'RUN bash < <(curl -s https://x)',
    "RUN bash -c 'curl -s https://x | sh'",
    'RUN ["sh", "-c", "curl -s https://x | sh"]',
    'RUN apt-get update && \\\n    curl -fsSL https://x \\\n    | bash -',
    'RUN <<EOF\nset -e\ncurl -fsSL https://x | sh\nEOF',
    // Interpreters given arguments for the program they read from stdin.
    'RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer',
    'RUN curl -sS https://getcomposer.org/installer | php -d memory_limit=-1 -- --install-dir=/usr/local/bin',
    'RUN curl -fsSL https://x | bash -s -- --version 1.2 --prefix /opt',
    'RUN curl -fsSL https://x | sudo -u app bash -s -- -y',
    'RUN curl -fsSL https://x | python3 - --user',
    'RUN curl -fsSL https://x | node - --global',
  ];
  for (const body of fires) {
    test(`fires: ${body.split('\n')[0]}`, () => {
      const text = df(body);
      const found = only('remote-script-piped-to-shell', text);
      assert.equal(found.length, 1, JSON.stringify(lint(text).map((f) => f.rule)));
      assert.equal(found[0].severity, 'error');
      assert.deepEqual(found[0].at.range.start, { line: 1, character: 0 });
      assert.ok(at(text, found[0].at.range).startsWith('RUN '));
      assert.equal(found[0].fix, undefined);
    });
  }

  const misses = [
    'RUN curl -o /tmp/i.sh https://x && sh /tmp/i.sh',
    'RUN curl -fsSLO https://x/i.sh && sh i.sh',
    'RUN echo "curl x | sh"',
    "RUN echo 'curl https://x | bash' > /notes",
    'RUN curl -fsSL https://x | tar xz',
    'RUN curl -s https://x | grep y',
    'RUN curl -s https://x/SHA256SUMS | sha256sum -c',
    'RUN wget https://x | sh',
    'RUN curl -s https://api.example.com/v | python3 -c "import sys, json; print(json.load(sys.stdin))"',
    'RUN curl -s https://x | perl -ne "print if /v/"',
    'RUN curl -s https://x | sh -c "cat > /f"',
    'RUN curl -sS https://getcomposer.org/installer -o setup.php && php setup.php -- --install-dir=/usr/local/bin',
    'RUN curl -fsSL https://x | php -r "echo 1;"',
    'RUN curl -fsSL https://x | bash -- install.sh',
    'RUN curl -fsSL https://x | python3 -- script.py --user',
    'RUN sh -c \'echo "$1"\' _ "$(curl -s https://x)"',
    'RUN bash script.sh "$(curl -s https://x)"',
    'RUN echo "unterminated | sh',
    '# curl https://x | sh',
  ];
  for (const body of misses) {
    test(`does not fire: ${body}`, () => {
      assert.deepEqual(only('remote-script-piped-to-shell', df(body)), []);
    });
  }

  test('the fixture: three RUNs fire, the echo / download-to-file one does not', () => {
    const text = fs.readFileSync(path.join(fixtures, 'install-scripts.Dockerfile'), 'utf8');
    const found = only('remote-script-piped-to-shell', text);
    assert.deepEqual(
      found.map((f) => f.at.range.start.line),
      [1, 6, 10],
    );
  });

  test('Japanese message', () => {
    const [f] = lint(df('RUN curl -s https://x | bash'), 'ja').filter((x) => x.rule === 'remote-script-piped-to-shell');
    assert.match(f.message, /curl.*bash/);
    assert.match(f.message, /パイプ/);
  });
});

describe('insecure-download', () => {
  test('curl http:// URL: reported at the URL, fix turns http:// into https://', () => {
    const text = df('RUN curl -fsSL http://example.com/a.tgz -o /a.tgz');
    const [f] = only('insecure-download', text);
    assert.equal(at(text, f.at.range), 'http://example.com/a.tgz');
    assert.equal(f.fix!.edits[0].range.end.character - f.fix!.edits[0].range.start.character, 7);
    assert.equal(fixed(text, f), df('RUN curl -fsSL https://example.com/a.tgz -o /a.tgz'));
  });

  test('quoted wget URL after Japanese text: UTF-16 columns and the fix inside the quotes', () => {
    const text = df('RUN echo "取得🎉" && wget -q "http://example.com/x"');
    const [f] = only('insecure-download', text);
    assert.equal(at(text, f.at.range), '"http://example.com/x"');
    assert.equal(f.at.range.start.character, 27);
    assert.equal(fixed(text, f), df('RUN echo "取得🎉" && wget -q "https://example.com/x"'));
  });

  test('ADD http:// and CRLF text', () => {
    const text = df('ADD http://example.com/a.tgz /a.tgz').replace(/\n/g, '\r\n');
    const found = only('insecure-download', text);
    assert.equal(found.length, 1);
    assert.equal(at(text, found[0].at.range), 'http://example.com/a.tgz');
    assert.equal(fixed(text, found[0]), df('ADD https://example.com/a.tgz /a.tgz').replace(/\n/g, '\r\n'));
  });

  test('near misses: https, localhost, proxy argument, URL text in echo, ADD through an unknown variable', () => {
    for (const body of [
      'RUN curl -fsSL https://example.com/a',
      'RUN curl http://localhost:8080/health && wget http://127.0.0.1/x && curl http://[::1]/',
      'RUN curl -x http://proxy:3128 https://example.com/a',
      'RUN echo http://example.com/a',
      'ARG URL\nADD $URL /a',
    ]) {
      assert.deepEqual(only('insecure-download', df(body)), [], body);
    }
  });
});

describe('tls-verification-disabled', () => {
  const cases: [string, string, string][] = [
    ['RUN curl -k https://x', '-k', 'RUN curl https://x'],
    ['RUN curl -fsSLk https://x | tar xz', '-fsSLk', 'RUN curl -fsSL https://x | tar xz'],
    ['RUN curl --insecure -o /a https://x', '--insecure', 'RUN curl -o /a https://x'],
    ['RUN wget --no-check-certificate https://x', '--no-check-certificate', 'RUN wget https://x'],
    ['RUN pip install --trusted-host pypi.local flask', '--trusted-host', 'RUN pip install flask'],
    ['RUN pip3 install flask --trusted-host pypi.local', '--trusted-host', 'RUN pip3 install flask'],
    ['RUN python3 -m pip install --trusted-host=pypi.local flask', '--trusted-host=pypi.local', 'RUN python3 -m pip install flask'],
    ['RUN apk add --allow-untrusted /pkg.apk', '--allow-untrusted', 'RUN apk add /pkg.apk'],
    ['RUN apt-get install -y --allow-unauthenticated curl', '--allow-unauthenticated', 'RUN apt-get install -y curl'],
    ['RUN dnf install -y --nogpgcheck foo', '--nogpgcheck', 'RUN dnf install -y foo'],
    ['RUN git -c http.sslVerify=false clone https://x', 'http.sslVerify=false', 'RUN git clone https://x'],
    // Exec form: the element goes with one comma, so the array stays JSON.
    ['RUN ["wget", "--no-check-certificate", "https://x"]', '"--no-check-certificate"', 'RUN ["wget", "https://x"]'],
    ['RUN ["wget", "https://x", "--no-check-certificate"]', '"--no-check-certificate"', 'RUN ["wget", "https://x"]'],
    ['RUN ["pip", "install", "--trusted-host", "pypi.local", "flask"]', '"--trusted-host"', 'RUN ["pip", "install", "flask"]'],
  ];
  for (const [body, word, after] of cases) {
    test(`fires and fixes: ${body}`, () => {
      const text = df(body);
      const found = only('tls-verification-disabled', text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(at(text, found[0].at.range), word);
      assert.equal(fixed(text, found[0]), df(after));
    });
  }

  test('config commands: reported, no fix', () => {
    for (const [body, word] of [
      ['RUN npm config set strict-ssl false', 'strict-ssl'],
      ['RUN git config --global http.sslVerify false', 'http.sslVerify'],
    ]) {
      const text = df(body);
      const [f] = only('tls-verification-disabled', text);
      assert.equal(at(text, f.at.range), word);
      assert.equal(f.fix, undefined);
    }
  });

  test('ENV: reported at the pair; the unsafe fix drops the pair, or the instruction when it is the only one', () => {
    const text = df('ENV NODE_TLS_REJECT_UNAUTHORIZED=0 GIT_SSL_NO_VERIFY=1\nENV PYTHONHTTPSVERIFY=0');
    const found = only('tls-verification-disabled', text);
    assert.deepEqual(
      found.map((f) => at(text, f.at.range)),
      ['NODE_TLS_REJECT_UNAUTHORIZED=0', 'GIT_SSL_NO_VERIFY=1', 'PYTHONHTTPSVERIFY=0'],
    );
    assert.ok(found.every((f) => f.fix?.safety === 'unsafe'));
    assert.equal(fixed(text, found[0]), df('ENV GIT_SSL_NO_VERIFY=1\nENV PYTHONHTTPSVERIFY=0'));
    assert.equal(fixed(text, found[2]), df('ENV NODE_TLS_REJECT_UNAUTHORIZED=0 GIT_SSL_NO_VERIFY=1'));
  });

  test('near misses', () => {
    for (const body of [
      'RUN curl -fsSL https://x',
      'RUN curl -H "k: v" -o k https://x',
      'RUN echo "curl -k https://x"',
      'RUN pip install flask',
      'RUN wget https://x',
      'ENV NODE_TLS_REJECT_UNAUTHORIZED=1',
      'ENV PYTHONHTTPSVERIFY=1',
      'RUN git config --global http.sslVerify true',
      'RUN npm config set registry https://r',
    ]) {
      assert.deepEqual(only('tls-verification-disabled', df(body)), [], body);
    }
  });
});

describe('sudo-in-run', () => {
  test('fires at the word, also after env and across continuation lines', () => {
    const text = df('RUN apt-get update && \\\n    sudo apt-get install -y curl && env -i sudo id');
    const found = only('sudo-in-run', text);
    assert.deepEqual(
      found.map((f) => [f.at.range.start, at(text, f.at.range)]),
      [
        [{ line: 2, character: 4 }, 'sudo'],
        [{ line: 2, character: 43 }, 'sudo'],
      ],
    );
    assert.equal(found[0].severity, 'warning');
  });

  test('near misses: quoted text, package name, sudoers file', () => {
    for (const body of [
      'RUN echo "sudo make me a sandwich"',
      'RUN apt-get install -y sudo',
      'RUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app',
    ]) {
      assert.deepEqual(only('sudo-in-run', df(body)), [], body);
    }
  });

  test('suppressed by a comment on the previous line', () => {
    const text = df('# dockwarden-ignore sudo-in-run -- needed for the installer\nRUN sudo true');
    assert.deepEqual(
      lint(text).filter((f) => f.rule === 'sudo-in-run' || f.rule === 'unused-suppression'),
      [],
    );
  });
});

describe('add-remote-url', () => {
  test('fires at the instruction without --checksum', () => {
    const text = df('ADD https://example.com/a.tgz /a.tgz');
    const [f] = only('add-remote-url', text);
    assert.equal(at(text, f.at.range), 'ADD https://example.com/a.tgz /a.tgz');
    assert.equal(f.severity, 'info');
  });

  test('near misses: --checksum, local source, COPY', () => {
    for (const body of [
      'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /a.tgz',
      'ADD ./a.tgz /a',
      'COPY https.txt /a',
    ]) {
      assert.deepEqual(only('add-remote-url', df(body)), [], body);
    }
  });
});

describe('expose-ssh', () => {
  test('fires at the port', () => {
    const text = df('EXPOSE 80 22/tcp');
    const [f] = only('expose-ssh', text);
    assert.equal(at(text, f.at.range), '22/tcp');
    assert.deepEqual(f.at.range.start, { line: 1, character: 10 });
  });

  test('fires on a port exposed by the stage the image builds on', () => {
    const text = 'FROM alpine:3 AS base\nEXPOSE 22\nFROM base\nUSER 10001\n';
    assert.equal(only('expose-ssh', text).length, 1);
  });

  test('near misses: 2222, 22/udp, an unrelated build stage', () => {
    assert.deepEqual(only('expose-ssh', df('EXPOSE 2222 22/udp 220')), []);
    assert.deepEqual(only('expose-ssh', 'FROM alpine:3 AS tools\nEXPOSE 22\nFROM alpine:3\nUSER 10001\n'), []);
  });
});
