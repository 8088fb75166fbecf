#!/usr/bin/env bash
# Installs Debian's chromium for the end-to-end browser tests when it is missing and we are root.
# Where it cannot, says so: the browser tests then skip (except under CI, where they must run).
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install chromium: the browser tests will be skipped."
else
  echo "chromium is not installed and this is not root: the browser tests will be skipped."
fi
exit 0
