#!/usr/bin/env bash
# Where a login's and a refresh's CPU goes: the bench app of the working tree on WildFly and PostgreSQL, under wrk
# load, recorded by Java Flight Recorder (jcmd JFR.start, the "profile" settings). Every execution sample is put in
# the category of its innermost frame that belongs to one (the hash, JDBC, the audit entry, JSON, signing and
# sealing, ...), so the table reads "where the time is spent", not "who called it".
#
#   bench/profile.sh    (about 5 minutes) tables at the end and in $OUT/profile.md; recordings in $OUT/*.jfr
#
# Knobs (env): DURATION (30 s recorded per grant), WARMUP (20 s, discarded), CONC (4), OUT (/tmp/nfprofile),
# REV (a commit to profile instead of the working tree, built in a worktree under $OUT).
# Needs what server-bench.sh needs; uses ports 8080 and 9990, so not while the integration tests run.
# A JDK 21+ `jfr` (JAVA21_HOME, or one under /usr/lib/jvm) adds its hot-methods view; without one, the categories only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench
OUT=${OUT:-/tmp/nfprofile}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-20}
CONC=${CONC:-4}
SCHEMA=nf_identity_profile
# shellcheck source=lib.sh
source "$HERE/lib.sh"
REV=${REV:-}
trap 'stop_wildfly; [ -z "$REV" ] || git -C "$ROOT" worktree remove --force "$OUT/src" >/dev/null 2>&1 || true' EXIT
check_tools

rm -rf "$OUT"; mkdir -p "$OUT"
SRC=$ROOT
if [ -n "$REV" ]; then
  git -C "$ROOT" worktree add --detach "$OUT/src" "$REV" >/dev/null 2>&1 || die "no commit $REV"
  SRC=$OUT/src
fi
log "building the bench app from ${REV:-the working tree} (Maven)"
# package, not install: the reactor supplies the modules, the local repository keeps the current ones
(cd "$SRC" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true package -pl bench/apps/ping-nf -am) \
  >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
fetch_wildfly
configure_wildfly
write_properties
cp "$SRC/bench/apps/ping-nf/target/ping-nf.war" "$WF/standalone/deployments/nf.war"
start_wildfly "$OUT/bench.properties" nf
TOKEN_URL=$BASE/nf/.netlify/identity/token

sessions() { # 24 fresh refresh tokens of the bench user
  : >"$OUT/refresh.txt"
  for _ in $(seq 1 24); do
    curl -sf -X POST "$TOKEN_URL" -H 'Content-Type: application/x-www-form-urlencoded' \
      --data "grant_type=password&username=$USER_EMAIL&password=$USER_PASS" | jq -r .refresh_token >>"$OUT/refresh.txt"
  done
}

# grant, lua script, lua arguments...: a discarded warm-up, then a recorded run of the same load
record() {
  local grant=$1 script=$2; shift 2
  [ "$grant" = refresh ] && sessions
  wrk -t$THREADS -c"$CONC" -d"${WARMUP}s" --timeout 10s -s "$HERE/wrk/$script" "$TOKEN_URL" -- "$@" >/dev/null 2>&1
  [ "$grant" = refresh ] && sessions
  jcmd "$WF_PID" JFR.start name="$grant" settings=profile filename="$OUT/$grant.jfr" >/dev/null
  wrk -t$THREADS -c"$CONC" -d"${DURATION}s" --timeout 10s -s "$HERE/wrk/$script" "$TOKEN_URL" -- "$@" \
    >"$OUT/wrk-$grant.txt" 2>&1
  jcmd "$WF_PID" JFR.stop name="$grant" >/dev/null
  log "$grant: $(grep -m1 'Requests/sec' "$OUT/wrk-$grant.txt" || echo 'no wrk summary')"
}

log "recording $DURATION s of refresh grants and of password grants (c$CONC, after $WARMUP s of warm-up each)"
record refresh refresh.lua "$OUT/refresh.txt"
record login password.lua "$USER_EMAIL" "$USER_PASS"
stop_wildfly

