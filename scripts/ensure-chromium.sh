#!/usr/bin/env bash
# Makes sure Debian's Chromium and ChromeDriver are installed (browser tests and the demo need them).
# As root it installs them with apt-get; otherwise it says what to run. It never downloads a browser
# build of its own.
set -euo pipefail

have() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }

if have; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian's chromium and chromium-driver..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q chromium chromium-driver >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Installing Debian's chromium and chromium-driver (sudo)..." >&2
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >&2
fi
if ! have; then
  echo "Chromium and ChromeDriver are required: run 'apt-get install -y chromium chromium-driver' as root." >&2
  exit 1
fi
