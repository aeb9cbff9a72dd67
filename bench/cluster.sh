#!/usr/bin/env bash
# Three nodes, one PostgreSQL: three WildFly 39 instances of the sample (port offsets 0, 100, 200) behind HAProxy
# (round robin, no sticky sessions, health checks), checked as a cluster:
#   1. revocation everywhere: a logout on node 1 refused on nodes 2 and 3 (time measured: p50, max; goal < 1 s)
#   2. 100 concurrent signups of one address spread over the nodes create one user
#   3. 10 tabs refreshing one refresh token on three nodes all stay logged in (the grace interval)
#   4. reuse after the interval revokes the family on every node
#   5. brute-force limits count across nodes: 5 free guesses, then at most one a second, whichever node is asked
#   6. a node killed (SIGKILL) under load: requests fail over, no error; restarted, it rejoins; 20 browsers logged
#      in before the kill are still logged in on every node
#   9. the hourly cap of failed logins holds with guesses spread over the nodes (30, not 30 per node)
#  10. refreshes racing a logout everywhere on another node leave zero survivors: sessions refreshed in loops on all
#      three nodes while node 1 logs the user out, and one round with a refresh held before its commit (the user's
#      row locked from psql) while node 2 logs out; afterwards no refresh token refreshes and no access token works
#   7. (full mode) mixed load (cookie GETs, refreshes, logins, signups) with a node killed: only deliberate 429s;
#      every signup answered 200 is one user, and one whose answer died with the node is at most one
#   8. (full mode) throughput through HAProxy with one, two and three nodes: cookie GETs/s and logins/s
#  13. readiness: node 3 reaches PostgreSQL through a TCP proxy of its own; the proxy stopped under GETs that read the
#      database, node 3's /health answers 503, HAProxy takes it out, and no request fails; the proxy back, node 3
#      is ready again
#  11. notifications: a node killed while it is sending one (the receiver holds the request open): restarted, the
#      event arrives once, under its delivery id, from whichever node claims it when the lease ends
#  12. notifications: every event of the whole run (signups, logins, logouts, ...) delivered once by three nodes: the
#      delivered rows and the ids the receiver took are the same set, no id was sent twice, every signature checked
#      out (the receiver verifies both schemes with jsonwebtoken and standardwebhooks). Needs Node.js and npm; skipped
#      with a message without them
# Prints one line per check and a last line "N passed, N failed"; stops everything it started (by PID).
#
#   bench/cluster.sh            full run (about 12 minutes)
#   SHORT=1 bench/cluster.sh    checks 1 to 6 and 9 to 12, fewer rounds (about 6 minutes)
#   BUILT=1 bench/cluster.sh    use the sample EAR in identity-ear-sample/sample-ear/target as built (.ci/run, after
#                               its first step installed everything); otherwise the script builds it
#
# Needs: Java 17, Maven, PostgreSQL on 127.0.0.1:5432 (database test; schema nf_identity_cluster is recreated);
# installs haproxy, wrk, jq, curl from Debian when missing (as root). Ports 8000, 8080-8280 and 9990-10190 free.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=${OUT:-/tmp/nfid-cluster}
SHORT=${SHORT:-0}
SCHEMA=nf_identity_cluster
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
LATENCY_ROUNDS=${LATENCY_ROUNDS:-$([ "$SHORT" = 1 ] && echo 10 || echo 30)}
LB=http://127.0.0.1:8000
OFFSETS=(0 100 200)
NODE_PIDS=(0 0 0)
HAPROXY_PID=""
PASSED=0
FAILED=0

mkdir -p "$OUT/raw"
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

node_url() { echo "http://127.0.0.1:$((8080 + OFFSETS[$1]))"; }
node_dir() { echo "$OUT/node$(($1 + 1))"; }

