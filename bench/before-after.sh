#!/usr/bin/env bash
# What a change costs a login, a refresh and an authenticated GET: the same WildFly runs two builds of the bench app
# side by side, one of the working tree and one of an earlier commit (BEFORE, default 1d9cbba: before the audit log,
# suspension and session lists of issues 13 and 15), on the one PostgreSQL schema; wrk alternates between them (ABBA),
# REPEATS rounds, after a discarded JIT warm-up of both.
#
#   bench/before-after.sh    (about 14 minutes) Markdown table at the end and in $OUT/report.md
#
# Knobs (env): BEFORE (1d9cbba), REPEATS (4), DURATION (15 s measured), WARMUP (5 s), CONC (4), GET_CONC (16),
# OUT (/tmp/nfbefore).
# Needs what server-bench.sh needs; uses ports 8080 and 9990, so not while the integration tests run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench
OUT=${OUT:-/tmp/nfbefore}
BEFORE=${BEFORE:-1d9cbba}
REPEATS=${REPEATS:-4}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONC=${CONC:-4}
GET_CONC=${GET_CONC:-16}
SCHEMA=nf_identity_beforeafter
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'stop_wildfly; git -C "$ROOT" worktree remove --force "$OUT/before-src" >/dev/null 2>&1 || true' EXIT
check_tools

rm -rf "$OUT"; mkdir -p "$OUT/raw"
log "building the bench app from the working tree and from $BEFORE (Maven)"
(cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true package -pl bench/apps/ping-nf -am) \
  >"$OUT/build-after.log" 2>&1 || die "build failed, see $OUT/build-after.log"
git -C "$ROOT" worktree add --detach "$OUT/before-src" "$BEFORE" >/dev/null 2>&1 || die "no commit $BEFORE"
# package, not install: the reactor supplies the old modules, the local repository keeps the current ones
(cd "$OUT/before-src" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true package -pl bench/apps/ping-nf -am) \
  >"$OUT/build-before.log" 2>&1 || die "build of $BEFORE failed, see $OUT/build-before.log"
fetch_wildfly
configure_wildfly
write_properties
# one after the other: builds before 2026-12-05 fail to deploy when they lose the race for the first signing key
cp "$OUT/before-src/bench/apps/ping-nf/target/ping-nf.war" "$WF/standalone/deployments/before.war"
start_wildfly "$OUT/bench.properties" before
cp "$ROOT/bench/apps/ping-nf/target/ping-nf.war" "$WF/standalone/deployments/after.war"
for _ in $(seq 1 300); do
  [ -f "$WF/standalone/deployments/after.war.deployed" ] && break
  [ -f "$WF/standalone/deployments/after.war.failed" ] && die "after failed to deploy, see $WF/standalone/log/server.log"
  sleep 1
done
[ -f "$WF/standalone/deployments/after.war.deployed" ] || die "deployment of after timed out"
declare -A ACCESS
for app in before after; do
  ACCESS[$app]=$(curl -sf -X POST "$BASE/$app/.netlify/identity/token" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    --data "grant_type=password&username=$USER_EMAIL&password=$USER_PASS" | jq -r .access_token) \
    || die "cannot log in on $app"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: nf_jwt=${ACCESS[$app]}" "$BASE/$app/api/ping/member")
  [ "$code" = 200 ] || die "the authenticated GET on $app answered $code"
done

sessions() { # app: 24 fresh refresh tokens of the bench user
  : >"$OUT/refresh-$1.txt"
  for _ in $(seq 1 24); do
    curl -sf -X POST "$BASE/$1/.netlify/identity/token" -H 'Content-Type: application/x-www-form-urlencoded' \
      --data "grant_type=password&username=$USER_EMAIL&password=$USER_PASS" | jq -r .refresh_token >>"$OUT/refresh-$1.txt"
  done
}

