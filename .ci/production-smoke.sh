#!/usr/bin/env bash
# Production smoke test: does the built app start from only what production ships?
#
# Mirrors the Dockerfile: build, copy package.json, package-lock.json, .build/, static/ and
# db/migrations/ into an empty directory, install production dependencies there, start the server
# on a fresh database, wait for /readyz, check the first-run setup link is logged, then stop it with
# SIGTERM and expect a clean exit. Anything the bundle needs but production does not ship (a dev
# dependency, a file read from src/) shows up here rather than in a deployment.
#
# Prints PASS/FAIL lines; exits 0 when everything passed, 1 otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

READY_TIMEOUT=60 # seconds for /readyz to answer 200 after starting
STOP_TIMEOUT=10  # seconds for the process to exit after SIGTERM

WORK=$(mktemp -d "${TMPDIR:-/tmp}/souk-smoke.XXXXXX")
APP=$WORK/app
DATA=$WORK/data # plays the part of the Docker volume /data
LOG=$WORK/server.log
SERVER_PID=

# Runs on every exit path (success, failure, Ctrl-C, SIGTERM): stop the server, remove the temp dir.
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass() { echo "PASS: smoke: $*"; }

fail() {
  echo "FAIL: smoke: $*"
  if [[ -s $LOG ]]; then
    echo "--- last 40 lines of the server log ---"
    tail -n 40 "$LOG"
    echo "---"
  fi
  exit 1
}

# Answers 0 when GET $1 returns 200. Node's fetch, so curl is not needed (as in the Docker image).
http_ok() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then(
    (res) => process.exit(res.status === 200 ? 0 : 1),
    () => process.exit(1),
  )' "$1"
}

# 1. Build ----------------------------------------------------------------------------------------
npm run build || fail "npm run build failed"
pass "build"

# 2. Copy only what production needs ------------------------------------------------------------
# Keep this list in step with the COPY lines of the Dockerfile's runtime stage.
mkdir -p "$APP/db" "$DATA"
for path in package.json package-lock.json .build static db/migrations; do
  [[ -e $ROOT/$path ]] || fail "$path is missing from the project"
done
cp package.json package-lock.json "$APP/"
cp -R .build static "$APP/"
cp -R db/migrations "$APP/db/"
pass "copied production files to $APP"

# 3. Production dependencies --------------------------------------------------------------------
# better-sqlite3 may compile from source here (a couple of minutes); that is expected.
(cd "$APP" && npm ci --omit=dev --no-audit --no-fund </dev/null) || fail "npm ci --omit=dev failed"
[[ -f $APP/node_modules/htmx.org/dist/htmx.min.js ]] ||
  fail "node_modules/htmx.org/dist/htmx.min.js is missing after a production install"
pass "npm ci --omit=dev"

# 4. Start the server -----------------------------------------------------------------------------
# A free port: let the kernel pick one, then release it for the server.
PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
  console.log(s.address().port)
  s.close()
})')
echo "smoke: starting server on 127.0.0.1:$PORT"
# Like the Docker image: the data directory exists but is empty (no database, no uploads dir yet).
cd "$APP"
env NODE_ENV=production PORT="$PORT" HOST=127.0.0.1 LOG_LEVEL=info \
  DATABASE_PATH="$DATA/souk.sqlite" UPLOADS_DIR="$DATA/uploads" \
  node .build/server.js >"$LOG" 2>&1 </dev/null &
SERVER_PID=$!

# 5. Wait for /readyz ---------------------------------------------------------------------------
deadline=$((SECONDS + READY_TIMEOUT))
until http_ok "http://127.0.0.1:$PORT/readyz"; do
  kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited before /readyz answered 200"
  ((SECONDS < deadline)) || fail "/readyz did not answer 200 within ${READY_TIMEOUT}s"
  sleep 0.5
done
pass "/readyz answered 200"

http_ok "http://127.0.0.1:$PORT/healthz" || fail "/healthz did not answer 200"
pass "/healthz answered 200"

# 6. First-run setup link -----------------------------------------------------------------------
grep -qF '/setup?token=' "$LOG" || fail "the log has no '/setup?token=' line on an empty database"
pass "setup link logged"

# 7. Graceful shutdown --------------------------------------------------------------------------
kill -TERM "$SERVER_PID"
deadline=$((SECONDS + STOP_TIMEOUT))
while kill -0 "$SERVER_PID" 2>/dev/null; do
  ((SECONDS < deadline)) || fail "server still running ${STOP_TIMEOUT}s after SIGTERM"
  sleep 0.2
done
status=0
wait "$SERVER_PID" || status=$?
SERVER_PID=
((status == 0)) || fail "server exited with status $status after SIGTERM (expected 0)"
pass "server exited 0 after SIGTERM"

echo "PASS: production smoke test"
