#!/usr/bin/env bash
# What GoTrue's webhook costs a signup: the same GoTrue signup on one WildFly, through two copies of the bench WAR,
# one without a webhook and one whose webhook (nf.identity.webhook.url) posts validate and signup to a local Node
# server running unmodified Netlify identity functions (src-it/src/test/node/hooks: the signature checked with
# jsonwebtoken, identity-signup setting a role). Alternating rounds, side by side in one run.
#
#   bench/hook-bench.sh          (about 6 minutes)
#
# Knobs (env): REPEATS (3), DURATION (15 s), WARMUP (5 s), CONC (4), OUT (/tmp/nfhookbench).
# Needs: Java 17, Maven, Node and npm, PostgreSQL on 127.0.0.1:5432, wrk, jq, curl, psql; ports 8080, 9990, 9797.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench
OUT=${OUT:-/tmp/nfhookbench}
REPEATS=${REPEATS:-3}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONC=${CONC:-4}
SCHEMA=nf_identity_hookbench
HOOK_PORT=9797
HOOK_SECRET=bench-webhook-secret-0123456789abcdefghijkl
# shellcheck source=lib.sh
source "$HERE/lib.sh"

NODE_PID=
cleanup() { stop_wildfly; [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null || true; }
trap cleanup EXIT
check_tools
command -v node >/dev/null && command -v npm >/dev/null || die "Node and npm are needed for the functions"

rm -rf "$OUT"; mkdir -p "$OUT/raw"
log "building the bench WAR (Maven)"
(cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true install \
  -pl identity-api,identity-impl,bench/apps/ping-nf -am) >"$OUT/build.log" 2>&1 \
  || die "build failed, see $OUT/build.log"

log "starting the Netlify functions on port $HOOK_PORT (Node)"
mkdir -p "$OUT/hooks"
cp -r "$ROOT/src-it/src/test/node/hooks/package.json" "$ROOT/src-it/src/test/node/hooks/package-lock.json" \
  "$ROOT/src-it/src/test/node/hooks/server.js" "$ROOT/src-it/src/test/node/hooks/functions" "$OUT/hooks/"
(cd "$OUT/hooks" && npm ci --no-audit --no-fund --silent) >"$OUT/npm.log" 2>&1 || die "npm ci failed, see $OUT/npm.log"
(cd "$OUT/hooks" && exec node server.js "$HOOK_PORT" "$HOOK_SECRET") >"$OUT/hooks.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$HOOK_PORT/received" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$HOOK_PORT/received" >/dev/null || die "the functions did not start, see $OUT/hooks.log"

fetch_wildfly
configure_wildfly
write_properties
# confirmed at once: a signup fires validate and signup (two calls of the hook) and answers tokens; no mail
# and the per-address limits out of the way: every signup comes from loopback
printf '%s\n' nf.identity.autoconfirm=true nf.identity.limits.address.free=1000000 \
  nf.identity.limits.address.per-hour=10000000 >>"$OUT/bench.properties"
# the second copy carries its own configuration, above the server's (ordinal 500 > 400): the webhook
cp "$ROOT/bench/apps/ping-nf/target/ping-nf.war" "$WF/standalone/deployments/ping-nf.war"
mkdir -p "$OUT/hookwar/WEB-INF/classes/META-INF"
cat >"$OUT/hookwar/WEB-INF/classes/META-INF/microprofile-config.properties" <<PROPS
config_ordinal=500
nf.identity.webhook.url=http://127.0.0.1:$HOOK_PORT/
nf.identity.webhook.secret=$HOOK_SECRET
nf.identity.webhook.events=validate,signup
PROPS
cp "$ROOT/bench/apps/ping-nf/target/ping-nf.war" "$OUT/ping-hook.war"
(cd "$OUT/hookwar" && jar uf "$OUT/ping-hook.war" WEB-INF/classes/META-INF/microprofile-config.properties)
cp "$OUT/ping-hook.war" "$WF/standalone/deployments/ping-hook.war"
start_wildfly "$OUT/bench.properties" ping-nf ping-hook

signup() { curl -s -X POST "$BASE/$1/.netlify/identity/signup" -H 'Content-Type: application/json' \
  -d "{\"email\":\"check-$RANDOM$RANDOM@hookbench.example.com\",\"password\":\"$USER_PASS\"}"; }
signup ping-nf | jq -e .access_token >/dev/null || die "a signup without the hook fails"
signup ping-hook | jq -e '.app_metadata.roles | index("subscriber")' >/dev/null \
  || die "a signup through the hook does not carry the function's role, see $OUT/hooks.log"

start_results
# each signup a new address: a warm-up of its own prefix, then the measured run (wrk restarts its counter)
warm() {
  wrk -t$THREADS -c"$CONC" -d"${WARMUP}s" --timeout 10s -s "$HERE/wrk/signup.lua" "$BASE/$1/.netlify/identity/signup" \
    -- "w$RANDOM$RANDOM" hookbench.example.com "$USER_PASS" >/dev/null 2>&1
}
for rep in $(seq 1 "$REPEATS"); do
  warm ping-nf
  NO_WARMUP=1 run_wrk "$rep" signup-plain "$CONC" signup.lua "$BASE/ping-nf/.netlify/identity/signup" \
    "p$rep$RANDOM" hookbench.example.com "$USER_PASS"
  warm ping-hook
  NO_WARMUP=1 run_wrk "$rep" signup-webhook "$CONC" signup.lua "$BASE/ping-hook/.netlify/identity/signup" \
    "h$rep$RANDOM" hookbench.example.com "$USER_PASS"
done

awk -F'\t' 'NR > 1 && $7 != 0 {bad = 1} END {exit bad}' "$RESULTS" \
  || die "some signups did not answer 200, see $RESULTS"
col() { awk -F'\t' -v t="$1" -v c="$2" '$2 == t {print $c}' "$RESULTS" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", b ? 100*a/b : 0}'; }
P_RPS=$(col signup-plain 4); H_RPS=$(col signup-webhook 4)
P_P50=$(col signup-plain 5); H_P50=$(col signup-webhook 5)
P_CPU=$(col signup-plain 9); H_CPU=$(col signup-webhook 9)
{
  echo "| signups, c$CONC, median of $REPEATS rounds | without webhook | with webhook (validate + signup) | with / without |"
  echo "|---|---|---|---|"
  echo "| per second | $P_RPS | $H_RPS | $(ratio "$H_RPS" "$P_RPS") % |"
  echo "| p50 latency, ms | $P_P50 | $H_P50 | $(ratio "$H_P50" "$P_P50") % |"
  echo "| server CPU per signup, ms | $P_CPU | $H_CPU | $(ratio "$H_CPU" "$P_CPU") % |"
} | tee "$OUT/report.md"
log "raw results: $RESULTS; functions received: $(curl -s "http://127.0.0.1:$HOOK_PORT/received")"
