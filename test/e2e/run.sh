#!/usr/bin/env bash
# `npm run test:e2e`: installs what the e2e suites need (Debian packages only when a binary is missing, the harness's
# own npm deps in test/e2e), packages the VSIX, then runs the VS Code, Neovim and Emacs suites (test/e2e/run.js).
# Extra arguments select suites: vscode exthost neovim emacs. Set E2E_SKIP_PACKAGE=1 to reuse an existing VSIX.
set -euo pipefail
E2E=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$E2E/../.." && pwd)
cd "$REPO"
mkdir -p "$E2E/.run"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v nvim >/dev/null || need_apt+=(neovim)
command -v emacs >/dev/null || need_apt+=(emacs-nox)
[ -d /usr/share/emacs/site-lisp/elpa-src ] && ls /usr/share/emacs/site-lisp/elpa-src | grep -q '^eglot-' || need_apt+=(elpa-eglot)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v pstree >/dev/null || need_apt+=(psmisc)
command -v timeout >/dev/null || need_apt+=(coreutils)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null && command -v make >/dev/null || need_apt+=(g++ make)
command -v python3 >/dev/null || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -f "$E2E/node_modules/code-server/out/node/entry.js" ] || [ ! -d "$E2E/node_modules/playwright-core" ]; then
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the archive: seed it
  # with Debian's rg. The cache lives in os.tmpdir().
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$RG_TGZ" ]; then
    seed=$(mktemp -d); mkdir -p "$RG_CACHE"; cp "$(command -v rg)" "$seed/rg"
    tar czf "$RG_TGZ" -C "$seed" rg; rm -rf "$seed"
  fi
  echo "e2e: npm ci in test/e2e (code-server 4.100.3, playwright-core; ~90 s)"
  ( cd "$E2E" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund > "$E2E/.run/npm-ci.log" 2>&1 ) \
    || { tail -40 "$E2E/.run/npm-ci.log"; echo "e2e: 0 passed, 1 failed"; exit 1; }
fi

if [ "${E2E_SKIP_PACKAGE:-0}" != 1 ]; then
  echo "e2e: npm run package"
  npm run package > "$E2E/.run/package.log" 2>&1 || { tail -40 "$E2E/.run/package.log"; echo "e2e: 0 passed, 1 failed"; exit 1; }
  tail -3 "$E2E/.run/package.log"
fi

exec node "$E2E/run.js" "$@"
