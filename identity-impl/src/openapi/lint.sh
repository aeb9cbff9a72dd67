#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly's CLI, at the version package-lock.json pins (installed once per target
# directory: later builds reuse it). Usage: lint.sh <work directory> <document>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$1
doc=$2
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/redocly.yaml" "$work/"
cd "$work"
if [ ! -x node_modules/.bin/redocly ]; then
  npm ci --no-audit --no-fund --loglevel=error > npm-ci.log 2>&1 || { cat npm-ci.log; exit 1; }
fi
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint --config redocly.yaml \
  --format=stylish "$doc"
