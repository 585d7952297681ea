/**
 * The quieter Dockerfile risks in every spelling: TLS verification turned off through the environment (ENV, an
 * ARG default, a `NAME=value cmd` prefix, export, env) and by package managers, signatures skipped, credential
 * names in ENV and ARG, ONBUILD instructions, digests that are not digests, and images pulled by COPY --from and
 * RUN --mount. Each form fires where it is written; near misses (quoted text, `sslverify=1`, `*_FILE` names)
 * do not; fixes are applied to the text and checked.
 */
import type { ShellCommand } from '../../shared-rules/src/model';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../helpers/lint';
import { parseDockerfile } from '../../server/src/dockerfile/parse';
import { parseShellScript } from '../../server/src/shell/commands';
import { LineIndex } from '../../server/src/shell/text';
import { tlsCommandReports } from '../../shared-rules/src/rules/tls-verification-disabled';
import { insecureDownloadCommandReports } from '../../shared-rules/src/rules/insecure-download';
import { tlsDisablingEnv } from '../../shared-rules/src/tls-env';
import type { Finding, RuleSettings } from '../../shared-rules/src/rule';
import type { Range } from '../../shared-rules/src/model';
import { applyEdits, offsetAt } from '../helpers/edits';

const FILE = '/p/Dockerfile';

function lint(text: string, settings?: RuleSettings): Finding[] {
  return lintText({ file: FILE, text, kind: 'dockerfile', options: { settings } }).findings;
}

function only(rule: string, text: string, settings?: RuleSettings): Finding[] {
  return lint(text, settings).filter((f) => f.rule === rule);
}

