#!/usr/bin/env bash
# How fast a user base moves in and out: imports USERS users (default 100,000) as JSON lines through
# POST /.netlify/identity/admin/users/import on a real WildFly with PostgreSQL, each with a bcrypt hash (kept as it is
# until the user's first login), then exports them all with GET /admin/users/export.
#
#   bench/import-bench.sh     (about 4 minutes) Markdown table at the end and in $OUT/report.md
#
# Knobs (env): USERS (100000), OUT (/tmp/nfimport). Needs what server-bench.sh needs; uses ports 8080 and 9990.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench
OUT=${OUT:-/tmp/nfimport}
USERS=${USERS:-100000}
WARMUP=0
DURATION=0
SCHEMA=nf_identity_importbench
# WildFly takes request bodies of at most 10 MB by default; the import of 100,000 users is about 26 MB in one request
EXTRA_CLI='/subsystem=undertow/server=default-server/http-listener=default:write-attribute(name=max-post-size,value=1073741824)'
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap stop_wildfly EXIT
check_tools

rm -rf "$OUT"; mkdir -p "$OUT/raw"
log "building the bench app (Maven)"
(cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true package -pl bench/apps/ping-nf -am) \
  >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
fetch_wildfly
configure_wildfly
write_properties
cp "$ROOT/bench/apps/ping-nf/target/ping-nf.war" "$WF/standalone/deployments/"
start_wildfly "$OUT/bench.properties" ping-nf
API=$BASE/ping-nf/.netlify/identity
ADMIN=$(curl -sf -X POST "$API/token" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "grant_type=password&username=$USER_EMAIL&password=$USER_PASS" | jq -r .access_token)
[ -n "$ADMIN" ] && [ "$ADMIN" != null ] || die "cannot log in the bench administrator"

# bcrypt (cost 10) of "bench-user-pass-1", as another system would hand it over
HASH='$2b$10$ZkWrYUPjZlPnbFira0Dqb.SVj0ys7X7RXGiwf5zwDL0eo69fwJHJ2'
log "writing $USERS JSON lines"
awk -v n="$USERS" -v h="$HASH" 'BEGIN { for (i = 1; i <= n; i++) printf \
  "{\"email\":\"imported-%07d@bench.example.com\",\"password_hash\":\"%s\",\"confirmed_at\":\"2024-01-01T00:00:00Z\",\"created_at\":\"2024-01-01T00:00:00Z\",\"user_metadata\":{\"full_name\":\"Imported %07d\"},\"app_metadata\":{\"roles\":[\"member\"]}}\n", i, h, i }' \
  >"$OUT/users.jsonl"
BYTES=$(stat -c %s "$OUT/users.jsonl")

log "importing"
T0=$(date +%s.%N)
CODE=$(curl -s -o "$OUT/import-report.json" -w '%{http_code}' -X POST "$API/admin/users/import" \
  -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/x-ndjson' --data-binary @"$OUT/users.jsonl")
[ "$CODE" = 200 ] || die "the import answered $CODE, see $OUT/import-report.json"
T1=$(date +%s.%N)
IMPORTED=$(jq -r .imported "$OUT/import-report.json")
[ "$IMPORTED" = "$USERS" ] || die "imported $IMPORTED of $USERS, see $OUT/import-report.json"
IMPORT_S=$(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.1f", b-a}')
log "imported $IMPORTED users in $IMPORT_S s"

log "exporting"
T0=$(date +%s.%N)
curl -sf "$API/admin/users/export" -H "Authorization: Bearer $ADMIN" >"$OUT/export.jsonl" || die "the export failed"
T1=$(date +%s.%N)
EXPORTED=$(wc -l <"$OUT/export.jsonl")
EXPORT_S=$(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.1f", b-a}')
log "exported $EXPORTED users in $EXPORT_S s"
LOGIN=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$API/token" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "grant_type=password&username=imported-0054321@bench.example.com&password=$USER_PASS")
[ "$LOGIN" = 200 ] || die "an imported user cannot log in ($LOGIN)"
stop_wildfly

{
  echo "## Import and export of $USERS users, $(date -u +%Y-%m-%d) ($(nproc) cores, WildFly $WF_VERSION, PostgreSQL)"
  echo
  echo "Command: \`bench/import-bench.sh\` (USERS=$USERS). One request each way, over loopback, with curl."
  echo
  echo "| step | users | time | users/s | goal |"
  echo "|---|---|---|---|---|"
  echo "| import, JSON lines with bcrypt hashes ($((BYTES / 1048576)) MiB) | $IMPORTED | $IMPORT_S s | $(awk -v n="$IMPORTED" -v s="$IMPORT_S" 'BEGIN{printf "%.0f", n/s}') | 100,000 in < 60 s |"
  echo "| export, JSON lines | $EXPORTED | $EXPORT_S s | $(awk -v n="$EXPORTED" -v s="$EXPORT_S" 'BEGIN{printf "%.0f", n/s}') | |"
  echo
  echo "An imported user then logged in with its own password (bcrypt, rehashed to Argon2id at that login): HTTP $LOGIN."
} >"$OUT/report.md"
cat "$OUT/report.md"
