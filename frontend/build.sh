#!/bin/sh
# Build LondonConnects' front-end assets and copy them into static/.
#
#   frontend/build.sh          (from anywhere; rerunnable)
#
# Installs govuk-frontend, accessible-autocomplete and sass from package-lock.json, compiles
# scss/site.scss, and writes the committed outputs:
#   static/css/site.css              compiled, compressed stylesheet
#   static/js/govuk-frontend.min.js  GOV.UK Frontend's ES module bundle
#   static/js/init.js                starts GOV.UK Frontend (no inline script)
#   static/js/accessible-autocomplete.min.js   GOV.UK's accessible-autocomplete,
#   static/css/accessible-autocomplete.min.css its styles (the admin's type-ahead pickers,
#                                    started by static/js/pickers.js)
#   static/assets/                   images the CSS and base template use
# Only LondonConnects' own images are shipped: none of GOV.UK's crown, crest,
# icons or GDS Transport fonts.
set -eu

FRONTEND_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT_DIR=$(dirname "$FRONTEND_DIR")
STATIC_DIR="$ROOT_DIR/static"
PKG_DIR="$FRONTEND_DIR/node_modules/govuk-frontend/dist/govuk"
AUTOCOMPLETE_DIR="$FRONTEND_DIR/node_modules/accessible-autocomplete/dist"

cd "$FRONTEND_DIR"

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts
else
  npm install --no-audit --no-fund --ignore-scripts
fi

npm run --silent build

mkdir -p "$STATIC_DIR/css" "$STATIC_DIR/js" "$STATIC_DIR/assets/images"

cp build/site.css "$STATIC_DIR/css/site.css"

# Drop the sourceMappingURL comment: the .map is not shipped, and
# ManifestStaticFilesStorage would fail on a reference to a missing file.
sed -e 's|//# sourceMappingURL=[^ ]*$||' "$PKG_DIR/govuk-frontend.min.js" \
  > "$STATIC_DIR/js/govuk-frontend.min.js"

cp js/init.js "$STATIC_DIR/js/init.js"

# accessible-autocomplete, likewise without its source map comments.
sed -e 's|//# sourceMappingURL=[^ ]*$||' "$AUTOCOMPLETE_DIR/accessible-autocomplete.min.js" \
  > "$STATIC_DIR/js/accessible-autocomplete.min.js"
sed -e 's|/\*# sourceMappingURL=[^*]*\*/||' "$AUTOCOMPLETE_DIR/accessible-autocomplete.min.css" \
  > "$STATIC_DIR/css/accessible-autocomplete.min.css"

# LondonConnects' own icons and web app manifest (sources in frontend/).
cp images/* "$STATIC_DIR/assets/images/"
cp manifest.json "$STATIC_DIR/assets/manifest.json"

# Every url() in the stylesheet must resolve to a file under static/.
node check-css-urls.mjs "$STATIC_DIR/css/site.css"
node check-css-urls.mjs "$STATIC_DIR/css/accessible-autocomplete.min.css"

echo "Front-end built into $STATIC_DIR"
