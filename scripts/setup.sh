#!/usr/bin/env bash
# Create .venv and install hemeroteca with its pinned dependencies (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import hemeroteca, pytest" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.installed ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e '.[test]'
  touch .venv/.installed
fi