log "JIT warm-up: GETs and refreshes on both apps, $((WARMUP * 4)) s each, discarded"
for app in before after; do
  wrk -t$THREADS -c"$GET_CONC" -d"$((WARMUP * 4))s" -s "$HERE/wrk/get.lua" "$BASE/$app/api/ping/member" -- \
    Cookie "nf_jwt=${ACCESS[$app]}" >/dev/null 2>&1
  sessions "$app"
  wrk -t$THREADS -c"$CONC" -d"$((WARMUP * 4))s" --timeout 10s -s "$HERE/wrk/refresh.lua" \
    "$BASE/$app/.netlify/identity/token" -- "$OUT/refresh-$app.txt" >"$OUT/raw/warmup-$app.txt" 2>&1
done
start_results
for rep in $(seq 1 "$REPEATS"); do
  # ABBA: odd rounds measure the old build first, even rounds the new one, so neither gains from going second
  if [ $((rep % 2)) = 1 ]; then order="before after"; else order="after before"; fi
  for app in $order; do
    run_wrk "$rep" "get-$app" "$GET_CONC" get.lua "$BASE/$app/api/ping/member" Cookie "nf_jwt=${ACCESS[$app]}"
  done
  for app in $order; do
    run_wrk "$rep" "login-$app" "$CONC" password.lua "$BASE/$app/.netlify/identity/token" "$USER_EMAIL" "$USER_PASS"
  done
  for app in $order; do
    sessions "$app"
    NO_WARMUP=1 run_wrk "$rep" "refresh-$app" "$CONC" refresh.lua "$BASE/$app/.netlify/identity/token" \
      "$OUT/refresh-$app.txt"
  done
done
ENTRIES=$(psql -tA -h 127.0.0.1 -U postgres -d test -c "SELECT COUNT(*) FROM $SCHEMA.nf_audit_log")
stop_wildfly

# per-round ratios (after / before, runs of one round are seconds apart), then their median
round_ratio() { awk -F'\t' -v x="$1-after" -v y="$1-before" -v col="$2" 'NR>1 && $2==x {a[$1]=$col} NR>1 && $2==y {b[$1]=$col}
  END {for (r in a) if (b[r] > 0) printf "%.0f\n", 100*a[r]/b[r]}' "$RESULTS" | median; }
# medians with three decimals: a GET's CPU is a tenth of a millisecond
ours() { awk -F'\t' -v t="$1" -v col="$2" 'NR>1 && $2==t {print $col}' "$RESULTS" | sort -n \
  | awk '{a[NR]=$1} END{if (NR%2) printf "%.3f", a[(NR+1)/2]; else printf "%.3f", (a[NR/2]+a[NR/2+1])/2}'; }
{
  echo "## Before and after: GETs, logins and refreshes, $(date -u +%Y-%m-%d) ($(nproc) cores, WildFly $WF_VERSION, PostgreSQL)"
  echo
  echo "Command: \`bench/before-after.sh\` (BEFORE=$BEFORE, REPEATS=$REPEATS, GETs c$GET_CONC, grants c$CONC, ${DURATION} s per run,"
  echo "both builds deployed on one WildFly and one schema, runs alternating). Audit entries written: $ENTRIES."
  echo
  echo "| measure (medians of $REPEATS rounds) | before ($BEFORE) | after (working tree) | after as % of before (median of the per-round ratios) |"
  echo "|---|---|---|---|"
  echo "| get req/s (@RolesAllowed, nf_jwt cookie) | $(ours get-before 4) | $(ours get-after 4) | $(round_ratio get 4) |"
  echo "| get server CPU ms | $(ours get-before 9) | $(ours get-after 9) | $(round_ratio get 9) |"
  for t in login refresh; do
    echo "| $t grants/s | $(ours "$t-before" 4) | $(ours "$t-after" 4) | $(round_ratio "$t" 4) |"
    echo "| $t p50 ms | $(ours "$t-before" 5) | $(ours "$t-after" 5) | $(round_ratio "$t" 5) |"
    echo "| $t server CPU ms | $(ours "$t-before" 9) | $(ours "$t-after" 9) | $(round_ratio "$t" 9) |"
  done
  echo
  echo "| rep | test | conc | req/s | p50 ms | p99 ms | non-2xx | statuses | server CPU ms/req |"
  echo "|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$RESULTS" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",$1,$2,$3,$4,$5,$6,$7,$8,$9}'
} >"$OUT/report.md"
cat "$OUT/report.md"
