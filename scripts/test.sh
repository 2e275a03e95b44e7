#!/usr/bin/env bash
# Installs what the tests need (Debian's Chromium, the npm packages) and
# runs every test: static checks, unit tests, then end-to-end tests in
# Chromium against the production build. Used by `npm test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "== installing Debian's chromium"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

echo "== installing npm packages"
npm ci --no-audit --no-fund --loglevel=error
node scripts/check-install.mjs

echo "== static checks"
npx tsc --noEmit -p tsconfig.json
npx eslint .
npx prettier --check . >/dev/null || {
  npx prettier --check .
  exit 1
}

mkdir -p test-reports
echo "== unit tests"
npx vitest run --reporter=default --reporter=json \
  --outputFile.json=test-reports/unit.json

echo "== production build"
npx vite build --logLevel warn

echo "== end-to-end tests (Chromium: WASM and WebGPU)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-reports/e2e.json \
  npx playwright test --reporter=list,json

node scripts/test-summary.mjs test-reports/unit.json test-reports/e2e.json
