#!/usr/bin/env bash
# Runs the demo: the testkit's demo site and provider emulator start in process, and every demo page
# (6 captcha widgets x 8 ways a site reacts) is signed in with a good and a bad token in headless Chromium,
# under Selenium and under Playwright. It prints a progress line, then a table of verdicts, feedback and
# provider answers that it checks itself, writes a verdict report (JSON + HTML) and exits non-zero when a
# row is wrong. Options go to the demo, e.g.:
#   ./run-demo.sh --help
#   ./run-demo.sh --non-interactive --engines playwright --pages 'recaptcha-v2/*'
#   ./run-demo.sh --config captcha-feedback.yml      # feedback to your providers, with your keys
# Installs Debian's chromium + chromium-driver first when missing (as root) and builds the project
# without tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-chromium.sh
./mvnw -B -q -ntp install -DskipTests
exec ./mvnw -B -q -ntp -pl samples exec:java -Dexec.args="$*"
