#!/usr/bin/env bash
# Shared by the server benchmarks (server-bench.sh, before-after.sh): logging, tools, WildFly set-up, one wrk run.
# Sourced, not run, after ROOT, HERE, OUT, WARMUP, DURATION and SCHEMA are set.

WF_VERSION=39.0.1.Final
WF=$OUT/wildfly-$WF_VERSION
BASE=http://127.0.0.1:8080
USER_EMAIL=bench@example.com
USER_PASS=bench-user-pass-1
SECRET=bench-only-secret-0123456789abcdef-0123456789
THREADS=2
# every wrk run uses -t$THREADS; the scripts split token files by it (common.lua), and must know it before a thread's
# init runs, which wrk's setup() cannot tell them
export WRK_THREADS=$THREADS
CLK_TCK=$(getconf CLK_TCK)
export LUA_DIR=$HERE/wrk
WF_PID=""
RESULTS=$OUT/results.tsv

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

stop_wildfly() {
  if [ -n "$WF_PID" ] && kill -0 "$WF_PID" 2>/dev/null; then
    log "stopping WildFly (pid $WF_PID)"
    kill -TERM "$WF_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$WF_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$WF_PID" 2>/dev/null || true
  fi
  WF_PID=""
}

# the tools the benchmarks drive, installed from Debian when missing (as root); PostgreSQL must run; ports free
check_tools() {
  need=()
  for t in wrk jq curl psql; do command -v $t >/dev/null || need+=("$t"); done
  if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing: ${need[*]} (install them, or run as root)"
    pkgs=(); for t in "${need[@]}"; do [ "$t" = psql ] && pkgs+=(postgresql-client) || pkgs+=("$t"); done
    log "installing ${pkgs[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
  fi
  pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not running on 127.0.0.1:5432"
  if (ss -ltn 2>/dev/null || true) | grep -qE '127.0.0.1:(8080|9990)\b'; then die "ports 8080/9990 are taken"; fi
}

# the WildFly dist zip and the PostgreSQL driver from Maven Central, into $OUT
fetch_wildfly() {
  (cd "$OUT" && mvn -B -ntp -q dependency:unpack -Dartifact=org.wildfly:wildfly-dist:$WF_VERSION:zip \
    -DoutputDirectory="$OUT" && mvn -B -ntp -q dependency:copy -Dartifact=org.postgresql:postgresql:42.7.8 \
    -DoutputDirectory="$OUT") >"$OUT/wildfly-download.log" 2>&1 || die "WildFly download failed"
}

# $SCHEMA emptied; WildFly configured: custom mechanisms allowed, the PostgreSQL datasource NfBench on $SCHEMA, and
# the CLI commands in $EXTRA_CLI, if any
configure_wildfly() {
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; CREATE SCHEMA $SCHEMA;" \
    >/dev/null
  cat >"$OUT/configure.cli" <<EOF
embed-server --std-out=discard --server-config=standalone.xml
/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)
module add --name=org.postgresql --resources=$OUT/postgresql-42.7.8.jar --dependencies=java.se,jakarta.transaction.api
/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql,driver-module-name=org.postgresql,driver-class-name=org.postgresql.Driver)
data-source add --name=NfBench --jndi-name=java:jboss/datasources/NfBench --driver-name=postgresql --connection-url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA --user-name=postgres --password=unused --min-pool-size=8 --max-pool-size=${MAX_POOL:-40} --validate-on-match=true --background-validation=false --valid-connection-checker-class-name=org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker --exception-sorter-class-name=org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLExceptionSorter
${EXTRA_CLI:-}
stop-embedded-server
EOF
  "$WF/bin/jboss-cli.sh" --file="$OUT/configure.cli" >"$OUT/configure.log" 2>&1 || die "WildFly configuration failed"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$WF_PID/stat"; }
# $OUT/bench.properties: nf-identity on NfBench, Keycloak's Argon2id parameters, the bench user as bootstrap admin
write_properties() {
  cat >"$OUT/bench.properties" <<EOF
nf.identity.jwt.secret=$SECRET
nf.identity.datasource=java:jboss/datasources/NfBench
nf.identity.site-url=http://localhost:8080
nf.identity.cookie.secure=false
nf.identity.argon2.memory-kib=7168
nf.identity.argon2.iterations=5
nf.identity.argon2.parallelism=1
nf.identity.bootstrap-admin.email=$USER_EMAIL
nf.identity.bootstrap-admin.password=$USER_PASS
EOF
}

# starts WildFly (its default heap settings) with the system properties file $1 and waits for the WARs named after
# it (already copied to standalone/deployments) to be deployed; sets WF_PID
start_wildfly() {
  local props=$1; shift
  log "starting WildFly $WF_VERSION with $*"
  "$WF/bin/standalone.sh" -P "$props" >"$OUT/wildfly.out" 2>&1 &
  local war ready
  for _ in $(seq 1 300); do
    WF_PID=$(pgrep -f "jboss.home.dir=$WF" -n || true)
    ready=1
    for war in "$@"; do
      [ -f "$WF/standalone/deployments/$war.war.failed" ] \
        && die "$war failed to deploy, see $WF/standalone/log/server.log"
      [ -f "$WF/standalone/deployments/$war.war.deployed" ] || ready=0
    done
    [ "$ready" = 1 ] && break
    sleep 1
  done
  [ "$ready" = 1 ] || die "deployment timed out"
  WF_PID=$(pgrep -f "jboss.home.dir=$WF" -n)
  log "WildFly java pid $WF_PID"
}

# a new $RESULTS table, one row per run_wrk
start_results() {
  printf 'rep\ttest\tconc\trps\tp50_ms\tp99_ms\tnon2xx\tstatuses\tserver_cpu_ms_per_req\n' >"$RESULTS"
}

run_wrk() { # rep name conc lua url [args...]
  local rep=$1 name=$2 conc=$3 lua=$4 url=$5; shift 5
  local raw=$OUT/raw/$name-c$conc-r$rep.txt
  [ "$WARMUP" -gt 0 ] && [ "${NO_WARMUP:-0}" = 0 ] && \
    wrk -t$THREADS -c"$conc" -d"${WARMUP}s" --timeout 10s -s "$HERE/wrk/$lua" "$url" -- "$@" >"$raw.warmup" 2>&1
  local t0; t0=$(cpu_ticks)
  wrk -t$THREADS -c"$conc" -d"${DURATION}s" --latency --timeout 10s -s "$HERE/wrk/$lua" "$url" -- "$@" >"$raw" 2>&1
  local t1; t1=$(cpu_ticks)
  local line; line=$(grep '^RESULT' "$raw") || die "wrk failed, see $raw"
  g() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  local cpu; cpu=$(awk -v d=$((t1 - t0)) -v hz="$CLK_TCK" -v n="$(g requests)" 'BEGIN{printf "%.3f", n ? 1000*d/hz/n : 0}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$name" "$conc" "$(g rps)" "$(g p50_ms)" "$(g p99_ms)" \
    "$(g non2xx)" "$(g statuses)" "$cpu" >>"$RESULTS"
  log "  $name c$conc r$rep: $(g rps) req/s, p50 $(g p50_ms) ms, server CPU $cpu ms/req, statuses $(g statuses)"
}

median() { sort -n | awk '{a[NR]=$1} END{if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else printf "%.1f", (a[NR/2]+a[NR/2+1])/2}'; }
