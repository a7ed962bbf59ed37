#!/usr/bin/env bash
# Debian packages some features need: WeasyPrint's Pango (PDF export), poppler-utils (PDF assertions in
# tests), Chromium (browser tests, driven by Playwright; never a downloaded browser) and gettext (the French and
# Spanish catalogues are compiled at install).
# Idempotent: installs only what is missing, and only when it can (root with apt-get).
set -euo pipefail
need=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils chromium gettext; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing ${need[*]} (run as root on Debian/Ubuntu to install); related tests will say so." >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
