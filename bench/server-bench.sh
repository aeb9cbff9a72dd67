#!/usr/bin/env bash
# What a request, a login and a refresh cost on a real WildFly, side by side with WildFly's own MP-JWT and Keycloak.
#
#   bench/server-bench.sh            everything (about 17 minutes), Markdown table at the end and in $OUT/report.md
#   WITH_KEYCLOAK=0 bench/server-bench.sh   nf-identity and MP-JWT only (about 6 minutes)
#
# 2. the token check in isolation (JMH, bench/TokenCheckBench), before anything else runs;
# 1. the same trivial JAX-RS GET on one WildFly 39: (a) anonymous, (b) @RolesAllowed with an nf_jwt cookie through
#    nf-identity's mechanism, (c) @RolesAllowed through WildFly's MicroProfile JWT with the very same token as a
#    bearer token; wrk on loopback, the three alternating, REPEATS rounds;
# 3. password logins (GoTrue's password grant) at Keycloak's Argon2id parameters (m=7168 KiB, t=5, p=1), server CPU
#    per login, and the CPU of one hash measured alone (bench/HashCost) to get the CPU per login beyond the hash;
# 4. refresh grants WITH rotation and reuse detection, on PostgreSQL (127.0.0.1:5432, database test, own schema);
# 5. resident memory of the server, and the heap kept per session (after a full GC, before and after 4,000 sessions
#    each used once);
# then the Keycloak harness (../shared/bench/keycloak/run.sh) with the same durations and concurrencies.
#
# Knobs (env): REPEATS (3), GET_REPEATS (5: part 1's ratios sit near 1 and spread widely, three rounds cannot tell),
# DURATION (15 s measured), WARMUP (5 s, discarded), CONCS ("4 16"), GET_CONC (16),
# SESSIONS (4000), WITH_KEYCLOAK (1), KEYCLOAK_RUN (../shared/bench/keycloak/run.sh), OUT (/tmp/nfbench).
# Needs: Java 17, Maven, PostgreSQL on 127.0.0.1:5432, and wrk, jq, curl, psql (installed from Debian if missing,
# as root). Uses ports 8080 and 9990 (WildFly), so not while the integration tests run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench
OUT=${OUT:-/tmp/nfbench}
REPEATS=${REPEATS:-3}
GET_REPEATS=${GET_REPEATS:-5}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONCS=${CONCS:-"4 16"}
GET_CONC=${GET_CONC:-16}
SESSIONS=${SESSIONS:-4000}
WITH_KEYCLOAK=${WITH_KEYCLOAK:-1}
KEYCLOAK_RUN=${KEYCLOAK_RUN:-$ROOT/../shared/bench/keycloak/run.sh}
SCHEMA=nf_identity_srvbench
# shellcheck source=lib.sh
source "$HERE/lib.sh"
NF=$BASE/ping-nf
TOKEN_URL=$NF/.netlify/identity/token

trap stop_wildfly EXIT
check_tools


# ---------------------------------------------------------------- build
rm -rf "$OUT"; mkdir -p "$OUT/raw"
log "building the two bench WARs and measuring one hash (Maven)"
(cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true install \
  -pl identity-api,identity-impl,bench/apps/ping-nf,bench/apps/ping-mpjwt -am) >"$OUT/build.log" 2>&1 \
  || die "build failed, see $OUT/build.log"
(cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl bench package \
  dependency:build-classpath -Dmdep.outputFile="$OUT/bench.classpath") >"$OUT/hash.log" 2>&1 \
  || die "building bench failed, see $OUT/hash.log"
# one Argon2id check measured alone, at the server's hashing concurrency and heap; taken three times in the run (now,
# just before the logins, just after them) and the median used, since the figure drifts with the machine
HASH_SAMPLES=()
hash_cost() {
  java -Xmx512m -cp "$(cat "$OUT/bench.classpath"):$ROOT/bench/target/classes" io.nfidentity.bench.HashCost \
    7168 5 1 300 >>"$OUT/hash.log" 2>&1 || die "hash measurement failed, see $OUT/hash.log"
  HASH_SAMPLES+=("$(sed -n 's/.*HASHCOST cpu_ms=\([0-9.]*\).*/\1/p' "$OUT/hash.log" | tail -1)")
}
hash_cost
HASH_CPU_MS=${HASH_SAMPLES[0]}
HASH_ENGINE=$(sed -n 's/.*HASHENGINE \([a-z]*\).*/\1/p' "$OUT/hash.log" | tail -1)
log "one Argon2id check (m=7168 t=5 p=1, $HASH_ENGINE engine): ${HASH_CPU_MS} ms CPU of the whole JVM (GC included)"
log "2. token check in isolation (JMH: ours for a repeated and a first-seen token, SmallRye's JWTParser)"
(cd "$ROOT" && mvn -B -ntp -DskipTests -Dspotless.check.skip=true -P bench-tokens -pl bench package) \
  >"$OUT/jmh.log" 2>&1 || die "the JMH run failed, see $OUT/jmh.log"
