#!/bin/sh
# Install Debian's chromium and chromedriver for the browser tests (pytest -m browser).
# Idempotent and quiet: does nothing when both are already there. Never downloads a browser
# any other way (in particular never `playwright install`).
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
/usr/bin/chromium --version
