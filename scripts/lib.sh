# Shared set-up steps for scripts/serve and scripts/test. Each step installs only what is missing,
# so a fresh machine (or CI's clean clone) gets everything and a warm one pays nothing.
# Sourced, not run.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# The wasm-bindgen version the crate resolved to; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then echo "no wasm-bindgen in Cargo.lock" >&2; exit 1; fi
  if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (takes a few minutes, once)"
    # Without --locked: with it, dependency resolution of the CLI fails on this registry.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (binaryen's wasm-opt, playwright-core, papaparse)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's chromium"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  else
    echo "Chromium is missing: install Debian's chromium package (apt-get install chromium)" >&2
    exit 1
  fi
}

# Compiles the engine to wasm, generates the JS glue and types, optimises, and writes pkg/ as a
# complete npm package; www/pkg/ gets a copy for the page.
build_wasm() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_node_modules
  say "building the engine for wasm32"
  cargo build --lib --release --locked --target wasm32-unknown-unknown --no-default-features
  # The same code built with WebAssembly's 128-bit SIMD (auto-vectorised loops; memchr's and the
  # regex engines' SIMD128 paths), in its own target folder so that neither build undoes the
  # other's cache. worker.js loads it where the browser has SIMD, the baseline build elsewhere.
  say "building the engine for wasm32 with SIMD128"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
    cargo build --lib --release --locked --target wasm32-unknown-unknown --no-default-features \
    --target-dir target/simd128
  say "wasm-bindgen --target web"
  find pkg -mindepth 1 ! -name .gitkeep -delete
  wasm-bindgen --target web --out-dir pkg --out-name datalint \
    target/wasm32-unknown-unknown/release/datalint.wasm
  local simd_out; simd_out="$(mktemp -d)"
  wasm-bindgen --target web --out-dir "$simd_out" --out-name datalint \
    target/simd128/wasm32-unknown-unknown/release/datalint.wasm
  # One set of bindings serves both builds: the generated JavaScript must be the same.
  if ! cmp -s pkg/datalint.js "$simd_out/datalint.js"; then
    rm -rf "$simd_out"
    echo "the SIMD128 build's bindings differ from the baseline's" >&2
    return 1
  fi
  say "wasm-opt (binaryen from npm; Debian's 108 breaks the externref table)"
  local features=(--enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals --enable-multivalue)
  node_modules/.bin/wasm-opt -O3 --strip-debug "${features[@]}" \
    pkg/datalint_bg.wasm -o pkg/datalint_bg.wasm &
  local baseline=$!
  node_modules/.bin/wasm-opt -O3 --strip-debug "${features[@]}" --enable-simd \
    "$simd_out/datalint_bg.wasm" -o pkg/datalint_simd_bg.wasm
  wait "$baseline"
  rm -rf "$simd_out"
  local version; version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
  cat > pkg/package.json <<JSON
{
  "name": "datalint",
  "version": "$version",
  "description": "A linter for training datasets, in WebAssembly: stream a CSV/JSONL file and get quality findings with evidence.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "datalint.js",
  "types": "datalint.d.ts",
  "files": ["datalint.js", "datalint.d.ts", "datalint_bg.wasm", "datalint_simd_bg.wasm", "datalint_bg.wasm.d.ts", "element/", "README.md"],
  "sideEffects": false
}
JSON
  # The element with every module it loads: all .js under www/ (element/, render/ and whatever
  # folder comes next) but the host page's embed.js, the samples and the generated www/pkg/.
  mkdir -p pkg/element
  (cd www && find . -name '*.js' ! -path './pkg/*' ! -path './samples/*' ! -name embed.js -print0 |
    xargs -0 cp --parents -t ../pkg/element/)
  # In the package the engine sits one folder up from the element.
  sed -i 's#"\./pkg/datalint\.js"#"../datalint.js"#; s#"\./pkg/datalint_bg\.wasm"#"../datalint_bg.wasm"#; s#"\./pkg/datalint_simd_bg\.wasm"#"../datalint_simd_bg.wasm"#' pkg/element/worker.js
  cp www/pkg-README.md pkg/README.md
  rm -rf www/pkg && mkdir -p www/pkg && cp pkg/datalint.js pkg/datalint_bg.wasm pkg/datalint_simd_bg.wasm pkg/datalint.d.ts www/pkg/
  say "pkg/: $(du -h pkg/datalint_bg.wasm | cut -f1) of wasm, $(du -h pkg/datalint_simd_bg.wasm | cut -f1) with SIMD128"
}