jmh() { awk -v b="TokenCheckBench.$1" '$1 == b {printf "%.0f ± %.0f", $4, $6}' "$OUT/jmh.log"; }
JMH_REPEATED=$(jmh ourCheckRepeatedToken); JMH_FIRST=$(jmh ourCheckFirstSeenToken); JMH_SMALLRYE=$(jmh smallryeJwtParser)
log "   repeated $JMH_REPEATED ns, first-seen $JMH_FIRST ns, SmallRye $JMH_SMALLRYE ns"
fetch_wildfly

# ---------------------------------------------------------------- server
configure_wildfly
write_properties
cp "$ROOT/bench/apps/ping-nf/target/ping-nf.war" "$ROOT/bench/apps/ping-mpjwt/target/ping-mpjwt.war" \
  "$WF/standalone/deployments/"
start_wildfly "$OUT/bench.properties" ping-nf ping-mpjwt

login() { curl -sf -X POST "$TOKEN_URL" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "grant_type=password&username=$USER_EMAIL&password=$USER_PASS"; }
ACCESS=$(login | jq -r .access_token)
[ -n "$ACCESS" ] && [ "$ACCESS" != null ] || die "cannot log in the bench user"
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(status "$NF/api/ping/anon")" = 200 ] || die "the anonymous GET fails"
[ "$(status -H "Cookie: nf_jwt=$ACCESS" "$NF/api/ping/member")" = 200 ] || die "the GET via nf-identity fails"
[ "$(status -H "Authorization: Bearer $ACCESS" "$BASE/ping-mpjwt/api/ping/member")" = 200 ] \
  || die "the GET via MP-JWT fails, see $WF/standalone/log/server.log"
case "$(status "$BASE/ping-mpjwt/api/ping/member")" in 401|403) ;; *) die "MP-JWT lets a GET without a token through";; esac
code=$(curl -s -o /dev/null -w '%{http_code}' "$NF/api/ping/member")
[ "$code" = 401 ] || die "the protected GET answered $code without a token"

# ---------------------------------------------------------------- measuring
start_results

log "1. the same GET: anonymous / nf-identity (nf_jwt cookie) / WildFly MP-JWT (bearer), alternating"
log "   (JIT warm-up first: each variant $((WARMUP * 2)) s, discarded)"
for target in "$NF/api/ping/anon" "$NF/api/ping/member Cookie nf_jwt=$ACCESS" \
  "$BASE/ping-mpjwt/api/ping/member Authorization Bearer_$ACCESS"; do
  set -- $target
  if [ $# -eq 1 ]; then args=(); else args=("$2" "${3//Bearer_/Bearer }"); fi
  wrk -t$THREADS -c"$GET_CONC" -d"$((WARMUP * 2))s" -s "$HERE/wrk/get.lua" "$1" -- "${args[@]}" >/dev/null 2>&1
done
for rep in $(seq 1 "$GET_REPEATS"); do
  run_wrk "$rep" get-anonymous "$GET_CONC" get.lua "$NF/api/ping/anon"
  run_wrk "$rep" get-nf-identity "$GET_CONC" get.lua "$NF/api/ping/member" Cookie "nf_jwt=$ACCESS"
  run_wrk "$rep" get-mp-jwt "$GET_CONC" get.lua "$BASE/ping-mpjwt/api/ping/member" Authorization "Bearer $ACCESS"
done

log "3. password logins"
hash_cost
for c in $CONCS; do run_wrk 1 login "$c" password.lua "$TOKEN_URL" "$USER_EMAIL" "$USER_PASS"; done
hash_cost
HASH_CPU_MS=$(printf '%s\n' "${HASH_SAMPLES[@]}" | sort -n | sed -n 2p)
log "   one hash alone: ${HASH_SAMPLES[*]} ms CPU; median $HASH_CPU_MS"

log "4. refresh grants with rotation (fresh sessions for each run: a used refresh token is never presented again)"
fresh_sessions() { : >"$OUT/refresh-tokens.txt"; for _ in $(seq 1 24); do login | jq -r .refresh_token >>"$OUT/refresh-tokens.txt"; done; }
for c in $CONCS; do
  fresh_sessions
  wrk -t$THREADS -c"$c" -d"${WARMUP}s" --timeout 10s -s "$HERE/wrk/refresh.lua" "$TOKEN_URL" -- "$OUT/refresh-tokens.txt" \
    >"$OUT/raw/refresh-c$c.warmup" 2>&1
  fresh_sessions
  NO_WARMUP=1 run_wrk 1 refresh "$c" refresh.lua "$TOKEN_URL" "$OUT/refresh-tokens.txt"
done

log "5. memory: heap after a full GC, before and after $SESSIONS sessions (of $SESSIONS users) each used once"
(cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -P bench-sessions -pl bench package \
  "-Dbench.sessions.jdbc=jdbc:postgresql://127.0.0.1:5432/test?user=postgres" -Dbench.sessions.schema=$SCHEMA \
  -Dbench.sessions.secret=$SECRET -Dbench.sessions.count="$SESSIONS" -Dbench.sessions.out="$OUT/access-tokens.txt") \
  >"$OUT/sessions.log" 2>&1 || die "could not create the sessions, see $OUT/sessions.log"
N_SESSIONS=$(wc -l <"$OUT/access-tokens.txt")
heap_used_kb() {
  jcmd "$WF_PID" GC.run >/dev/null; sleep 1; jcmd "$WF_PID" GC.run >/dev/null; sleep 1
  jcmd "$WF_PID" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1)+0; exit}}'
}
HEAP0=$(heap_used_kb)
wrk -t$THREADS -c8 -d10s --timeout 10s -s "$HERE/wrk/tokens.lua" "$NF/api/ping/member" -- "$OUT/access-tokens.txt" \
  >"$OUT/raw/sessions.txt" 2>&1
