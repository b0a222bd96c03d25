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
# The whole suite on MkDocs; beside it, a smoke set of the tests of the built site on ProperDocs
# and on Zensical (README, "Engines"; SITE_SMOKE in tests/conftest.py), at a lower priority, so that they use what the
# main run leaves of the two cores; each has its own temporary folders.
RUNS="$(mktemp -d)"
trap 'jobs -pr | xargs -r kill 2>/dev/null; rm -rf "$RUNS"' EXIT
# One engine after the other, in one background job at a lower priority: two at once beside the
# two workers slowed the whole suite by half.
(
  for engine in properdocs zensical; do
    RICHTLIJNEN_TEST_ENGINE=$engine nice -n 10 "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
      --basetemp "$RUNS/$engine" >"$RUNS/$engine.log" 2>&1
    echo $? >"$RUNS/$engine.status"
  done
) &
engines=$!
echo "==> pytest (MkDocs; ProperDocs and Zensical alongside)"
status=0
# Two workers (pytest-xdist), each taking a whole test file, so a file's fixtures are made once.
"$VENV/bin/python" -m pytest -n 2 --dist loadfile || status=$?
wait "$engines"
for engine in properdocs zensical; do
  echo "==> pytest on $engine: the tests of the built site"
  cat "$RUNS/$engine.log"
  [ "$(cat "$RUNS/$engine.status" 2>/dev/null)" = 0 ] || status=1
done
exit "$status"
