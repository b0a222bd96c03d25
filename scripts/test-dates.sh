#!/usr/bin/env bash
# Run the tests with the clock set to other days (libfaketime), to show that nothing depends on
# the date. By hand, not in CI:
#
#   ./scripts/test-dates.sh                          the date-sensitive tests at each day below
#   ./scripts/test-dates.sh "2031-03-31 12:00:00"    ... at the days given instead
#
# The date-sensitive tests are the ones that print or compare dates: tests/test_dates.py (the build
# date, SOURCE_DATE_EPOCH, dates in the PDFs), tests/test_pdf.py (the session's site build and its
# PDFs), tests/test_golden.py and tests/test_pdf_cache.py (output and cache keys at a fixed date),
# the release tests (git tags and the change page and feed carry dates) and the checklist print
# heading (build date and print date); 2 to 3 minutes a day. The other tests read no date, and the
# whole suite does not survive a faked clock: with the monotonic clock faked too, a thread's wait
# with a timeout never returns (tests/test_serve.py hangs), and with only the date faked, Chromium's
# pages time out. The browser tests chosen here pass with both clocks faked.
# It expects the test needs to be installed (./scripts/test.sh or ./scripts/pytest.sh does that).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
apt_install faketime
cd "$ROOT"

DAYS=(
  "2026-12-01 10:00:00"  # a PDF broke "1 de-cember 2026" over two lines that day
  "2026-09-30 12:00:00"  # the longest Dutch month name
  "2027-02-28 12:00:00"
  "2028-02-29 12:00:00"  # a leap day
  "2026-12-31 23:59:30"  # the year ends during the run
  "2030-01-01 00:00:00"
)
[ $# -gt 0 ] && DAYS=("$@")
TESTS=(
  tests/test_dates.py tests/test_pdf.py tests/test_golden.py tests/test_pdf_cache.py
  tests/test_release.py tests/test_release_published.py tests/test_release_changes.py tests/test_release_safety.py
  "tests/test_checklists.py::test_print_shows_black_boxes_the_print_heading_and_no_navigation"
)

# The clock, not a build date from the caller's shell, is what these runs are about.
unset SOURCE_DATE_EPOCH
# Temporary folders of these runs' own: pytest removes all but the newest three of its shared
# /tmp/pytest-of-$USER folders, also those of a run that is still going on.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=()
for index in "${!DAYS[@]}"; do
  day="${DAYS[$index]}"
  echo "==> pytest with the clock at $day"
  # faketime starts the clock at that moment and lets it run.
  if ! faketime "$day" "$VENV/bin/python" -m pytest -q -p no:cacheprovider --basetemp "$scratch/$index" "${TESTS[@]}"; then
    failed+=("$day")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  printf '==> failed at: %s\n' "${failed[@]}"
  exit 1
fi
echo "==> passed at all ${#DAYS[@]} days"