# The categories, innermost match first. Order matters only where one frame could match two.
categorise() {
  awk '
    function category(f) {
      if (f ~ /argon2|Argon2|bouncycastle\.crypto\.generators\.Argon|PasswordHasher\.(verify|hash|burn)/) return "password hash (Argon2id)"
      if (f ~ /^io\.nfidentity\.impl\.audit\.|AuditStore/) return "audit entry (building, writing)"
      if (f ~ /org\.postgresql\.|io\.nfidentity\.impl\.store\.Jdbc|org\.jboss\.jca\.|jdbc\.WrapperDataSource|ironjacamar/) return "JDBC (driver, pool, statements)"
      if (f ~ /com\.arjuna\.|narayana|jakarta\.transaction|TransactionalInterceptor/) return "JTA transaction"
      if (f ~ /org\.jose4j\.|AccessTokens|javax\.crypto\.|sun\.security\.|com\.sun\.crypto\.|OpaqueTokens|Sealer/) return "tokens: signing, hashing, sealing"
      if (f ~ /org\.eclipse\.yasson|org\.eclipse\.parsson|jakarta\.json\.|io\.nfidentity\.impl\.json\./) return "JSON (JSON-B, JSON-P)"
      if (f ~ /^io\.nfidentity\.impl\.web\.SessionCookies|DeviceCookies/) return "cookies"
      if (f ~ /^io\.nfidentity\.impl\.limit\./) return "rate limits"
      if (f ~ /^io\.nfidentity\./) return "nf-identity, other"
      if (f ~ /org\.jboss\.weld\.|org\.jboss\.resteasy\.|io\.undertow\.|org\.wildfly\.|org\.jboss\.as\.|org\.jboss\.threads\.|org\.xnio\.|jakarta\.servlet|org\.glassfish\.soteria|org\.wildfly\.security/) return "container (Undertow, RESTEasy, Weld, Elytron)"
      return ""
    }
    # a native sample counts only inside the hash (argon2-jvm runs the C code through JNA); other threads in native
    # code are waiting (sockets, epoll), not working
    /^jdk\.(ExecutionSample|NativeMethodSample)/ {
      if (inside) done_sample(); inside = 1; got = ""; native = ($0 ~ /Native/); next
    }
    inside && /line:/ {
      f = $1
      if (got == "") { c = category(f); if (c != "") got = c }
      next
    }
    # the profile settings sample Java code every 10 ms and native code every 20 ms: a native sample weighs two
    function done_sample() {
      if (native && got != "password hash (Argon2id)") return
      w = native ? 2 : 1
      n += w; cat[got == "" ? "JDK and other" : got] += w
    }
    END {
      if (inside) done_sample()
      for (c in cat) printf "%d\t%s\n", cat[c], c
      printf "%d\tall samples\n", n
    }'
}

JFR21=""
for j in "${JAVA21_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$j" ] && [ -x "$j/bin/jfr" ] || continue
  v=$("$j/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, a, "."); print a[1]; exit}')
  [ "${v:-0}" -ge 21 ] 2>/dev/null && JFR21=$j/bin/jfr && break
done

{
  echo "## Where the CPU goes: JFR profile of refreshes and logins of ${REV:-the working tree}, $(date -u +%Y-%m-%d) ($(nproc) cores, WildFly $WF_VERSION, PostgreSQL)"
  echo
  echo "Command: \`bench/profile.sh\` (c$CONC, ${DURATION} s recorded per grant after ${WARMUP} s of warm-up; JFR \`profile\` settings,"
  echo "execution samples of every thread, plus native samples inside the Argon2 library (weighing two: they are taken"
  echo "every 20 ms, Java's every 10 ms), each in the category of its innermost categorised frame). Samples count time a"
  echo "thread spends in Java, including time it waits for a core: compare shares within one run, not counts across runs)."
  for grant in refresh login; do
    echo
    echo "### $grant ($(grep -m1 'Requests/sec' "$OUT/wrk-$grant.txt" | awk '{print $2}') grants/s while recorded)"
    echo
    echo "| category | samples | share |"
    echo "|---|---|---|"
    jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 96 "$OUT/$grant.jfr" | categorise >"$OUT/$grant-categories.tsv"
    total=$(awk -F'\t' '$2 == "all samples" {print $1}' "$OUT/$grant-categories.tsv")
    grep -v 'all samples' "$OUT/$grant-categories.tsv" | sort -rn \
      | awk -F'\t' -v t="$total" '{printf "| %s | %d | %.1f %% |\n", $2, $1, t ? 100 * $1 / t : 0}'
    echo "| all | $total | 100 % |"
    if [ -n "$JFR21" ]; then
      echo
      echo "Top methods by own time (\`jfr view hot-methods\`):"
      echo
      echo '```'
      "$JFR21" view --width 160 hot-methods "$OUT/$grant.jfr" 2>/dev/null | sed -n '1,30p'
      echo '```'
    fi
  done
} >"$OUT/profile.md"
cat "$OUT/profile.md"
