#!/usr/bin/env bash
# A soak: one WildFly 39 node of the sample on PostgreSQL under the cluster script's mixed load (cookie GETs, refresh
# rotations, password logins, signups of new addresses) for SOAK_SECONDS (default 1800), run by hand, not in CI.
# Every SAMPLE_SECONDS (default 300) it forces a full GC (jcmd GC.run) and records the heap used after it, and counts
# the rows of every nf-identity table. At the end it prints the samples, the answers by status, and two checks:
#   - no 5xx (and no socket error) in any of the four loads;
#   - heap after full GC flat: the end within 20 % (or 16 MiB) of the sample after warm-up, and the last sample under
#     load within 20 % (or 16 MiB) of the first one under load.
# Whether a table's growth is by design (a user per signup, a session per login, kept until they expire and are
# purged) or not is for the reader of the table; bench/RESULTS.md says it for the recorded run.
#
#   bench/soak.sh                      30 minutes
#   SOAK_SECONDS=300 bench/soak.sh     a quick try
#
# Needs: Java 17, Maven, PostgreSQL on 127.0.0.1:5432 (database test; schema nf_identity_soak is recreated); wrk, jq,
# curl, psql (installed from Debian when missing, as root); ports 8080 and 9990 free.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=${OUT:-/tmp/nfid-soak}
SCHEMA=nf_identity_soak
SOAK_SECONDS=${SOAK_SECONDS:-1800}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-300}
WARMUP=0
DURATION=$SOAK_SECONDS
TABLES=(nf_users nf_refresh_tokens nf_sessions nf_one_time_tokens nf_rate_limits nf_audit_log nf_identities
  nf_oauth_states nf_signing_keys)

mkdir -p "$OUT/raw"
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
trap stop_wildfly EXIT
trap 'exit 130' INT TERM
check_tools
command -v jcmd >/dev/null || die "jcmd (from the JDK) is needed"

log "building the sample EAR"
(cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true install \
  -pl identity-api,identity-impl,identity-impl/galleon-pack,identity-ear-sample/sample-web,identity-ear-sample/sample-ear) \
  >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
