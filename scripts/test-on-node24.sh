#!/usr/bin/env bash
# `npm run test:node24`: the whole suite once more on the newest Node 24 LTS from the npm registry
# (the runtime is Node 22 through the `node` package, ADR 0016; 24 is the next LTS we must keep
# working on). The binary is installed once under node_modules/.cache/node24 and put first on PATH,
# so the tests and everything they spawn (npx tsx …) run on it. Arguments go to vitest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
prefix=node_modules/.cache/node24
if [ ! -x "$prefix/node_modules/.bin/node" ] || ! "$prefix/node_modules/.bin/node" --version | grep -q '^v24\.'; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --no-package-lock node@24 >/dev/null
fi
export PATH="$PWD/$prefix/node_modules/.bin:$PATH"
echo "running the suite on Node $(node --version)"
exec node node_modules/vitest/vitest.mjs run "$@"
