#!/usr/bin/env bash
# Installs the npm packages if needed, builds the page and serves it with
# its bundled samples and model on http://127.0.0.1:4173 (or $PORT).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npx vite build --logLevel warn
echo "EventLens: open http://127.0.0.1:${PORT:-4173}/"
exec npx vite preview --host "${HOST:-127.0.0.1}" --port "${PORT:-4173}" --strictPort
