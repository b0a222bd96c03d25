# Shared install steps for scripts/install.sh and scripts/test.sh. Idempotent: safe to re-run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_base() {
  # Debian 12's own Python 3.11, so a fresh machine and this one build with the same interpreter.
  apt_install python3 python3-venv python3-pip
  # WeasyPrint (the PDFs) lays out text with Pango and subsets fonts with HarfBuzz; Noto Sans is
  # the font embedded in them.
  apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    /usr/bin/python3 -m venv "$VENV"
  fi
  echo "==> installing Python packages (pinned in constraints.txt)"
  "$VENV/bin/pip" install -q -c "$ROOT/constraints.txt" -e "$ROOT"
}

install_test() {
  "$VENV/bin/pip" install -q -c "$ROOT/constraints.txt" -e "$ROOT[test]"
  # Debian's Chromium for the browser tests (Playwright drives it; it cannot download its own).
  apt_install chromium fonts-dejavu-core
  # pdftoppm/pdffonts and zbarimg: the PDF tests render pages and decode their QR codes.
  apt_install poppler-utils zbar-tools
  # Node for the site's JavaScript (ESLint, unit tests with node --test) and for axe-core, injected
  # into pages by the accessibility tests. Debian 12's own Node 18 is enough (ESLint 9 needs 18.18).
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  echo "==> npm ci (ESLint, axe-core)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --silent)
}
