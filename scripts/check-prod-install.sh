#!/usr/bin/env bash
# A production install, checked without a container: the same steps as the Dockerfile.
#   1. build stage:   npm run build (here: only when dist/ is stale) in the checkout
#   2. runtime stage: copy what the image holds (package*.json, dist/, bin/, instruments/, forms/, workflows/, seed/,
#                     scripts/build*.mjs) into a temporary directory, `npm ci --omit=dev --ignore-scripts`
#   3. start it with NODE_ENV=production via `npm start`, wait for /api/health, run `pandu --version`
#      and `pandu score`, stop it.
# Exit 0 when all of that works. Used by .ci/run; `npm run check:prod-install` runs it by hand.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pandu-prod-install-XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== build (if stale)"
node "$root/scripts/build.mjs" --if-stale

echo "== runtime tree in $tmp/app"
app="$tmp/app"
mkdir -p "$app/scripts"
cp "$root/package.json" "$root/package-lock.json" "$app/"
cp -R "$root/dist" "$root/bin" "$root/instruments" "$root/forms" "$root/workflows" "$root/seed" "$app/"
cp "$root/scripts/build.mjs" "$root/scripts/build-stamp.mjs" "$app/scripts/"
(cd "$app" && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error)
for dev in tsx vite esbuild typescript vitest; do
  if [ -e "$app/node_modules/$dev" ]; then echo "devDependency $dev was installed by npm ci --omit=dev"; exit 1; fi
done

echo "== pandu --version, pandu score"
version="$(cd "$app" && node bin/pandu.js --version)"
expected="$(node -p "require('$root/package.json').version")"
[ "$version" = "$expected" ] || { echo "pandu --version printed '$version', expected '$expected'"; exit 1; }
node -e 'console.log(JSON.stringify(Object.fromEntries(Array.from({length:47},(_,i)=>[String(i+1),3]))))' > "$tmp/levels.json"
(cd "$app" && node bin/pandu.js score --instrument permenpanrb-59-2020 --levels "$tmp/levels.json") | grep -q '"predicate": *"Baik"' || { echo "pandu score failed"; exit 1; }

echo "== npm start with NODE_ENV=production"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
cd "$app"
# Its own process group (setsid), so that stopping it stops npm and the server under it.
NODE_ENV=production PANDU_DATA_DIR="$tmp/data" PORT="$port" HOST=127.0.0.1 LOG_LEVEL=warn setsid npm start >"$tmp/server.log" 2>&1 &
pid=$!
cd "$root"
for _ in $(seq 1 180); do
  if body="$(curl -sf "http://127.0.0.1:$port/api/health" 2>/dev/null)"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "the server exited:"; cat "$tmp/server.log"; exit 1; fi
  sleep 1
done
[ -n "${body:-}" ] || { echo "no answer from /api/health:"; cat "$tmp/server.log"; exit 1; }
echo "/api/health: $body"
echo "$body" | grep -q '"status":"ok"' || { echo "unhealthy"; cat "$tmp/server.log"; exit 1; }
curl -sf "http://127.0.0.1:$port/" | grep -qi "<html" || { echo "the web app is not served"; exit 1; }
if grep -qi "akun demo\|demo accounts" "$tmp/server.log"; then echo "NODE_ENV=production created demo accounts"; exit 1; fi
echo "production install OK"
