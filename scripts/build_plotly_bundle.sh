#!/usr/bin/env bash
# plotly.js cut to the charts' traces (bar, choropleth, scattergeo; scatter comes with the core),
# for the pages' maps and charts (lianes_dash/ui/plotly_frame.py): ~1.4 MB instead of the 4.7 MB
# of Streamlit's chunk. Writes static/plotly/plotly-lianes.min.js and its PROVENANCE.md.
#
# Needs node and npm (the npm registry, at build time only; the app never fetches anything).
# The version follows the plotly.js the installed Python plotly bundles, so the maps and the
# downloadable deck draw with the same code. Run again after upgrading plotly, then commit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/static/plotly"
PLOTLY_JS_VERSION="${PLOTLY_JS_VERSION:-$(python3 -c "import plotly.offline as o; print(o.get_plotlyjs_version())")}"
ESBUILD_VERSION="0.28.2"
TRACES=(bar choropleth scattergeo)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
echo '{"name": "plotly-lianes-build", "private": true}' >package.json
npm install --no-audit --no-fund --silent "plotly.js@$PLOTLY_JS_VERSION" "esbuild@$ESBUILD_VERSION"
{
  echo "'use strict';"
  echo "var Plotly = require('plotly.js/lib/core');"
  echo "Plotly.register(["
  for trace in "${TRACES[@]}"; do echo "  require('plotly.js/lib/$trace'),"; done
  echo "]);"
  echo "module.exports = Plotly;"
} >entry.js
# NOTE: maplibre's stylesheet, pulled in by the core, is for map traces we do not draw (.css=empty).
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --target=es2017 \
  --legal-comments=none --loader:.css=empty --define:process.env.NODE_ENV='"production"' \
  --define:global=window --log-level=error --outfile=bundle.js
mkdir -p "$OUT"
{
  echo "/*! plotly.js v$PLOTLY_JS_VERSION (traces: ${TRACES[*]}) | Copyright 2012-2026, Plotly, Inc. | MIT License */"
  cat bundle.js
} >"$OUT/plotly-lianes.min.js"
cp node_modules/plotly.js/LICENSE "$OUT/LICENSE-plotly.js"
SHA="$(sha256sum "$OUT/plotly-lianes.min.js" | cut -d' ' -f1)"
SIZE="$(stat -c %s "$OUT/plotly-lianes.min.js")"
cat >"$OUT/PROVENANCE.md" <<MD
# plotly.js réduit aux tracés des graphiques (\`plotly-lianes.min.js\`)

| | |
|---|---|
| Producteur | Plotly, Inc. (plotly.js) ; paquet réduit par \`scripts/build_plotly_bundle.sh\` |
| Source | paquet npm \`plotly.js@$PLOTLY_JS_VERSION\` (registre npm), regroupé et minifié par \`esbuild@$ESBUILD_VERSION\` |
| Contenu | \`plotly.js/lib/core\` (dont le tracé \`scatter\`) et les tracés ${TRACES[*]} ; ni feuille de style MapLibre ni calendriers |
| Licence | MIT (\`LICENSE-plotly.js\`, copiée du paquet) |
| Commande | \`scripts/build_plotly_bundle.sh\` (version de plotly.js : celle du paquet Python plotly installé) |
| Taille | $SIZE octets |
| SHA-256 | \`$SHA\` |
| Date | $(date -u +%Y-%m-%d) |

Ne jamais modifier ce fichier à la main : relancer le script, qui le réécrit avec cette fiche.
MD
echo "$OUT/plotly-lianes.min.js: $SIZE bytes, sha256 $SHA"
