#!/usr/bin/env bash
# Runs the whole test suite: unit, contract (WireMock, provider emulator) and real headless-Chromium tests.
# Installs Debian's chromium + chromium-driver first when missing (as root). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-chromium.sh
exec ./mvnw -B -ntp verify "$@"
