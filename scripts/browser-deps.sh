#!/usr/bin/env bash
# Installs what the browser tests (Tests/browser/) need, only when it is missing:
# Debian's chromium, chromium-driver and poppler-utils, and the pinned Python packages from PyPI.
# Used by `make browser-test` and .ci/run. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "Installing chromium and chromium-driver…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
fi

# pdftotext reads the printed matrix back (Tests/browser/test_matrix.py).
if ! command -v pdftotext >/dev/null 2>&1; then
    echo "Installing poppler-utils…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils
fi

# Installed versions must equal the pins; anything else (missing or different) is installed.
if ! "$PYTHON" - Tests/browser/requirements.txt Tests/browser/requirements-axe.txt <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, pinned = line.split("==")
        try:
            if version(name) != pinned:
                sys.exit(1)
        except PackageNotFoundError:
            sys.exit(1)
PY
then
    echo "Installing the browser tests' Python packages…"
    "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore -r Tests/browser/requirements.txt
    "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps --ignore-requires-python \
        -r Tests/browser/requirements-axe.txt
fi
