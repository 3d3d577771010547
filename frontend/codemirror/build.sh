#!/bin/sh
# Builds static/codemirror/editor.min.js (one minified IIFE: CodeMirror 6 and the five languages of
# the exercises) and editor.min.js.LICENSE.txt (the bundled packages' MIT notices) from editor.js.
# The built files are committed: `make run` needs no npm. Run it again after changing editor-core.js,
# editor.js or a version in package.json (then `npm install` to update package-lock.json).
# Needs Node >= 18 and npm; versions come from package-lock.json (npm ci).
set -eu
cd "$(dirname "$0")"

# --ignore-scripts: nothing to run; esbuild's binary comes from its optional
# @esbuild/<platform> package, which the lockfile pins too.
npm ci --ignore-scripts --no-audit --no-fund

out=../../static/codemirror
mkdir -p "$out" build
./node_modules/.bin/esbuild editor.js \
  --bundle --minify --format=iife --target=es2019 \
  --legal-comments=eof \
  --banner:js='/*! Tremplin code editor. Bundles CodeMirror 6 and Lezer (MIT License, (c) Marijn Haverbeke and others); notices in editor.min.js.LICENSE.txt */' \
  --metafile=build/editor.meta.json \
  --outfile="$out/editor.min.js"
node licenses.mjs build/editor.meta.json > "$out/editor.min.js.LICENSE.txt"

# The bundle must at least parse as a classic script.
node -e "require('vm').createScript(require('fs').readFileSync(process.argv[1],'utf8'))" "$out/editor.min.js"

size() {
  raw=$(wc -c < "$1")
  gz=$(gzip -9 -n -c "$1" | wc -c)
  if command -v brotli >/dev/null 2>&1; then
    br=$(brotli -q 11 -c "$1" | wc -c)
  else # Node's zlib has Brotli
    br=$(node -e "const z=require('zlib');process.stdout.write(String(z.brotliCompressSync(require('fs').readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))" "$1")
  fi
  printf '%-40s raw %8d  gzip -9 %7d  brotli -q 11 %7d\n' "$1" "$raw" "$gz" "$br"
}
size "$out/editor.min.js"
