#!/usr/bin/env bash
# Fetch the web page's browser assets from npm at pinned versions (checked against the lock file's
# hashes) and copy the files it serves into src/ondit/web/static/vendor/, so that `ondit serve`
# needs no internet. Safe to run again: it does nothing when the pins have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."

pins=scripts/vendor
build=build/npm
vendor=src/ondit/web/static/vendor
stamp=$vendor/.stamp
wanted=$(cat "$pins/package.json" "$pins/package-lock.json" "$0" | sha256sum | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ondit's web assets need npm (Node.js) to be fetched once: install it and run $0 again" >&2
  exit 2
fi

rm -rf "$build"
mkdir -p "$build"
cp "$pins/package.json" "$pins/package-lock.json" "$build/"
# --ignore-scripts: nothing from the registry runs here, only files are copied.
(cd "$build" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

modules=$build/node_modules
rm -rf "$vendor"
mkdir -p "$vendor/leaflet/images" "$vendor/topojson-client" "$vendor/world-atlas" "$vendor/swagger-ui"
cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$modules/leaflet/LICENSE" \
  "$vendor/leaflet/"
cp "$modules"/leaflet/dist/images/*.png "$vendor/leaflet/images/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$modules/topojson-client/LICENSE" \
  "$vendor/topojson-client/"
cp "$modules/world-atlas/countries-50m.json" "$modules/world-atlas/LICENSE" "$vendor/world-atlas/"
cp "$modules/swagger-ui-dist/swagger-ui-bundle.js" "$modules/swagger-ui-dist/swagger-ui.css" \
  "$modules/swagger-ui-dist/LICENSE" "$vendor/swagger-ui/"
[ -f "$modules/swagger-ui-dist/NOTICE" ] && cp "$modules/swagger-ui-dist/NOTICE" "$vendor/swagger-ui/"
echo "$wanted" > "$stamp"
echo "web assets copied to $vendor/" >&2
