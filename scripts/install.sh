#!/usr/bin/env bash
# Quick start, step 1: install everything needed to build, then build the site and PDF
# from the bundled content.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_base
cd "$ROOT"
"$VENV/bin/richtlijnen" build