stop_node() { # index
  local pid=${NODE_PIDS[$1]}
  if [ "$pid" != 0 ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  NODE_PIDS[$1]=0
}
RECEIVER_PID=""
DBPROXY_PID=""
stop_all() {
  [ -n "$DBPROXY_PID" ] && kill "$DBPROXY_PID" 2>/dev/null || true
  [ -n "$HAPROXY_PID" ] && kill "$HAPROXY_PID" 2>/dev/null || true
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null || true
  for i in 0 1 2; do stop_node "$i"; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

check() { # name ok(0|1) detail
  if [ "$2" = 0 ]; then PASSED=$((PASSED + 1)); printf 'PASS  %-58s %s\n' "$1" "$3"
  else FAILED=$((FAILED + 1)); printf 'FAIL  %-58s %s\n' "$1" "$3"; fi
}

# ---------------------------------------------------------------- tools, build, servers
need=()
for t in haproxy wrk jq curl psql; do command -v $t >/dev/null || need+=("$t"); done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing: ${need[*]}"
  pkgs=(); for t in "${need[@]}"; do [ "$t" = psql ] && pkgs+=(postgresql-client) || pkgs+=("$t"); done
  log "installing ${pkgs[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not running on 127.0.0.1:5432"
for p in 8000 8080 8180 8280 9990 10090 10190; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then die "port $p is taken"; fi
done

if [[ ${BUILT:-} == 1 ]] && ls "$ROOT"/identity-ear-sample/sample-ear/target/*.ear >/dev/null 2>&1; then
  log "using the sample EAR already built (BUILT=1)"
else
  log "building the sample EAR"
  (cd "$ROOT" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true install \
    -pl identity-api,identity-impl,identity-impl/galleon-pack,identity-ear-sample/sample-web,identity-ear-sample/sample-ear) \
    >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
fi
EAR=$(ls "$ROOT"/identity-ear-sample/sample-ear/target/*.ear | head -1)

log "fetching and configuring WildFly $WF_VERSION (one PostgreSQL schema for the three nodes)"
# a run starts from scratch: the unpack step skips what its markers say it did before
rm -rf "$WF" "$OUT"/node? "$OUT/target" "$OUT/\${project.basedir}"
fetch_wildfly
# three pools share PostgreSQL's max_connections (100 by default): 3 x 25 leaves room for psql and anything else that
# holds connections (the CI run of 2026-12-05 hit "too many clients" with 3 x 40 during the 100 concurrent signups)
MAX_POOL=25
log "PostgreSQL: $(psql -At -h 127.0.0.1 -U postgres -d test -c "SELECT count(*) || ' connections open of ' || \
  current_setting('max_connections') FROM pg_stat_activity") before the nodes start"
configure_wildfly
write_properties
cat >>"$OUT/bench.properties" <<EOF
nf.identity.site-url=http://127.0.0.1:8000
nf.identity.autoconfirm=true
nf.identity.refresh-token.reuse-interval=3
nf.identity.limits.account.free=5
nf.identity.limits.account.per-hour=30
nf.identity.limits.max-delay=1
nf.identity.limits.address.free=100000
nf.identity.limits.address.per-hour=10000000
nf.identity.argon2.memory-kib=4096
nf.identity.argon2.iterations=1
EOF
# the notifications' receiver (src-it/src/test/node/hooks/receiver.js): every node posts every event to it
NOTIFY_PORT=9898
NOTIFY_SECRET="whsec_$(printf 'cluster-notify-secret-0123456789abcdef' | base64 -w0)"
if command -v node >/dev/null && command -v npm >/dev/null; then
  rm -rf "$OUT/node-hooks"; cp -r "$ROOT/src-it/src/test/node/hooks" "$OUT/node-hooks"; rm -rf "$OUT/node-hooks/node_modules"
  (cd "$OUT/node-hooks" && npm ci --no-audit --no-fund >"$OUT/npm.log" 2>&1) || die "npm ci failed, see $OUT/npm.log"
  (cd "$OUT/node-hooks" && exec node receiver.js "$NOTIFY_PORT" "$NOTIFY_SECRET" >"$OUT/receiver.log" 2>&1) &
  RECEIVER_PID=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NOTIFY_PORT/deliveries" >/dev/null && break; sleep 0.2; done
  cat >>"$OUT/bench.properties" <<EOF
nf.identity.notify.urls=http://127.0.0.1:$NOTIFY_PORT/
nf.identity.notify.secret=$NOTIFY_SECRET
nf.identity.notify.signature=both
nf.identity.notify.timeout=3
nf.identity.notify.backoff=1
nf.identity.notify.attempts=10
nf.identity.notify.interval=1
EOF
else
  log "Node.js or npm missing: the notification checks (11, 12) are skipped"
fi
for i in 0 1 2; do
  cp -r "$WF" "$(node_dir $i)"
  cp "$EAR" "$(node_dir $i)/standalone/deployments/nf-identity-sample.ear"
done
# node 3 reaches PostgreSQL through a TCP proxy of its own (HAProxy in TCP mode on 5434), so check 13 can cut its
# database connection alone
DBPROXY_PORT=5434
sed -i "s#127.0.0.1:5432/test#127.0.0.1:$DBPROXY_PORT/test#" "$(node_dir 2)/standalone/configuration/standalone.xml"
grep -q "127.0.0.1:$DBPROXY_PORT/test" "$(node_dir 2)/standalone/configuration/standalone.xml" \
  || die "node 3's datasource URL was not rewritten"
cat >"$OUT/dbproxy.cfg" <<EOF
defaults
  mode tcp
  timeout connect 2s
  timeout client 1h
  timeout server 1h
frontend pg
  bind 127.0.0.1:$DBPROXY_PORT
  default_backend pg
backend pg
  server pg 127.0.0.1:5432
EOF
start_dbproxy() {
  haproxy -f "$OUT/dbproxy.cfg" >"$OUT/dbproxy.log" 2>&1 &
  DBPROXY_PID=$!
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$DBPROXY_PORT") 2>/dev/null && return; sleep 0.1; done
  die "the database proxy does not listen"
}
start_dbproxy

start_node() { # index
  local dir; dir=$(node_dir "$1")
  rm -f "$dir"/standalone/deployments/*.deployed "$dir"/standalone/deployments/*.failed
  "$dir/bin/standalone.sh" -P "$OUT/bench.properties" -Djboss.socket.binding.port-offset="${OFFSETS[$1]}" \
    -Djboss.node.name="node$(($1 + 1))" >"$OUT/node$(($1 + 1)).out" 2>&1 &
  for _ in $(seq 1 300); do
    [ -f "$dir/standalone/deployments/nf-identity-sample.ear.failed" ] && die "node $(($1 + 1)) failed to deploy"
    [ -f "$dir/standalone/deployments/nf-identity-sample.ear.deployed" ] && break
    sleep 1
  done
  [ -f "$dir/standalone/deployments/nf-identity-sample.ear.deployed" ] || die "node $(($1 + 1)) timed out"
  NODE_PIDS[$1]=$(pgrep -f "jboss.home.dir=$dir " -n || pgrep -f "jboss.home.dir=$dir" -n)
  log "node $(($1 + 1)) up on $(node_url "$1") (java pid ${NODE_PIDS[$1]})"
}

write_haproxy() { # the nodes behind the balancer, by index
  {
    cat <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch
  retry-on all-retryable-errors
frontend fe
  bind 127.0.0.1:8000
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /.netlify/identity/health
  http-check expect status 200
EOF
    for i in "$@"; do
      echo "  server node$((i + 1)) 127.0.0.1:$((8080 + OFFSETS[i])) check inter 500ms fall 2 rise 2"
    done
  } >"$OUT/haproxy.cfg"
}
start_haproxy() {
  [ -n "$HAPROXY_PID" ] && kill "$HAPROXY_PID" 2>/dev/null && sleep 0.5
  write_haproxy "$@"
  haproxy -f "$OUT/haproxy.cfg" >"$OUT/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  for _ in $(seq 1 50); do curl -sf "$LB/.netlify/identity/health" >/dev/null 2>&1 && return; sleep 0.2; done
  die "HAProxy does not answer"
}

for i in 0 1 2; do start_node "$i"; done
start_haproxy 0 1 2

# ---------------------------------------------------------------- helpers
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
signup() { # base email -> the answer
  curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$2\",\"password\":\"$USER_PASS\"}" \
    "$1/.netlify/identity/signup"
}
login() { # base email -> the token answer
  curl -s --data-urlencode grant_type=password --data-urlencode "username=$2" --data-urlencode "password=$3" \
    "$1/.netlify/identity/token"
}
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- 1. revocation everywhere
log "1. revocation: logout everywhere on node 1, refused on nodes 2 and 3 ($LATENCY_ROUNDS rounds)"
: >"$OUT/revocation.ms"
N1=$(node_url 0); N2=$(node_url 1); N3=$(node_url 2)
for r in $(seq 1 "$LATENCY_ROUNDS"); do
  email="revoke-$r-$RANDOM@cluster.example.com"
  signup "$N1" "$email" >/dev/null
  access=$(login "$N1" "$email" "$USER_PASS" | jq -r .access_token)
  for n in "$N2" "$N3"; do
    [ "$(status -H "Authorization: Bearer $access" "$n/api/user")" = 200 ] || die "node $n refuses a fresh token"
  done
  t0=$(now_ms)
  [ "$(status -X POST -H "Authorization: Bearer $access" "$N1/.netlify/identity/logout")" = 204 ] || die "logout"
  done2=0; done3=0
  while [ $(( $(now_ms) - t0 )) -lt 10000 ]; do
    [ "$done2" = 0 ] && [ "$(status -H "Authorization: Bearer $access" "$N2/api/user")" = 401 ] && done2=$(( $(now_ms) - t0 ))
    [ "$done3" = 0 ] && [ "$(status -H "Authorization: Bearer $access" "$N3/api/user")" = 401 ] && done3=$(( $(now_ms) - t0 ))
    [ "$done2" != 0 ] && [ "$done3" != 0 ] && break
  done
  echo $(( done2 > done3 ? done2 : done3 )) >>"$OUT/revocation.ms"
done
P50=$(median <"$OUT/revocation.ms"); MAX=$(sort -n "$OUT/revocation.ms" | tail -1)
ZERO=$(grep -c '^0$' "$OUT/revocation.ms" || true)
check "revocation on the other nodes (p50 / max, goal < 1000 ms)" \
  "$([ "$ZERO" = 0 ] && [ "$MAX" -lt 1000 ] && echo 0 || echo 1)" "p50 ${P50} ms, max ${MAX} ms (incl. the polls' own round trips)"

# ---------------------------------------------------------------- 2. concurrent signups of one address
log "2. 100 concurrent signups of one address through HAProxy"
email="same-$RANDOM@cluster.example.com"
pids=()
for _ in $(seq 1 100); do signup "$LB" "$email" >/dev/null & pids+=($!); done
wait "${pids[@]}"
COUNT=$(psql -At -h 127.0.0.1 -U postgres -d test \
  -c "SELECT COUNT(*) FROM $SCHEMA.nf_users WHERE email_key = lower('$email')")
check "100 concurrent signups of one address, three nodes" "$([ "$COUNT" = 1 ] && echo 0 || echo 1)" "$COUNT user(s)"

# ---------------------------------------------------------------- 3. 10 tabs refreshing one token
log "3. ten tabs refresh one refresh token at once, spread over the nodes"
email="tabs-$RANDOM@cluster.example.com"; signup "$LB" "$email" >/dev/null
REFRESH=$(login "$LB" "$email" "$USER_PASS" | jq -r .refresh_token)
pids=()
for t in $(seq 1 10); do
  curl -s -o "$OUT/raw/tab$t.json" -w '%{http_code}\n' --data-urlencode grant_type=refresh_token \
    --data-urlencode "refresh_token=$REFRESH" "$LB/.netlify/identity/token" >"$OUT/raw/tab$t.status" &
  pids+=($!)
done
wait "${pids[@]}"
OK=$(cat "$OUT"/raw/tab*.status | grep -c '^200$' || true)
check "10 tabs refreshing one token on three nodes stay logged in" "$([ "$OK" = 10 ] && echo 0 || echo 1)" "$OK of 10 got 200"

# ---------------------------------------------------------------- 4. reuse after the interval
log "4. reuse of the rotated token after the interval (3 s here)"
SUCCESSOR=$(jq -r .refresh_token "$OUT/raw/tab1.json")
sleep 4
REUSE=$(status --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$REFRESH" "$N2/.netlify/identity/token")
AFTER=$(status --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$SUCCESSOR" "$N3/.netlify/identity/token")
check "reuse after the interval revokes the family on every node" \
  "$([ "$REUSE" = 400 ] && [ "$AFTER" = 400 ] && echo 0 || echo 1)" "reuse on node 2: $REUSE; successor on node 3: $AFTER"

# ---------------------------------------------------------------- 5. brute force across nodes
log "5. 40 wrong passwords for one account, spread over the nodes"
email="guessed-$RANDOM@cluster.example.com"; signup "$LB" "$email" >/dev/null
: >"$OUT/guesses"
T0=$(now_ms)
for g in $(seq 1 40); do
  status --data-urlencode grant_type=password --data-urlencode "username=$email" \
    --data-urlencode "password=wrong-$g" "$(node_url $((g % 3)))/.netlify/identity/token" >>"$OUT/guesses"
  echo >>"$OUT/guesses"
done
ELAPSED=$(( ($(now_ms) - T0 + 999) / 1000 ))
EVALUATED=$(grep -c '^400$' "$OUT/guesses" || true); LIMITED=$(grep -c '^429$' "$OUT/guesses" || true)
# the delay after the free guesses is 1 s here (max-delay): in ELAPSED seconds, one account gets at most 5 + ELAPSED
# + 1 guesses checked, whichever nodes they go to (counted per node, it would be 15 at once)
check "brute-force limits count across nodes (5 free, then waits)" \
  "$([ "$EVALUATED" -le $((5 + ELAPSED + 1)) ] && [ $((EVALUATED + LIMITED)) = 40 ] && echo 0 || echo 1)" \
  "$EVALUATED guesses checked in ${ELAPSED} s, $LIMITED refused with 429"

# ---------------------------------------------------------------- 6. a node killed under load
log "6. cookie GETs through HAProxy for ${DURATION} s; node 2 killed a third of the way in, then restarted"
email="steady-$RANDOM@cluster.example.com"; signup "$LB" "$email" >/dev/null
ACCESS=$(login "$LB" "$email" "$USER_PASS" | jq -r .access_token)
# 20 browsers, each logged in through HAProxy with the sample's cookie login (nf_jwt + nf_refresh in its jar)
for b in $(seq 1 20); do
  addr="browser-$b-$RANDOM@cluster.example.com"; jar="$OUT/browser-$b.jar"; rm -f "$jar"
  signup "$LB" "$addr" >/dev/null
  curl -s -o /dev/null -c "$jar" -H "Origin: http://127.0.0.1:8000" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$addr\",\"password\":\"$USER_PASS\"}" "$LB/api/login"
done
start_results
(
  sleep $((DURATION / 3)); log "   killing node 2 (SIGKILL)"; kill -KILL "${NODE_PIDS[1]}"
) &
KILLER=$!
WF_PID=${NODE_PIDS[0]} NO_WARMUP=1 run_wrk 1 kill-node 8 get.lua "$LB/api/user" Cookie "nf_jwt=$ACCESS"
wait "$KILLER" || true
NODE_PIDS[1]=0
start_node 1
REJOINED=$(status -H "Cookie: nf_jwt=$ACCESS" "$N2/api/user")
KILL_ROW=$(grep kill-node "$RESULTS" | tail -1)
NON2XX=$(echo "$KILL_ROW" | cut -f7)
check "a node killed under load: no failed request; it rejoins" \
  "$([ "$NON2XX" = 0 ] && [ "$REJOINED" = 200 ] && echo 0 || echo 1)" \
  "$(echo "$KILL_ROW" | cut -f4) req/s, non-2xx $NON2XX ($(echo "$KILL_ROW" | cut -f8)); restarted node: $REJOINED"
# each browser's access cookie dropped first (as if expired): its first request refreshes from nf_refresh on some
# node and the jar keeps the rotated cookies, which the other nodes then accept
STILL=0
for b in $(seq 1 20); do
  jar="$OUT/browser-$b.jar"; sed -i '/\tnf_jwt\t/d' "$jar"; ok=1
  for n in "$N1" "$N2" "$N3"; do [ "$(status -b "$jar" -c "$jar" "$n/api/user")" = 200 ] || ok=0; done
  grep -q $'\tnf_jwt\t' "$jar" || ok=0
  STILL=$((STILL + ok))
done
check "browsers logged in before the kill stay logged in everywhere" "$([ "$STILL" = 20 ] && echo 0 || echo 1)" \
  "$STILL of 20: refreshed from nf_refresh, then 200 on each node (the restarted one included)"

# ---------------------------------------------------------------- 7. mixed load while a node dies (full mode)
if [ "$SHORT" != 1 ]; then
  log "7. mixed load through HAProxy (cookie GETs, refreshes, logins, signups) for 30 s; node 3 killed at 10 s"
  : >"$OUT/refresh.txt"
  for _ in $(seq 1 8); do login "$LB" "$email" "$USER_PASS" | jq -r .refresh_token >>"$OUT/refresh.txt"; done
  PREFIX="mixed$RANDOM"
  mixed() { # name conc lua url args...
    local name=$1 conc=$2 lua=$3 url=$4; shift 4
    WRK_THREADS=1 wrk -t1 -c"$conc" -d30s --timeout 10s -s "$HERE/wrk/$lua" "$url" -- "$@" >"$OUT/raw/mixed-$name.txt" 2>&1
  }
  mixed get 6 get.lua "$LB/api/user" Cookie "nf_jwt=$ACCESS" & P1=$!
  mixed refresh 2 refresh.lua "$LB/.netlify/identity/token" "$OUT/refresh.txt" & P2=$!
  mixed login 1 password.lua "$LB/.netlify/identity/token" "$email" "$USER_PASS" & P3=$!
  mixed signup 1 signup.lua "$LB/.netlify/identity/signup" "$PREFIX" cluster.example.com "$USER_PASS" & P4=$!
  sleep 10; log "   killing node 3 (SIGKILL)"; kill -KILL "${NODE_PIDS[2]}"; NODE_PIDS[2]=0
  wait "$P1" "$P2" "$P3" "$P4"
  start_node 2
  row() { sed -n 's/^RESULT //p' "$OUT/raw/mixed-$1.txt"; }
  field() { row "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
  SIGNED=$(field signup statuses | tr ',' '\n' | sed -n 's/^200://p'); SIGNED=${SIGNED:-0}
  USERS=$(psql -At -h 127.0.0.1 -U postgres -d test \
    -c "SELECT COUNT(*) FROM $SCHEMA.nf_users WHERE email_key LIKE '$PREFIX-%'")
  BAD=0
  for w in get refresh signup; do [ "$(field $w non2xx)" = 0 ] || BAD=1; done
  LOGIN_BAD=$(field login statuses | tr ',' '\n' | { grep -vcE '^(200|429):' || true; })
  [ "$LOGIN_BAD" = 0 ] || BAD=1
  # a signup without an answer (in flight when wrk stopped, or on the node as it was killed) may still have made its
  # user, once: every 200 is a user, and at most one more per unanswered request
  UNANSWERED=$(( $(field signup requests) - SIGNED + 1 + $(field signup socket_errors) ))
  { [ "$USERS" -ge "$SIGNED" ] && [ "$USERS" -le $((SIGNED + UNANSWERED)) ]; } || BAD=1
  check "mixed load, a node killed: no error but deliberate 429s" "$BAD" \
    "GET $(field get statuses); refresh $(field refresh statuses); login $(field login statuses); signups answered 200: $SIGNED (no answer: $(field signup socket_errors)), users $USERS"
fi

# ---------------------------------------------------------------- 8. throughput with 1, 2, 3 nodes
if [ "$SHORT" != 1 ]; then
  log "8. throughput through HAProxy with one, two and three nodes"
  for n in 1 2 3; do
    case $n in 1) start_haproxy 0 ;; 2) start_haproxy 0 1 ;; 3) start_haproxy 0 1 2 ;; esac
    sleep 2
    WF_PID=${NODE_PIDS[0]} run_wrk 1 "get-$n-nodes" 16 get.lua "$LB/api/user" Cookie "nf_jwt=$ACCESS"
    WF_PID=${NODE_PIDS[0]} run_wrk 1 "login-$n-nodes" 8 password.lua "$LB/.netlify/identity/token" "$email" "$USER_PASS"
  done
  for n in 1 2 3; do
    g=$(grep "get-$n-nodes" "$RESULTS" | cut -f4); l=$(grep "login-$n-nodes" "$RESULTS" | cut -f4)
    printf 'INFO  %-58s %s\n' "$n node(s): cookie GETs/s, logins/s" "$g, $l"
  done
fi

# ---------------------------------------------------------------- 10. refreshes racing logout across nodes
RACE_ROUNDS=${RACE_ROUNDS:-$([ "$SHORT" = 1 ] && echo 5 || echo 20)}
log "10. refreshes on three nodes racing a logout everywhere ($RACE_ROUNDS rounds, then one with a held commit)"
refresher() { # node-index first-refresh-token outfile: rotates its chain until refused, each pair on its own line
  local tok=$2 url ans nxt; url=$(node_url "$1")
  for _ in $(seq 1 80); do
    ans=$(curl -s --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$tok" \
      "$url/.netlify/identity/token")
    nxt=$(echo "$ans" | jq -r '.refresh_token // empty' 2>/dev/null)
    [ -z "$nxt" ] && break
    echo "$(echo "$ans" | jq -r .access_token) $nxt" >>"$3"
    tok=$nxt
  done
}
survivors() { # email files... -> how many refresh or access tokens of the race still work, and live tokens in the DB
  local email=$1 n=0 last access refresh code; shift
  for f in "$@"; do
    [ -s "$f" ] || continue
    last=$(tail -1 "$f"); access=${last%% *}; refresh=${last##* }
    code=$(status --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$refresh" \
      "$N2/.netlify/identity/token")
    [ "$code" = 200 ] && n=$((n + 1))
    # other nodes drop their cached state on the logout's notice: allow it a moment to arrive
    for _ in $(seq 1 30); do
      code=$(status -H "Authorization: Bearer $access" "$N3/api/user"); [ "$code" = 401 ] && break; sleep 0.1
    done
    [ "$code" = 401 ] || n=$((n + 1))
  done
  live=$(psql -At -h 127.0.0.1 -U postgres -d test -c "SELECT COUNT(*) FROM $SCHEMA.nf_refresh_tokens t JOIN \
    $SCHEMA.nf_users u ON u.id = t.user_id WHERE u.email_key = lower('$email') AND t.revoked_at IS NULL")
  echo $((n + live))
}
SURVIVORS=0; ROTATIONS=0
for r in $(seq 1 "$RACE_ROUNDS"); do
  email="race-$r-$RANDOM@cluster.example.com"; signup "$LB" "$email" >/dev/null
  files=(); pids=(); first=""
  for k in 0 1 2 3 4 5; do
    ans=$(login "$(node_url $((k % 3)))" "$email" "$USER_PASS")
    [ -z "$first" ] && first=$(echo "$ans" | jq -r .access_token)
    f="$OUT/raw/race-$r-$k"; : >"$f"; files+=("$f")
    refresher $((k % 3)) "$(echo "$ans" | jq -r .refresh_token)" "$f" & pids+=($!)
  done
  sleep "0.$((r % 4 + 5))"
  [ "$(status -X POST -H "Authorization: Bearer $first" "$N1/.netlify/identity/logout")" = 204 ] || die "logout"
  wait "${pids[@]}"
  ROTATIONS=$((ROTATIONS + $(cat "${files[@]}" | wc -l)))
  SURVIVORS=$((SURVIVORS + $(survivors "$email" "${files[@]}")))
done
# one round made to order: node 3's refresh has revoked its token and waits (the user's row is held, its successor's
# foreign key needs it) while node 2 logs the user out everywhere
email="held-$RANDOM@cluster.example.com"; signup "$LB" "$email" >/dev/null
ans=$(login "$N3" "$email" "$USER_PASS"); held_access=$(echo "$ans" | jq -r .access_token)
psql -q -h 127.0.0.1 -U postgres -d test -c "BEGIN; SELECT id FROM $SCHEMA.nf_users WHERE email_key = lower('$email') \
  FOR UPDATE; SELECT pg_sleep(1.5); COMMIT;" >/dev/null & HOLD=$!
sleep 0.3
curl -s --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$(echo "$ans" | jq -r .refresh_token)" \
  "$N3/.netlify/identity/token" >"$OUT/raw/held.json" & STALLED=$!
sleep 0.3
[ "$(status -X POST -H "Authorization: Bearer $held_access" "$N2/.netlify/identity/logout")" = 204 ] || die "logout"
wait "$STALLED" "$HOLD"
f="$OUT/raw/race-held"; : >"$f"
if jq -e .refresh_token "$OUT/raw/held.json" >/dev/null 2>&1; then
  echo "$(jq -r .access_token "$OUT/raw/held.json") $(jq -r .refresh_token "$OUT/raw/held.json")" >"$f"
fi
HELD=$(survivors "$email" "$f")
check "refreshes racing a logout on another node: zero survivors" \
  "$([ "$SURVIVORS" = 0 ] && [ "$HELD" = 0 ] && [ "$ROTATIONS" -gt 0 ] && echo 0 || echo 1)" \
  "$RACE_ROUNDS rounds, $ROTATIONS rotations on 3 nodes: $SURVIVORS survivors; held commit: $HELD survivors"

# ---------------------------------------------------------------- 9. the hourly cap across nodes
log "9. wrong passwords for one account over the nodes, waiting as told, until the hourly cap (30) answers"
capped="capped-$RANDOM@cluster.example.com"; signup "$LB" "$capped" >/dev/null
CHECKED=0; CAPPED=""
for g in $(seq 1 200); do
  headers=$(curl -s -D - -o /dev/null --data-urlencode grant_type=password --data-urlencode "username=$capped" \
    --data-urlencode "password=wrong-$g" "$(node_url $((g % 3)))/.netlify/identity/token")
  code=$(printf '%s\n' "$headers" | sed -n 1p | cut -d' ' -f2)
  wait_s=$(echo "$headers" | tr -d '\r' | sed -n 's/^[Rr]etry-[Aa]fter: //p')
  if [ "$code" = 400 ]; then CHECKED=$((CHECKED + 1))
  elif [ "$code" = 429 ] && [ "${wait_s:-0}" -le 1 ]; then sleep "$wait_s"
  elif [ "$code" = 429 ]; then CAPPED=$wait_s; break
  else die "unexpected answer $code to a wrong password"; fi
done
RIGHT=""
for n in "$N1" "$N2" "$N3"; do
  RIGHT="$RIGHT$(status --data-urlencode grant_type=password --data-urlencode "username=$capped" \
    --data-urlencode "password=$USER_PASS" "$n/.netlify/identity/token") "
done
check "the hourly cap holds across nodes (30 failed logins an hour)" \
  "$([ "$CHECKED" = 30 ] && [ -n "$CAPPED" ] && [ "$RIGHT" = "429 429 429 " ] && echo 0 || echo 1)" \
  "$CHECKED wrong passwords checked over 3 nodes, then 429 for ${CAPPED:-?} s; the right password then: $RIGHT"

# ---------------------------------------------------------------- 13. readiness: a node without its database
log "13. node 3's database connection cut under GETs that read the database; readiness takes it out of HAProxy"
email="ready-$RANDOM@cluster.example.com"; signup "$LB" "$email" >/dev/null
ACCESS=$(login "$LB" "$email" "$USER_PASS" | jq -r .access_token)
(
  sleep $((DURATION / 3)); log "   stopping node 3's database proxy"; kill "$DBPROXY_PID"
) &
CUTTER=$!
WF_PID=${NODE_PIDS[0]} NO_WARMUP=1 run_wrk 1 db-cut 8 get.lua "$LB/.netlify/identity/user" Authorization "Bearer $ACCESS"
wait "$CUTTER" || true
DBPROXY_PID=""
N3_USER=$(status -H "Authorization: Bearer $ACCESS" "$N3/.netlify/identity/user")
N3_HEALTH=$(status "$N3/.netlify/identity/health")
start_dbproxy
BACK=""
for _ in $(seq 1 60); do
  [ "$(status "$N3/.netlify/identity/health")" = 200 ] && BACK=200 && break; sleep 0.5
done
CUT_ROW=$(grep db-cut "$RESULTS" | tail -1)
CUT_NON2XX=$(echo "$CUT_ROW" | cut -f7)
check "a node without its database leaves HAProxy: no failed request" \
  "$([ "$CUT_NON2XX" = 0 ] && [ "$N3_USER" = 503 ] && [ "$N3_HEALTH" = 503 ] && [ "$BACK" = 200 ] && echo 0 || echo 1)" \
  "$(echo "$CUT_ROW" | cut -f4) req/s, non-2xx $CUT_NON2XX; node 3 cut: /user $N3_USER, /health $N3_HEALTH; proxy back: ${BACK:-not ready}"

# ---------------------------------------------------------------- 11. a node killed mid-send
notified() { curl -s "http://127.0.0.1:$NOTIFY_PORT/deliveries"; }
sql() { psql -At -h 127.0.0.1 -U postgres -d test -c "$1"; }
if [ -n "$RECEIVER_PID" ]; then
  log "11. a node killed while it sends a notification the receiver holds open; restarted, the event arrives once"
  email="hang-$RANDOM@cluster.example.com"
  signup "$N1" "$email" >/dev/null
  HELD=""
  for _ in $(seq 1 100); do
    HELD=$(notified | jq -r --arg e "$email" '.deliveries | to_entries[] | select(.value.email == $e) | .key')
    [ -n "$HELD" ] && [ "$(notified | jq .held)" -ge 1 ] && break; sleep 0.1
  done
  # the sender: the node that owns the client end of the connection the receiver holds
  PORT_HELD=$(notified | jq -r '.held_ports[0] // empty')
  KILLED=()
  for i in 0 1 2; do
    pid=${NODE_PIDS[$i]}
    if [ -n "$PORT_HELD" ] && ss -tnpH "( sport = :$PORT_HELD and dport = :$NOTIFY_PORT )" 2>/dev/null \
        | grep -q "pid=$pid,"; then
      kill -KILL "$pid"; NODE_PIDS[$i]=0; KILLED+=("$((i + 1))")
    fi
  done
  ROW=$(sql "SELECT state || ' ' || attempts FROM $SCHEMA.nf_notifications WHERE id = '${HELD:-00000000-0000-0000-0000-000000000000}'")
  curl -s -X POST "http://127.0.0.1:$NOTIFY_PORT/release" >/dev/null
  for n in "${KILLED[@]}"; do start_node "$((n - 1))"; done
  TAKEN=0
  for _ in $(seq 1 120); do
    TAKEN=$(notified | jq --arg id "${HELD:-none}" '.deliveries[$id].taken // 0')
    [ "$TAKEN" = 1 ] && break; sleep 1
  done
  D=$(notified | jq -c --arg id "${HELD:-none}" '.deliveries[$id] | {tries, taken, repeats}')
  check "a node killed mid-send: restarted, the event arrives once" \
    "$([ -n "$HELD" ] && [ ${#KILLED[@]} = 1 ] && [ "$ROW" = "pending 1" ] && [ "$TAKEN" = 1 ] \
       && [ "$(echo "$D" | jq .repeats)" = 0 ] && echo 0 || echo 1)" \
    "node ${KILLED[*]:-?} killed while it sent it (its row then: $ROW); after the lease: $D"

  # -------------------------------------------------------------- 12. every event of the run delivered once
  log "12. every notification of the run delivered once by three nodes"
  for _ in $(seq 1 120); do
    [ "$(sql "SELECT COUNT(*) FROM $SCHEMA.nf_notifications WHERE state = 'pending'")" = 0 ] && break; sleep 1
  done
  sql "SELECT id FROM $SCHEMA.nf_notifications WHERE state = 'delivered'" | LC_ALL=C sort >"$OUT/delivered.ids"
  notified | jq -r '.deliveries | to_entries[] | select(.value.taken == 1) | .key' | LC_ALL=C sort >"$OUT/taken.ids"
  ROWS=$(wc -l <"$OUT/delivered.ids"); TOOK=$(wc -l <"$OUT/taken.ids")
  OTHER=$(sql "SELECT COUNT(*) FROM $SCHEMA.nf_notifications WHERE state <> 'delivered'")
  REPEATS=$(notified | jq '[.deliveries[].repeats] | add // 0')
  BAD=$(notified | jq .bad_signature)
  check "every event of the run delivered once by three nodes" \
    "$([ "$ROWS" -gt 100 ] && cmp -s "$OUT/delivered.ids" "$OUT/taken.ids" && [ "$OTHER" = 0 ] \
       && [ "$REPEATS" = 0 ] && [ "$BAD" = 0 ] && echo 0 || echo 1)" \
    "$ROWS delivered, $TOOK ids taken by the receiver, $OTHER not delivered, $REPEATS sent twice, $BAD bad signatures"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
