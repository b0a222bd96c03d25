#!/usr/bin/env bash
# The quick development loop: pytest with your arguments (e.g. `-x -q tests/test_check_cli.py`).
# install.sh installs what the site needs, not the test needs; they are installed here on first use.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if ! "$VENV/bin/python" -c "import pytest, xdist, playwright, hypothesis, pypdf, setuptools.command.bdist_wheel" >/dev/null 2>&1 \
  || [ ! -d "$ROOT/node_modules/axe-core" ] || ! command -v chromium >/dev/null 2>&1; then
  install_base
  install_test
fi
cd "$ROOT"
exec "$VENV/bin/python" -m pytest "$@"