rm -rf "$WF" "$OUT/\${project.basedir}"
fetch_wildfly
configure_wildfly
write_properties
cat >>"$OUT/bench.properties" <<EOF
nf.identity.site-url=http://127.0.0.1:8080
nf.identity.autoconfirm=true
nf.identity.refresh-token.reuse-interval=3
nf.identity.limits.address.free=100000
nf.identity.limits.address.per-hour=10000000
nf.identity.argon2.memory-kib=4096
nf.identity.argon2.iterations=1
EOF
cp "$ROOT"/identity-ear-sample/sample-ear/target/*.ear "$WF/standalone/deployments/nf-identity-sample.ear"
# the EAR's marker file is named like a WAR's for start_wildfly: wait for it by hand
"$WF/bin/standalone.sh" -P "$OUT/bench.properties" >"$OUT/wildfly.out" 2>&1 &
for _ in $(seq 1 300); do
  [ -f "$WF/standalone/deployments/nf-identity-sample.ear.failed" ] && die "deployment failed"
  [ -f "$WF/standalone/deployments/nf-identity-sample.ear.deployed" ] && break
  sleep 1
done
WF_PID=$(pgrep -f "jboss.home.dir=$WF" -n)
log "WildFly up (java pid $WF_PID), heap: $(tr '\0' ' ' </proc/"$WF_PID"/cmdline | grep -o -- '-Xmx[^ ]*')"

status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
login() {
  curl -s --data-urlencode grant_type=password --data-urlencode "username=$1" --data-urlencode "password=$USER_PASS" \
    "$BASE/.netlify/identity/token"
}
email="soak-$RANDOM@soak.example.com"
curl -s -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$USER_PASS\"}" \
  "$BASE/.netlify/identity/signup"
ACCESS=$(login "$email" | jq -r .access_token)
: >"$OUT/refresh.txt"
for _ in $(seq 1 8); do login "$email" | jq -r .refresh_token >>"$OUT/refresh.txt"; done

heap_after_gc() { # MiB used after a full GC
  jcmd "$WF_PID" GC.run >/dev/null
  sleep 2
  jcmd "$WF_PID" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K", "", v); printf "%.1f", v / 1024; exit}}'
}
sample() { # label
  local row="$1	$(heap_after_gc)"
  for t in "${TABLES[@]}"; do row="$row	$(psql -At -h 127.0.0.1 -U postgres -d test -c "SELECT COUNT(*) FROM $SCHEMA.$t")"; done
  echo "$row" >>"$OUT/soak.tsv"
  log "sample $1: heap after full GC $(echo "$row" | cut -f2) MiB"
}
{ printf 'at\theap_mib'; printf '\t%s' "${TABLES[@]}"; echo; } >"$OUT/soak.tsv"

log "60 s of warm-up under the mixed load"
warm() { WRK_THREADS=1 wrk -t1 -c"$2" -d60s --timeout 10s -s "$HERE/wrk/$3" "$4" -- "${@:5}" >/dev/null 2>&1; }
warm get 4 get.lua "$BASE/api/user" Cookie "nf_jwt=$ACCESS" & W1=$!
warm signup 1 signup.lua "$BASE/.netlify/identity/signup" "warm$RANDOM" soak.example.com "$USER_PASS" & W2=$!
wait "$W1" "$W2" # by PID: WildFly is a background job of this shell too
sample "0 s"

log "the mixed load for $SOAK_SECONDS s (samples every $SAMPLE_SECONDS s)"
PREFIX="soak$RANDOM"
load() { # name conc lua url args...
  local name=$1 conc=$2 lua=$3 url=$4; shift 4
  WRK_THREADS=1 wrk -t1 -c"$conc" -d"${SOAK_SECONDS}s" --timeout 10s -s "$HERE/wrk/$lua" "$url" -- "$@" >"$OUT/raw/soak-$name.txt" 2>&1
}
load get 4 get.lua "$BASE/api/user" Cookie "nf_jwt=$ACCESS" & P1=$!
load refresh 2 refresh.lua "$BASE/.netlify/identity/token" "$OUT/refresh.txt" & P2=$!
load login 1 password.lua "$BASE/.netlify/identity/token" "$email" "$USER_PASS" & P3=$!
load signup 1 signup.lua "$BASE/.netlify/identity/signup" "$PREFIX" soak.example.com "$USER_PASS" & P4=$!
for at in $(seq "$SAMPLE_SECONDS" "$SAMPLE_SECONDS" "$SOAK_SECONDS"); do
  sleep "$SAMPLE_SECONDS"
  [ "$at" -lt "$SOAK_SECONDS" ] && sample "$at s"
done
wait "$P1" "$P2" "$P3" "$P4"
sample "$SOAK_SECONDS s (end)"

echo
column -t -s $'\t' "$OUT/soak.tsv"
echo
BAD=0
for w in get refresh login signup; do
  line=$(sed -n 's/^RESULT //p' "$OUT/raw/soak-$w.txt")
  [ -n "$line" ] || die "wrk $w failed, see $OUT/raw/soak-$w.txt"
  echo "$w: $line"
  statuses=$(echo "$line" | tr ' ' '\n' | sed -n 's/^statuses=//p')
  errors=$(echo "$line" | tr ' ' '\n' | sed -n 's/^socket_errors=//p')
  if echo "$statuses" | tr ',' '\n' | grep -qE '^5[0-9][0-9]:' || [ "$errors" != 0 ]; then BAD=1; fi
done
# after warm-up against the end (the load stopped), and the first sample under load against the last one under load
# (caches full in both)
flat() { awk -v a="$1" -v b="$2" 'BEGIN{print (b <= a * 1.2 || b - a <= 16) ? 0 : 1}'; }
FIRST=$(sed -n 2p "$OUT/soak.tsv" | cut -f2); LAST=$(tail -1 "$OUT/soak.tsv" | cut -f2)
UNDER=$(sed -n '3,$p' "$OUT/soak.tsv" | grep -v '(end)' | cut -f2)
U1=$(echo "$UNDER" | head -1); U2=$(echo "$UNDER" | tail -1)
FLAT=$(flat "$FIRST" "$LAST")
[ -n "$U1" ] && [ "$(flat "$U1" "$U2")" = 1 ] && FLAT=1
echo
printf '%s  no 5xx and no socket error in %s s of mixed load\n' "$([ "$BAD" = 0 ] && echo PASS || echo FAIL)" "$SOAK_SECONDS"
printf '%s  heap after full GC flat: %s MiB after warm-up, %s MiB at the end; under load %s then %s MiB\n' \
  "$([ "$FLAT" = 0 ] && echo PASS || echo FAIL)" "$FIRST" "$LAST" "${U1:-?}" "${U2:-?}"
[ "$BAD" = 0 ] && [ "$FLAT" = 0 ]
