#!/usr/bin/env bash
# Runs the demo on embedded defaults: an in-process provider emulator (and, as the integrations grow,
# the local demo site in headless Chromium). Installs Debian's chromium + chromium-driver first when
# missing (as root), builds the project without tests, then runs the demo. It checks its own results
# and exits non-zero when one is wrong.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-chromium.sh
./mvnw -B -q -ntp install -DskipTests
exec ./mvnw -B -q -ntp -pl samples exec:java