function at(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

function fixed(text: string, f: Finding): string {
  assert.ok(f.fix, `${f.rule} has a fix`);
  return applyEdits(text, f.fix.edits, FILE);
}

const df = (body: string) => `FROM alpine:3.20\n${body}\nUSER 10001\n`;
const TLS = 'tls-verification-disabled';

describe('TLS verification turned off through the environment, in every form', () => {
  // [body, reported text, text after the fix (null: no fix)]
  const forms: [string, string, string | null][] = [
    ['ENV NODE_TLS_REJECT_UNAUTHORIZED=0', 'NODE_TLS_REJECT_UNAUTHORIZED=0', ''],
    ['ENV NODE_TLS_REJECT_UNAUTHORIZED 0', 'NODE_TLS_REJECT_UNAUTHORIZED 0', ''],
    ['ENV NODE_TLS_REJECT_UNAUTHORIZED="0"', 'NODE_TLS_REJECT_UNAUTHORIZED="0"', ''],
    ['ENV A=1 GIT_SSL_NO_VERIFY=true B=2', 'GIT_SSL_NO_VERIFY=true', 'ENV A=1 B=2'],
    ['ENV GIT_SSL_NO_VERIFY=1 B=2', 'GIT_SSL_NO_VERIFY=1', 'ENV B=2'],
    ['ENV A=1 \\\n    PYTHONHTTPSVERIFY=0', 'PYTHONHTTPSVERIFY=0', 'ENV A=1'],
    ['ENV npm_config_strict_ssl=false', 'npm_config_strict_ssl=false', ''],
    ['ARG NPM_CONFIG_STRICT_SSL=false', 'NPM_CONFIG_STRICT_SSL=false', ''],
    ["ARG PIP_TRUSTED_HOST='pypi.internal'", "PIP_TRUSTED_HOST='pypi.internal'", ''],
    ['ARG CURL_CA_BUNDLE=', 'CURL_CA_BUNDLE=', ''],
    ['ENV REQUESTS_CA_BUNDLE=""', 'REQUESTS_CA_BUNDLE=""', ''],
    ['RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci', 'NODE_TLS_REJECT_UNAUTHORIZED=0', 'RUN npm ci'],
    ['RUN LOL=1 GIT_SSL_NO_VERIFY="0" TEST=lol git clone https://x', 'GIT_SSL_NO_VERIFY="0"', 'RUN LOL=1 TEST=lol git clone https://x'],
    ['RUN A=1 \\\n    PYTHONHTTPSVERIFY=0 \\\n    python x.py', 'PYTHONHTTPSVERIFY=0', 'RUN A=1 \\\n    \\\n    python x.py'],
    [
      'RUN echo a; PIP_TRUSTED_HOST=pypi.internal pip install x; echo b',
      'PIP_TRUSTED_HOST=pypi.internal',
      'RUN echo a; pip install x; echo b',
    ],
    ['RUN export GIT_SSL_NO_VERIFY=1 && git clone https://x', 'GIT_SSL_NO_VERIFY=1', null],
    ['RUN export A=1 NODE_TLS_REJECT_UNAUTHORIZED=0 && node x', 'NODE_TLS_REJECT_UNAUTHORIZED=0', 'RUN export A=1 && node x'],
    ['RUN declare -x PYTHONHTTPSVERIFY=0 && python x.py', 'PYTHONHTTPSVERIFY=0', null],
    ['RUN env NODE_TLS_REJECT_UNAUTHORIZED=0 node x.js', 'NODE_TLS_REJECT_UNAUTHORIZED=0', 'RUN env node x.js'],
    ['RUN sh -c "GIT_SSL_NO_VERIFY=1 git clone https://x"', 'GIT_SSL_NO_VERIFY=1', 'RUN sh -c "git clone https://x"'],
    ['ENV MAVEN_OPTS="-Xmx1g -Dmaven.wagon.http.ssl.insecure=true"', 'MAVEN_OPTS="-Xmx1g -Dmaven.wagon.http.ssl.insecure=true"', ''],
  ];
  for (const [body, reported, after] of forms) {
    test(`fires: ${body.replace(/\n/g, '⏎')}`, () => {
      const text = df(body);
      const found = only(TLS, text);
      assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
      assert.equal(at(text, found[0].at.range), reported);
      if (after === null) {
        assert.equal(found[0].fix, undefined);
      } else {
        assert.equal(found[0].fix?.safety, 'unsafe');
        // A lone ENV/ARG goes with its line.
        assert.equal(fixed(text, found[0]), after === '' ? 'FROM alpine:3.20\nUSER 10001\n' : df(after));
      }
    });
  }

  test('messages say how the variable is set and which tool it affects', () => {
    const text = df(
      'ENV NODE_TLS_REJECT_UNAUTHORIZED=0\nARG GIT_SSL_NO_VERIFY=1\nRUN PYTHONHTTPSVERIFY=0 python x.py\nRUN export PIP_TRUSTED_HOST=p && pip install x',
    );
    assert.deepEqual(
      only(TLS, text).map((f) => f.message.split(':')[0]),
      [
        'ENV NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate verification in Node.js for every later command of the build and in the running container',
        'ARG GIT_SSL_NO_VERIFY=1 turns off TLS certificate verification in git for every later RUN that has this build argument',
        'PYTHONHTTPSVERIFY=0 turns off TLS certificate verification in Python for python',
        'export PIP_TRUSTED_HOST=p turns off TLS certificate verification in pip for every later command of this script',
      ],
    );
  });

  test('an ENV that takes its value from an earlier ARG default fires; a variable without a value does not', () => {
    const text = df('ARG VERIFY=true\nENV GIT_SSL_NO_VERIFY=${VERIFY}\nARG OTHER\nENV NODE_TLS_REJECT_UNAUTHORIZED=$OTHER');
    assert.deepEqual(
      only(TLS, text).map((f) => at(text, f.at.range)),
      ['GIT_SSL_NO_VERIFY=${VERIFY}'],
    );
  });

  test('near misses: verification on, look-alike names, no default, printed text, shell variables', () => {
    for (const body of [
      'ENV NODE_TLS_REJECT_UNAUTHORIZED=1',
      'ENV PYTHONHTTPSVERIFY 1',
      'ENV NPM_CONFIG_STRICT_SSL=true',
      'ENV ASDFNODE_TLS_REJECT_UNAUTHORIZED=0',
      'ENV NODE_TLS_REJECT_UNAUTHORIZEDX=0',
      'ARG NODE_TLS_REJECT_UNAUTHORIZED',
      // BuildKit reads `ARG NAME VALUE` as two names without defaults.
      'ARG NODE_TLS_REJECT_UNAUTHORIZED 0',
      'ENV REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt',
      'ENV PIP_TRUSTED_HOST=',
      'RUN echo NODE_TLS_REJECT_UNAUTHORIZED=0',
      'RUN echo "export GIT_SSL_NO_VERIFY=1"',
      'RUN unset GIT_SSL_NO_VERIFY',
      'RUN NODE_TLS_REJECT_UNAUTHORIZED=1 npm ci',
      'RUN NODE_TLS_REJECT_UNAUTHORIZED=$VALUE npm ci',
      'RUN NODE_TLS_REJECT_UNAUTHORIZED="0\\"" npm ci',
      // A shell variable is not in the environment of the commands that follow.
      'RUN PYTHONHTTPSVERIFY=0; python x.py',
      'RUN readonly PYTHONHTTPSVERIFY=0',
      'RUN declare PYTHONHTTPSVERIFY=0',
      'RUN export -n GIT_SSL_NO_VERIFY=1',
    ]) {
      assert.deepEqual(
        only(TLS, df(body)).map((f) => f.message),
        [],
        body,
      );
    }
  });

  test('the decision table, by tool', () => {
    const cases: [string, string, string | undefined][] = [
      ['NODE_TLS_REJECT_UNAUTHORIZED', '0', 'Node.js'],
      ['NODE_TLS_REJECT_UNAUTHORIZED', 'false', undefined],
      ['GIT_SSL_NO_VERIFY', '', 'git'],
      ['GIT_SSL_NO_VERIFY', 'false', 'git'],
      ['GIT_CONFIG_PARAMETERS', "'http.sslVerify=false'", 'git'],
      ['PYTHONHTTPSVERIFY', ' 0 ', 'Python'],
      ['NPM_CONFIG_STRICT_SSL', 'FALSE', 'npm'],
      ['Npm_Config_Strict_Ssl', '0', 'npm'],
      ['NPM_CONFIG_STRICT_SSL', 'true', undefined],
      ['YARN_ENABLE_STRICT_SSL', 'false', 'Yarn'],
      ['PIP_TRUSTED_HOST', 'a b', 'pip'],
      ['UV_INSECURE_HOST', 'a', 'uv'],
      ['CURL_CA_BUNDLE', '', 'Python requests'],
      ['CURL_CA_BUNDLE', '/etc/ssl/cert.pem', undefined],
      ['GOINSECURE', '*.corp', 'Go'],
      ['GOFLAGS', '-mod=mod -insecure', 'Go'],
      ['GOFLAGS', '-mod=mod', undefined],
      ['CONDA_SSL_VERIFY', 'no', 'conda'],
      ['BUNDLE_SSL_VERIFY_MODE', '0', 'Bundler'],
      ['POETRY_CERTIFICATES_INTERNAL_CERT', 'false', 'Poetry'],
      ['JAVA_TOOL_OPTIONS', '-Dmaven.wagon.http.ssl.allowall=true', 'Maven'],
      ['VAULT_SKIP_VERIFY', 'true', 'Vault'],
      ['VAULT_SKIP_VERIFY', 'false', undefined],
      ['CONSUL_HTTP_SSL_VERIFY', 'false', 'Consul'],
      ['HOME', '0', undefined],
    ];
    for (const [name, value, tool] of cases) assert.equal(tlsDisablingEnv(name, value), tool, `${name}=${value}`);
  });
});

describe('package managers and download tools told to skip TLS or signatures', () => {
  // [body, reported text, message kind, text after the fix (null: no fix)]
  const cases: [string, string, RegExp, string | null][] = [
    ['RUN yum install -y --nogpgcheck foo', '--nogpgcheck', /signature checks for yum/, 'RUN yum install -y foo'],
    ['RUN microdnf --nogpgcheck install foo', '--nogpgcheck', /signature checks/, 'RUN microdnf install foo'],
    ['RUN tdnf install -y ${pkg} --nogpgcheck', '--nogpgcheck', /signature checks/, 'RUN tdnf install -y ${pkg}'],
    ['RUN dnf5 install --no-gpgchecks foo', '--no-gpgchecks', /signature checks/, 'RUN dnf5 install foo'],
    ['RUN dnf install -y --setopt=sslverify=0 foo', '--setopt=sslverify=0', /certificate verification for dnf/, 'RUN dnf install -y foo'],
    ['RUN dnf install -y --setopt=*.gpgcheck=False foo', '--setopt=*.gpgcheck=False', /signature checks/, 'RUN dnf install -y foo'],
    ['RUN yum --setopt epel.sslverify=no install foo', 'epel.sslverify=no', /certificate verification/, 'RUN yum install foo'],
    [
      'RUN yum-config-manager --save --setopt=\\*.sslverify=false',
      '--setopt=\\*.sslverify=false',
      /yum-config-manager --save --setopt=\*\.sslverify=false turns off TLS/,
      null,
    ],
    ["RUN yum-config-manager --setopt='epel.sslverify'=0 --save", "--setopt='epel.sslverify'=0", /for every later command/, null],
    ['RUN dnf config-manager --save --setopt=gpgcheck=0', '--setopt=gpgcheck=0', /signature checks for every later install/, null],
    ['RUN rpm -i --nosignature x.rpm', '--nosignature', /signature checks for rpm/, 'RUN rpm -i x.rpm'],
    ['RUN rpm -Uvh --nodigest x.rpm', '--nodigest', /signature checks for rpm/, 'RUN rpm -Uvh x.rpm'],
    ['RUN zypper --no-gpg-checks install -y foo', '--no-gpg-checks', /signature checks/, 'RUN zypper install -y foo'],
    ['RUN apt-get install -y --force-yes curl', '--force-yes', /signature checks for apt-get/, 'RUN apt-get install -y curl'],
    ['RUN apt-get --allow-insecure-repositories update', '--allow-insecure-repositories', /signature/, 'RUN apt-get update'],
    [
      'RUN apt-get -o Acquire::https::mirror.local::Verify-Peer=false update',
      'Acquire::https::mirror.local::Verify-Peer=false',
      /certificate verification/,
      'RUN apt-get update',
    ],
    ['RUN apt -oAPT::Get::AllowUnauthenticated=true install x', '-oAPT::Get::AllowUnauthenticated=true', /signature/, 'RUN apt install x'],
    [
      'RUN echo "deb [trusted=yes] http://archive.example.org/debian stretch main" > /etc/apt/sources.list',
      'trusted=yes',
      /\[trusted=yes\].*http:\/\/archive\.example\.org\/debian/,
      null,
    ],
    [
      "RUN echo 'deb [ arch=amd64 trusted=yes ] https://repo.example/x ./' | tee /etc/apt/sources.list.d/x.list",
      'trusted=yes',
      /trusted=yes/,
      null,
    ],
    [
      'RUN echo \'Acquire::https::Verify-Peer "false";\' > /etc/apt/apt.conf.d/99insecure',
      `'Acquire::https::Verify-Peer "false";'`,
      /turns off TLS/,
      null,
    ],
    [
      'RUN printf "[x]\\nbaseurl=https://r\\ngpgcheck=0\\n" > /etc/yum.repos.d/x.repo',
      '"[x]\\nbaseurl=https://r\\ngpgcheck=0\\n"',
      /gpgcheck=0 turns off package signature/,
      null,
    ],
    ["RUN sed -i 's/^sslverify=1/sslverify=0/' /etc/yum.conf", "'s/^sslverify=1/sslverify=0/'", /sed .* turns off TLS/, null],
    ['RUN apk add --allow-untrusted /pkg.apk', '--allow-untrusted', /signature checks for apk/, 'RUN apk add /pkg.apk'],
    ['RUN apk add --no-check-certificate curl', '--no-check-certificate', /certificate verification for apk/, 'RUN apk add curl'],
    [
      'RUN git clone -c http.sslVerify=false https://x',
      'http.sslVerify=false',
      /certificate verification for git/,
      'RUN git clone https://x',
    ],
    [
      'RUN git config --global http.https://x.sslVerify "false"',
      'http.https://x.sslVerify',
      /git config http\.https:\/\/x\.sslVerify false/,
      null,
    ],
    ['RUN npm c set strict-ssl false', 'strict-ssl', /npm config set strict-ssl false/, null],
    ['RUN npm config set strict-ssl=false -g', 'strict-ssl=false', /for every later command/, null],
    ['RUN yarn config set enableStrictSsl false', 'enableStrictSsl', /yarn config set enableStrictSsl false/, null],
    ['RUN pnpm install --no-strict-ssl', '--no-strict-ssl', /certificate verification for pnpm/, 'RUN pnpm install'],
    ['RUN npm --strict-ssl false install', '--strict-ssl', /certificate verification for npm/, 'RUN npm install'],
    ['RUN pip config set global.trusted-host pypi.internal', 'global.trusted-host', /pip config set/, null],
    [
      'RUN uv pip install --allow-insecure-host pypi.internal x',
      '--allow-insecure-host',
      /certificate verification for uv/,
      'RUN uv pip install x',
    ],
    ['RUN conda config --set ssl_verify no', 'ssl_verify', /conda config --set ssl_verify no/, null],
    ['RUN composer config -g secure-http false', 'secure-http', /composer config secure-http false/, null],
    ['RUN mvn -B -Dmaven.wagon.http.ssl.insecure=true package', '-Dmaven.wagon.http.ssl.insecure=true', /for mvn/, 'RUN mvn -B package'],
    ['RUN wget -e check_certificate=off https://x', '-e', /certificate verification for wget/, 'RUN wget https://x'],
  ];
  for (const [body, reported, message, after] of cases) {
    test(`fires: ${body}`, () => {
      const text = df(body);
      const found = only(TLS, text);
      assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
      assert.equal(at(text, found[0].at.range), reported);
      assert.match(found[0].message, message);
      if (after === null) {
        assert.equal(found[0].fix, undefined);
      } else {
        assert.equal(found[0].fix?.safety, 'unsafe');
        assert.equal(fixed(text, found[0]), df(after));
      }
    });
  }

  test('near misses: checks left on, flags inside quotes, other commands, local apt repositories', () => {
    for (const body of [
      'RUN yum-config-manager --save --setopt=sslverify=1',
      'RUN yum-config-manager --save --setopt=sslverify=true',
      'RUN dnf install -y --setopt=install_weak_deps=False foo',
      'RUN yum-config-manager --disable sslverify',
      'RUN echo "--nogpgcheck"',
      'RUN echo --nogpgcheck',
      'RUN dnf install python3 | grep --nogpgcheck',
      'RUN yum install -y foo && echo "--setopt=sslverify=0"',
      'RUN apt-get install -y python3 && echo "--allow-unauthenticated"',
      'RUN rpm -i python3.rpm',
      'RUN rpm -qa --nodigest --nosignature',
      'RUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list',
      'RUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://x stable main" > /etc/apt/sources.list.d/x.list',
      'RUN printf "[x]\\ngpgcheck=1\\nsslverify=1\\n" > /etc/yum.repos.d/x.repo',
      "RUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.conf",
      'RUN npm config get strict-ssl',
      'RUN npm install strict-ssl false',
      'RUN npm config set strict-ssl true',
      'RUN npm config set audit false',
      'RUN git config --global http.sslVerify true',
      'RUN pip install --index-url https://pypi.org/simple x',
      'RUN curl --fake https://x',
      'RUN grep -k x /etc/passwd',
    ]) {
      assert.deepEqual(
        only(TLS, df(body)).map((f) => f.message),
        [],
        body,
      );
    }
  });

  test('the same analysis on the commands of a shell script (the front ends of scripts and CI files)', () => {
    const script =
      '#!/bin/sh\nset -e\nexport NODE_TLS_REJECT_UNAUTHORIZED=0\ncurl -k https://x | tar xz\ndnf install -y --nogpgcheck foo\necho "--nogpgcheck"\n';
    const index = new LineIndex(script);
    const commands = parseShellScript(
      { text: script, offsets: [...script].map((_, i) => i) },
      { file: '/p/deploy.sh', index },
    ) as ShellCommand[];
    const reports = commands.flatMap((c) => tlsCommandReports(c));
    assert.deepEqual(
      reports.map((r) => [r.messageId, at(script, r.at.range)]),
      [
        ['export', 'NODE_TLS_REJECT_UNAUTHORIZED=0'],
        ['flag', '-k'],
        ['signature', '--nogpgcheck'],
      ],
    );
    const more = '#!/bin/sh\npip install -i http://mirror.corp/simple x\nwget http://example.org/a.tgz\n';
    const cmds = parseShellScript(
      { text: more, offsets: [...more].map((_, i) => i) },
      { file: '/p/ci.sh', index: new LineIndex(more) },
    ) as ShellCommand[];
    assert.deepEqual(
      cmds.flatMap((c) => insecureDownloadCommandReports(c)).map((r) => [r.messageId, at(more, r.at.range)]),
      [
        ['index', 'http://mirror.corp/simple'],
        ['default', 'http://example.org/a.tgz'],
      ],
    );
  });
});

describe('insecure-download: package indexes over plain HTTP', () => {
  test('pip -i / --index-url= / uv --extra-index-url: reported at the URL, unsafe fix to https://', () => {
    for (const [body, url, after] of [
      [
        'RUN pip install -i http://mirror.corp/simple flask',
        'http://mirror.corp/simple',
        'RUN pip install -i https://mirror.corp/simple flask',
      ],
      [
        'RUN pip3 install --index-url=http://mirror.corp/simple flask',
        'http://mirror.corp/simple',
        'RUN pip3 install --index-url=https://mirror.corp/simple flask',
      ],
      [
        'RUN uv pip install --extra-index-url http://m/simple x',
        'http://m/simple',
        'RUN uv pip install --extra-index-url https://m/simple x',
      ],
    ]) {
      const text = df(body);
      const [f, ...rest] = only('insecure-download', text);
      assert.equal(rest.length, 0, body);
      assert.equal(at(text, f.at.range), url);
      assert.match(f.message, /installs packages from .* over plain HTTP/);
      assert.equal(f.fix?.safety, 'unsafe');
      assert.equal(fixed(text, f), df(after));
    }
  });

  test('PIP_INDEX_URL=http://… by ENV, ARG and a prefix; no fix', () => {
    const text = df(
      'ENV PIP_INDEX_URL=http://m/simple\nARG PIP_EXTRA_INDEX_URL=http://n/simple\nRUN PIP_INDEX_URL=http://o/simple pip install x',
    );
    const found = only('insecure-download', text);
    assert.deepEqual(
      found.map((f) => at(text, f.at.range)),
      ['PIP_INDEX_URL=http://m/simple', 'PIP_EXTRA_INDEX_URL=http://n/simple', 'PIP_INDEX_URL=http://o/simple'],
    );
    assert.ok(found.every((f) => !f.fix));
  });

  test('near misses: https, localhost, a variable', () => {
    for (const body of [
      'RUN pip install -i https://mirror/simple x',
      'RUN pip install --extra-index-url http://localhost:8080/simple x',
      'RUN pip install -i "$INDEX" x',
      'ENV PIP_INDEX_URL=https://m/simple',
    ]) {
      assert.deepEqual(only('insecure-download', df(body)), [], body);
    }
  });
});

describe('credential names in ENV and ARG', () => {
  test('well-known names fire in ENV (with a value) and ARG (always)', () => {
    const text = df(
      'ARG AWS_ACCESS_KEY_ID\nARG AWS_SECRET_ACCESS_KEY\nENV GITHUB_TOKEN=ghp_x\nARG NPM_TOKEN\nENV AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nARG ARTIFACTORY_PSW',
    );
    const found = only('plaintext-secret', text);
    assert.deepEqual(
      found.map((f) => at(text, f.at.range)),
      ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN=ghp_x', 'NPM_TOKEN', 'AWS_ACCESS_KEY_ID=AKIAEXAMPLE', 'ARTIFACTORY_PSW'],
    );
    assert.match(found[0].message, /RUN --mount=type=secret/);
    assert.match(found[2].message, /RUN --mount=type=secret/);
  });

  test('near misses: *_FILE names, public values, user names, booleans, empty ENV', () => {
    for (const body of [
      'ARG MY_PASSWORD_FILE',
      'ENV MY_PASSWORD_FILE=/run/secrets/pw',
      'ARG PUBLIC_TOKEN',
      'ENV NEXT_PUBLIC_API_KEY=pk_live_x',
      'ARG ARTIFACTORY_USR',
      'ENV ALLOW_EMPTY_PASSWORD=yes',
      'ENV DB_PASSWORD=""',
      'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
    ]) {
      assert.deepEqual(only('plaintext-secret', df(body)), [], body);
    }
  });
});

describe('credentials files: the variable holds a path; the finding is the file COPY puts there', () => {
  test('a credentials path under a COPY destination (WORKDIR applied), and COPY into $AWS_CONFIG_FILE', () => {
    const text = df(
      'WORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=./keys/sa.json\nARG AWS_CONFIG_FILE=/root/.aws/config\nCOPY aws-config $AWS_CONFIG_FILE',
    );
    const found = only('plaintext-secret', text);
    assert.deepEqual(
      found.map((f) => [at(text, f.at.range), f.message.split(':')[0]]),
      [
        [
          'GOOGLE_APPLICATION_CREDENTIALS=./keys/sa.json',
          'GOOGLE_APPLICATION_CREDENTIALS=./keys/sa.json points to a credentials file that COPY puts into the image',
        ],
        ['$AWS_CONFIG_FILE', 'COPY puts a file where AWS_CONFIG_FILE tells tools to read credentials'],
      ],
    );
  });

  test('near misses: a path nothing copies to, a file mounted at run time, a builder stage copy, Compose', () => {
    for (const body of [
      'COPY src /src\nENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json',
      'ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp',
      'ARG GOOGLE_APPLICATION_CREDENTIALS',
      'WORKDIR /srv\nCOPY . .\nENV KUBECONFIG=/etc/kube/config',
    ]) {
      assert.deepEqual(only('plaintext-secret', df(body)), [], body);
    }
    const staged =
      'FROM alpine:3.20 AS build\nCOPY . /app/\nFROM alpine:3.20\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\nUSER 10001\n';
    assert.deepEqual(only('plaintext-secret', staged), []);
    const compose = 'services:\n  web:\n    image: a:1\n    environment:\n      GOOGLE_APPLICATION_CREDENTIALS: /run/secrets/gcp.json\n';
    assert.deepEqual(
      lintText({ file: '/p/compose.yaml', text: compose, kind: 'compose' }).findings.filter((f) => f.rule === 'plaintext-secret'),
      [],
    );
  });
});

describe('ONBUILD instructions are analysed as the instruction they carry', () => {
  test('ONBUILD RUN: sudo, curl -k; ONBUILD ENV / ARG: TLS variables and credentials; ONBUILD ADD http://', () => {
    const text = df(
      'ONBUILD RUN sudo apt-get update\nONBUILD RUN curl -k https://x\nONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0\nONBUILD ARG NPM_TOKEN\nONBUILD ADD http://example.org/x.tgz /x.tgz',
    );
    const found = lint(text).filter((f) => ['sudo-in-run', TLS, 'plaintext-secret', 'insecure-download'].includes(f.rule));
    assert.deepEqual(
      found.map((f) => [f.rule, at(text, f.at.range)]),
      [
        ['sudo-in-run', 'sudo'],
        [TLS, '-k'],
        [TLS, 'NODE_TLS_REJECT_UNAUTHORIZED=0'],
        ['plaintext-secret', 'NPM_TOKEN'],
        ['insecure-download', 'http://example.org/x.tgz'],
      ],
    );
    // Dropping the only entry of an ONBUILD ENV drops the ONBUILD line.
    assert.equal(fixed(text, found[2]), text.replace('ONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n', ''));
  });

  test("an ONBUILD ENV does not change this image's variables; ONBUILD with nothing after it is ignored", () => {
    const text = 'FROM alpine:3.20\nARG TAG=3.20\nONBUILD ENV TAG=latest\nONBUILD\nFROM alpine:${TAG}\n';
    assert.deepEqual(only('image-unpinned', text), []);
  });

  test('ONBUILD RUN apt-get install sudo: a package name is not sudo', () => {
    assert.deepEqual(only('sudo-in-run', df('ONBUILD RUN apt-get install -y sudo')), []);
  });
});

describe('removing an ENV or ARG entry keeps the instruction valid', () => {
  const cases: [string, string][] = [
    ['ENV NODE_TLS_REJECT_UNAUTHORIZED=0 \\\n    A=1 \\\n    B=2', 'ENV A=1 \\\n    B=2'],
    ['ENV A=1 \\\n    NODE_TLS_REJECT_UNAUTHORIZED=0 \\\n    B=2', 'ENV A=1 \\\n    B=2'],
    ['ENV A=1 \\\n    B=2 \\\n    NODE_TLS_REJECT_UNAUTHORIZED=0', 'ENV A=1 \\\n    B=2'],
    ['  ENV NODE_TLS_REJECT_UNAUTHORIZED 0', ''],
  ];
  for (const [body, after] of cases) {
    test(body.replace(/\n/g, '⏎'), () => {
      const text = df(body);
      const [f] = only(TLS, text);
      const result = fixed(text, f);
      assert.equal(result, after === '' ? 'FROM alpine:3.20\nUSER 10001\n' : df(after));
      const parsed = parseDockerfile(FILE, result);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(only(TLS, result), []);
    });
  }

  test('the last line of a file without a line break, and CRLF', () => {
    const last = 'FROM alpine:3.20\nUSER 10001\nENV GIT_SSL_NO_VERIFY=1';
    assert.equal(fixed(last, only(TLS, last)[0]), 'FROM alpine:3.20\nUSER 10001');
    const crlf = 'FROM alpine:3.20\r\nENV A=1 \\\r\n    GIT_SSL_NO_VERIFY=1\r\nUSER 10001\r\n';
    assert.equal(fixed(crlf, only(TLS, crlf)[0]), 'FROM alpine:3.20\r\nENV A=1\r\nUSER 10001\r\n');
  });
});

describe('image references: digests that are not digests, COPY --from and RUN --mount images', () => {
  const D = '7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb';
  test('a short or upper-case digest pins nothing', () => {
    const short = 'FROM ruby@sha256:f1dbca0f5dbc9\nUSER 10001\n';
    const [f] = only('image-unpinned', short);
    assert.match(f.message, /ruby@sha256:f1dbca0f5dbc9 has a digest that is not one \(sha256:f1dbca0f5dbc9/);
    for (const ref of [`debian:12.6@sha256:${D.slice(0, 63)}`, `debian:12.6@sha256:${D.toUpperCase()}`, `debian:12.6@md5:${D}`]) {
      const text = `FROM ${ref}\nUSER 10001\n`;
      assert.equal(only('image-no-digest', text).length, 1, ref);
      assert.match(only('image-no-digest', text)[0].message, /digest that is not one/);
    }
  });

  test('a full sha256 or sha512 digest pins, with or without a tag', () => {
    for (const ref of [`debian@sha256:${D}`, `debian:latest@sha256:${D}`, `debian:12@sha512:${D}${D}`]) {
      const text = `FROM ${ref}\nUSER 10001\n`;
      assert.deepEqual(
        lint(text).filter((f) => f.rule.startsWith('image-')),
        [],
        ref,
      );
    }
  });

  test('COPY --from=<image> and RUN --mount=...,from=<image> are image pulls; stages, indices and variables are not', () => {
    const text =
      'FROM golang:1.22.5 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\nCOPY --from=0 /a /a\n' +
      'COPY --from=nginx:latest /etc/nginx /etc/nginx\nCOPY --from=${IMG} /x /x\n' +
      'RUN --mount=type=bind,from=ghcr.io/acme/tools:1.0,target=/t /t/run\nRUN --mount=type=cache,target=/c,from=build true\nUSER 10001\n';
    assert.deepEqual(
      only('image-unpinned', text).map((f) => [at(text, f.at.range), f.message.split(':')[0]]),
      [['nginx:latest', 'COPY --from=nginx']],
    );
    assert.deepEqual(
      only('image-no-digest', text).map((f) => at(text, f.at.range)),
      ['golang:1.22.5', 'alpine:3.20', 'ghcr.io/acme/tools:1.0'],
    );
    assert.deepEqual(
      only('untrusted-registry', text, { trustedRegistries: ['docker.io/library'] }).map((f) => f.message),
      [
        'RUN --mount from=ghcr.io/acme/tools:1.0 (ghcr.io/acme/tools) is outside the trusted registries (docker.io/library): its content and publisher are not vetted',
      ],
    );
  });

  test('trusted registries: *.example.com trusts its subdomains, * trusts everything', () => {
    const text = 'FROM foo.example.com/a/b:1\nFROM example.com/c:1\nFROM evilexample.com/d:1\nUSER 10001\n';
    assert.deepEqual(
      only('untrusted-registry', text, { trustedRegistries: ['*.example.com'] }).map((f) => at(text, f.at.range)),
      ['example.com/c:1', 'evilexample.com/d:1'],
    );
    assert.deepEqual(only('untrusted-registry', text, { trustedRegistries: ['*'] }), []);
    assert.deepEqual(
      only('untrusted-registry', text, { trustedRegistries: ['*.example.com/a'] }).map((f) => at(text, f.at.range)),
      ['example.com/c:1', 'evilexample.com/d:1'],
    );
  });
});
