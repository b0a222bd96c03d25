#!/usr/bin/env bash
# Quick start, step 2: install the test needs and run the whole suite (lint, types, tests).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_base
install_test
cd "$ROOT"
echo "==> ruff"
"$VENV/bin/ruff" check generator tests scripts bench
"$VENV/bin/ruff" format --check generator tests scripts bench
echo "==> mypy"
"$VENV/bin/mypy"
echo "==> eslint"
npx --no-install eslint --max-warnings 0 .
echo "==> node --test (the site's JavaScript)"
node --test tests/js/*.test.js
echo "==> pytest"
"$VENV/bin/python" -m pytest