grep -qE 'statuses=200:[0-9]+$' "$OUT/raw/sessions.txt" || die "the session run failed, see $OUT/raw/sessions.txt"
HEAP1=$(heap_used_kb)
PER_SESSION_B=$(awk -v a="$HEAP0" -v b="$HEAP1" -v n="$N_SESSIONS" 'BEGIN{printf "%d", (b-a)*1024/n}')
WF_RSS_MB=$(awk '/^VmRSS/ {printf "%d", $2/1024}' "/proc/$WF_PID/status")
WF_HWM_MB=$(awk '/^VmHWM/ {printf "%d", $2/1024}' "/proc/$WF_PID/status")
WF_XMX=$(jcmd "$WF_PID" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/-XX:MaxHeapSize=//p' | awk '{printf "%d MiB", $1/1048576}')
log "heap $HEAP0 KiB -> $HEAP1 KiB over $N_SESSIONS sessions: $PER_SESSION_B bytes each; RSS $WF_RSS_MB MiB (peak $WF_HWM_MB)"
stop_wildfly

# ---------------------------------------------------------------- Keycloak, same knobs, same machine, same run
KC_RESULTS=""
if [ "$WITH_KEYCLOAK" = 1 ]; then
  if [ -x "$KEYCLOAK_RUN" ] || [ -f "$KEYCLOAK_RUN" ]; then
    log "Keycloak side by side: $KEYCLOAK_RUN (REPEATS=1 DURATION=$DURATION WARMUP=$WARMUP CONCS=\"$CONCS\")"
    REPEATS=1 DURATION=$DURATION WARMUP=$WARMUP CONCS="$CONCS" REPORT_DIR=$OUT/keycloak \
      bash "$KEYCLOAK_RUN" >"$OUT/keycloak.log" 2>&1 || die "the Keycloak run failed, see $OUT/keycloak.log"
    KC_RESULTS=$OUT/keycloak/results.tsv
  else
    log "no Keycloak harness at $KEYCLOAK_RUN: skipping the side-by-side part"
  fi
fi

# ---------------------------------------------------------------- report
ours() { awk -F'\t' -v t="$1" -v c="$2" -v col="$3" 'NR>1 && $2==t && $3==c {print $col}' "$RESULTS" | median; }
theirs() { [ -n "$KC_RESULTS" ] && awk -F'\t' -v t="$1" -v c="$2" -v col="$3" 'NR>1 && $2==t && $3==c {print $col}' "$KC_RESULTS" | median || echo "-"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 > 0 && a != "-") printf "%.2f", a/b; else print "-"}'; }
A=$(ours get-anonymous "$GET_CONC" 4); B=$(ours get-nf-identity "$GET_CONC" 4); C=$(ours get-mp-jwt "$GET_CONC" 4)
# ratios are taken within each round (the runs of one round are seconds apart), then the median over rounds
round_ratio() { awk -F'\t' -v x="$1" -v y="$2" 'NR>1 && $2==x {a[$1]=$4} NR>1 && $2==y {b[$1]=$4}
  END {for (r in a) if (b[r] > 0) print a[r]/b[r]}' "$RESULTS" | median; }
# and their spread: the lowest and the highest round
round_spread() { awk -F'\t' -v x="$1" -v y="$2" 'NR>1 && $2==x {a[$1]=$4} NR>1 && $2==y {b[$1]=$4}
  END {for (r in a) if (b[r] > 0) print a[r]/b[r]}' "$RESULTS" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END{printf "%.2f to %.2f", lo, hi}'; }
BA=$(round_ratio get-nf-identity get-anonymous); BC=$(round_ratio get-nf-identity get-mp-jwt)
BA_SPREAD=$(round_spread get-nf-identity get-anonymous); BC_SPREAD=$(round_spread get-nf-identity get-mp-jwt)
KC_RSS=$( [ -f "$OUT/keycloak/report.md" ] && sed -n 's/.*KC RSS at end: \([0-9]*\) MiB.*/\1/p' "$OUT/keycloak/report.md" || true)
{
  echo "## Server benchmark, $(date -u +%Y-%m-%d) ($(nproc) cores, $(java -version 2>&1 | head -1 | tr -d '"'), WildFly $WF_VERSION)"
  echo
  echo "Argon2 engine: $HASH_ENGINE (nf.identity.argon2.engine=auto). Command: \`bench/server-bench.sh\` (REPEATS=$REPEATS, GET_REPEATS=$GET_REPEATS, ${WARMUP} s warm-up then ${DURATION} s measured per run, wrk -t$THREADS on the same cores)."
  echo
  echo "| measure | nf-identity | comparison | ratio | goal |"
  echo "|---|---|---|---|---|"
  echo "| 1. GET req/s, c$GET_CONC, median of $GET_REPEATS alternating rounds (ratio: median of the per-round ratios, then their spread): (b) @RolesAllowed via nf_jwt vs (a) anonymous | $B | $A | $(printf '%.2f' "$BA") ($BA_SPREAD) | ≥ 0.95 |"
  echo "| 1. same: (b) nf-identity vs (c) WildFly MP-JWT, same token | $B | $C | $(printf '%.2f' "$BC") ($BC_SPREAD) | > 1 |"
  echo "| 2. token check (JMH, ns): a token seen before | $JMH_REPEATED | | | < 300 ns |"
  echo "| 2. token check (JMH, ns): a first-seen token, vs SmallRye's JWTParser on it | $JMH_FIRST | $JMH_SMALLRYE | $(ratio "${JMH_FIRST%% *}" "${JMH_SMALLRYE%% *}") | ≤ 1 |"
  for c in $CONCS; do
    echo "| 3. password logins/s, c$c, vs Keycloak (Argon2id m=7168 t=5 p=1 both) | $(ours login "$c" 4) | $(theirs password "$c" 4) | $(ratio "$(ours login "$c" 4)" "$(theirs password "$c" 4)") | ≥ 1.3 |"
  done
  for c in $CONCS; do
    L=$(ours login "$c" 9)
    echo "| 3. server CPU ms per login, c$c: total / one hash alone (median of ${HASH_SAMPLES[*]}) / beyond the hash | $L / $HASH_CPU_MS / $(awk -v a="$L" -v b="$HASH_CPU_MS" 'BEGIN{printf "%.2f", a-b}') | Keycloak total: $(theirs password "$c" 10); our refresh grant (a login's work without the hash): $(ours refresh "$c" 9) | | beyond the hash < 2 ms |"
  done
  for c in $CONCS; do
    echo "| 4. refresh grants/s, c$c, ours rotating vs Keycloak not rotating | $(ours refresh "$c" 4) | $(theirs refresh "$c" 4) | $(ratio "$(ours refresh "$c" 4)" "$(theirs refresh "$c" 4)") | ≥ 1.5 |"
  done
  echo "| 5. heap kept per session (full GC before/after $N_SESSIONS sessions, each used once) | $PER_SESSION_B bytes | | | none beyond bounded caches |"
  echo "| 5. server resident memory at the end (peak) | $WF_RSS_MB MiB ($WF_HWM_MB), heap max $WF_XMX | Keycloak: ${KC_RSS:--} MiB | $(ratio "$WF_RSS_MB" "${KC_RSS:-0}") | |"
  echo
  echo "Every run (server CPU is WildFly's process only):"
  echo
  echo "| rep | test | conc | req/s | p50 ms | p99 ms | non-2xx | statuses | server CPU ms/req |"
  echo "|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$RESULTS" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",$1,$2,$3,$4,$5,$6,$7,$8,$9}'
  if [ -n "$KC_RESULTS" ]; then
    echo
    echo "Keycloak's runs (its harness's own table): see $OUT/keycloak/report.md"
    echo
    sed -n '/^| rep | test/,/^$/p' "$OUT/keycloak/report.md"
  fi
} >"$OUT/report.md"
cat "$OUT/report.md"
