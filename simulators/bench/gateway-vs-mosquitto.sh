#!/usr/bin/env bash
# Gateway benchmarks of issue 3, side by side with Debian's Mosquitto 2.0.11, in one run:
#   1. QoS 1 publish -> PUBACK with valid telemetry, many clients: max msgs/s, then latency at
#      half of the gateway's max rate (same rate for both brokers);
#   2. publish -> subscriber delivery at QoS 0 and 1 (pure routing; gateway in the insecure
#      development profile, topics bench/{i} outside the vehicle contract, so nothing is stored);
#   3. idle connections: heap (after a full GC) and RSS per connection at two connection counts.
# Starts Kafka (the project's io.pitwall.localservices.KafkaBroker), the gateway and Mosquitto on
# free loopback ports, runs `pitwall-sim load` against each with identical parameters, and stops
# every process it started by PID on exit. Results: $WORK/results.md, raw logs under $WORK.
#
# Needs the built jars (ingest-gateway and simulators `-all` jars, local-services classes) and
# /tmp/ls.cp (or LS_CP) = `mvn -B -o -q dependency:build-classpath -pl local-services -Dmdep.outputFile=/tmp/ls.cp`.
#
# Knobs (environment): WORK, PUB_CONNS (200), INFLIGHT (16 per connection), DURATION (20s),
# WARMUP (15s of the same load before each measured publishing run, left out of the figures),
# ROUTE_CONNS (100 publisher/subscriber pairs), ROUTE_RATE (fixed rate of the latency run, 10000),
# IDLE_RUNS ("10000:1 50000:3": total connections:server processes), GW_HEAP (-Xmx1g),
# ONLY ("all", or any of "qos1 routing idle").
# An idle load connection costs about 2.5 KiB of the load JVM's heap (a publishing one about 5 KiB
# with a 100-message in-flight window), so the idle-connection load processes get -Xmx of 512 MiB
# plus IDLE_LOAD_KIB_PER_CONN (16) KiB per connection. Every process stays below the 20,000 open
# files a process may hold here, which is why 50,000 connections are spread over three servers.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/simulators/bench"
GW_JAR="$ROOT/ingest-gateway/target/pitwall-ingest-gateway-0.1.0-SNAPSHOT-all.jar"
SIM_JAR="$ROOT/simulators/target/pitwall-simulators-0.1.0-SNAPSHOT-all.jar"
LS_CP="${LS_CP:-/tmp/ls.cp}"
WORK="${WORK:-/tmp/pitwall-gw-bench}"
PUB_CONNS="${PUB_CONNS:-200}"
INFLIGHT="${INFLIGHT:-16}"
DURATION="${DURATION:-20s}"
ROUTE_CONNS="${ROUTE_CONNS:-100}"
ROUTE_RATE="${ROUTE_RATE:-10000}"
WARMUP="${WARMUP:-15s}"
IDLE_RUNS="${IDLE_RUNS:-10000:1 50000:3}"
GW_HEAP="${GW_HEAP:--Xmx1g}"
IDLE_LOAD_KIB_PER_CONN="${IDLE_LOAD_KIB_PER_CONN:-16}"   # KiB of load-JVM heap per idle connection, with room to spare
ONLY="${ONLY:-all}"

for f in "$GW_JAR" "$SIM_JAR" "$LS_CP" /usr/sbin/mosquitto; do
    [[ -e "$f" ]] || { echo "missing $f" >&2; exit 2; }
done
[[ -n "$WORK" && "$WORK" != / ]] || { echo "refusing WORK=$WORK" >&2; exit 2; }
rm -rf "$WORK"; mkdir -p "$WORK"; chmod 755 "$WORK"
RESULTS="$WORK/results.md"
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%T)] $*" >&2; }
out() { echo "$*" >> "$RESULTS"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_s() { awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
established() { ss -Htn state established "( sport = :$1 )" | wc -l; }
# Live heap after a full GC: GC.class_histogram runs a full collection and totals live objects.
live_heap_kib() { jcmd "$1" GC.class_histogram 2>/dev/null | awk '/^Total/ {printf "%d", $3/1024}'; }
heap_used_kib() { jcmd "$1" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1; }
stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
}
wait_port() {
    for _ in $(seq 1 300); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
    echo "port $1 never opened" >&2; return 1
}

# ---- Kafka -----------------------------------------------------------------------------------
start_kafka() {
    log "starting Kafka (io.pitwall.localservices.KafkaBroker)"
    java -cp "$ROOT/local-services/target/classes:$(cat "$LS_CP")" "$BENCH/KafkaLauncher.java" "$WORK/kafka" \
        > "$WORK/kafka-launcher.log" 2>&1 &
    PIDS+=($!)
    KAFKA_LAUNCHER=$!
    for _ in $(seq 1 600); do grep -q '^KAFKA_PID=' "$WORK/kafka-launcher.log" && break; sleep 0.2; done
    BOOTSTRAP=$(sed -n 's/^BOOTSTRAP=//p' "$WORK/kafka-launcher.log")
    KAFKA_PID=$(sed -n 's/^KAFKA_PID=//p' "$WORK/kafka-launcher.log")
    [[ -n "$BOOTSTRAP" ]] || { cat "$WORK/kafka-launcher.log" >&2; exit 1; }
    PIDS+=("$KAFKA_PID")
    log "Kafka at $BOOTSTRAP (pid $KAFKA_PID)"
}

# ---- devices ---------------------------------------------------------------------------------
register_devices() {
    # One seed; load processes take disjoint vehicle ranges (--first-vehicle), so no two share a VIN.
    local most=$PUB_CONNS entry
    for entry in $IDLE_RUNS; do (( ${entry%%:*} > most )) && most=${entry%%:*}; done
    java -jar "$SIM_JAR" load --connections "$most" --seed 42 --write-devices "$WORK/secrets-42.json" > /dev/null
    java -cp "$GW_JAR" "$BENCH/RegisterDevices.java" "$WORK/devices.json" "$WORK/secrets-42.json" >&2
}

# ---- servers ---------------------------------------------------------------------------------
start_gateway() { # $1 = label, rest = extra flags
    local label=$1; shift
    GW_PORT=$(free_port); GW_HTTP=$(free_port)
    log "starting gateway ($label) on $GW_PORT"
    java $GW_HEAP -jar "$GW_JAR" serve --port "$GW_PORT" --http-port "$GW_HTTP" --kafka "$BOOTSTRAP" \
        --devices "$WORK/devices.json" --max-connections 19500 --max-connects-per-ip 1000000 \
        --max-publishes-per-second 1000000 --max-publish-bytes-per-second 1000000000 \
        "$@" > "$WORK/gateway-$label.log" 2>&1 &
    GW_PID=$!
    PIDS+=("$GW_PID")
    wait_port "$GW_PORT"
    for _ in $(seq 1 150); do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GW_HTTP/health/ready")" == 200 ]] && break
        sleep 0.2
    done
}

start_mosquitto() { # $1 = label
    MQ_PORT=$(free_port)
    cat > "$WORK/mosquitto-$1.conf" <<EOF
listener $MQ_PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest stdout
log_type error
log_type warning
connection_messages false
EOF
    chmod 644 "$WORK/mosquitto-$1.conf"
    log "starting Mosquitto ($1) on $MQ_PORT"
    /usr/sbin/mosquitto -c "$WORK/mosquitto-$1.conf" > "$WORK/mosquitto-$1.log" 2>&1 &
    MQ_PID=$!
    PIDS+=("$MQ_PID")
    wait_port "$MQ_PORT"
}

# ---- load ------------------------------------------------------------------------------------
# run_load LOGNAME PORT ARGS... ; prints nothing, leaves the summary in $WORK/LOGNAME.log
run_load() {
    local name=$1 port=$2; shift 2
    echo "java -jar $SIM_JAR load --port $port $*" > "$WORK/$name.cmd"
    java -Xmx1g -jar "$SIM_JAR" load --port "$port" "$@" > "$WORK/$name.log" 2> "$WORK/$name.progress" &
    local pid=$!
    PIDS+=("$pid")
    wait "$pid" || true
}
field_rate_acked() { sed -n 's/.* acknowledged (\([0-9]*\)\/s).*/\1/p' "$WORK/$1.log"; }
field_rate_sent() { sed -n 's/.* sent (\([0-9]*\)\/s).*/\1/p' "$WORK/$1.log"; }
field_errors() { sed -n 's/.*, \([0-9]*\) errors, \([0-9]*\) unacknowledged.*/\1 err, \2 unacked/p' "$WORK/$1.log"; }
field_conns() { sed -n 's/^connections: \([0-9]*\) open, \([0-9]*\) failed.*/\1\/\2/p' "$WORK/$1.log"; }
field_lat() { sed -n 's/.*p50 \([0-9.]*\) | p90 [0-9.]* | p99 \([0-9.]*\) | p99.9 \([0-9.]*\) | max \([0-9.]*\).*/\1 | \2 | \3 | \4/p' "$WORK/$1.log"; }

load_row() { # broker name run-label
    echo "| $1 | $3 | $(field_conns "$2") | $(field_rate_sent "$2") | $(field_rate_acked "$2") | $(field_lat "$2") | $(field_errors "$2") | $(loadavg) |"
}

# ---- 1. QoS 1 publish -> PUBACK ----------------------------------------------------------------
bench_qos1() {
    start_gateway prod
    start_mosquitto qos1
    local common=(--connections "$PUB_CONNS" --qos 1 --inflight "$INFLIGHT" --warmup "$WARMUP" --duration "$DURATION" --sources 4 --signals 10)
    out "## 1. QoS 1 publish -> PUBACK, $PUB_CONNS connections, valid telemetry (10 signals, ~420 B)"
    out ""
    out "| broker | run | conns open/failed | sent/s | acked/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | load avg |"
    out "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    log "QoS 1 max: gateway"
    local c0 k0 c1 k1 m0 m1
    c0=$(cpu_s "$GW_PID"); k0=$(cpu_s "$KAFKA_PID")
    run_load q1-max-gateway "$GW_PORT" "${common[@]}" --rate 0
    c1=$(cpu_s "$GW_PID"); k1=$(cpu_s "$KAFKA_PID")
    local gw_rss_max gw_hwm gw_heap
    gw_rss_max=$(rss_kib "$GW_PID"); gw_hwm=$(hwm_kib "$GW_PID"); gw_heap=$(heap_used_kib "$GW_PID")
    out "$(load_row gateway q1-max-gateway "max (rate 0, $INFLIGHT in flight/conn)")"
    log "QoS 1 max: mosquitto"
    m0=$(cpu_s "$MQ_PID")
    run_load q1-max-mosquitto "$MQ_PORT" "${common[@]}" --rate 0 --username none
    m1=$(cpu_s "$MQ_PID")
    local mq_rss_max mq_hwm
    mq_rss_max=$(rss_kib "$MQ_PID"); mq_hwm=$(hwm_kib "$MQ_PID")
    out "$(load_row mosquitto q1-max-mosquitto "max (rate 0, $INFLIGHT in flight/conn)")"
    local gw_max half
    gw_max=$(field_rate_acked q1-max-gateway)
    half=$(( ${gw_max:-2000} / 2 ))
    log "QoS 1 at half the gateway's max: $half/s"
    run_load q1-half-gateway "$GW_PORT" "${common[@]}" --rate "$half"
    out "$(load_row gateway q1-half-gateway "rate $half/s (half of gateway max)")"
    run_load q1-half-mosquitto "$MQ_PORT" "${common[@]}" --rate "$half" --username none
    out "$(load_row mosquitto q1-half-mosquitto "rate $half/s (half of gateway max)")"
    out ""
    out "CPU seconds during the max runs (connection set-up included): gateway $(python3 -c "print(round($c1-$c0,1))"), Kafka $(python3 -c "print(round($k1-$k0,1))") (gateway run); Mosquitto $(python3 -c "print(round($m1-$m0,1))") (its run)."
    out ""
    out "Memory after the max run: gateway RSS $((gw_rss_max / 1024)) MiB (peak $((gw_hwm / 1024)) MiB), heap used ${gw_heap:-?} KiB (no GC forced); Mosquitto RSS $((mq_rss_max / 1024)) MiB (peak $((mq_hwm / 1024)) MiB)."
    curl -s "http://127.0.0.1:$GW_HTTP/metrics" > "$WORK/q1-gateway-metrics.txt" || true
    out "Gateway metrics at the end: $(grep -E '^pitwall_gateway_(publishes_in_total|kafka_write_errors_total|backpressure_seconds_total|rejected_total)' "$WORK/q1-gateway-metrics.txt" | tr '\n' ';')"
    out ""
    stop_pid "$GW_PID"; stop_pid "$MQ_PID"
}

# ---- 2. routing ------------------------------------------------------------------------------
route_run() { # broker port qos rate name
    local broker=$1 port=$2 qos=$3 rate=$4 name=$5 user=()
    rm -f "$WORK/$name.ready" "$WORK/$name.stop"
    java -Xmx512m -cp "$SIM_JAR" io.pitwall.simulators.bench.RoutingSubscriber --port "$port" \
        --connections "$ROUTE_CONNS" --topic 'bench/{i}' --qos "$qos" --duration 180 --quiet 3 --warmup "${WARMUP%s}" \
        --source 127.0.0.5 --ready-file "$WORK/$name.ready" --stop-file "$WORK/$name.stop" > "$WORK/$name-sub.log" 2>&1 &
    local sub=$!
    PIDS+=("$sub")
    for _ in $(seq 1 300); do [[ -e "$WORK/$name.ready" ]] && break; sleep 0.1; done
    run_load "$name" "$port" --connections "$ROUTE_CONNS" --qos "$qos" --inflight "$INFLIGHT" --warmup "$WARMUP" --duration "$DURATION" \
        --rate "$rate" --topic 'bench/{i}' --client-id 'pub-{i}' --username none --source 127.0.0.6
    touch "$WORK/$name.stop"
    wait "$sub" || true
    local r
    r=$(grep '^RESULT' "$WORK/$name-sub.log" || echo "RESULT missing")
    local rec rps p50 p99 p999 mx
    rec=$(sed -n 's/.* received=\([0-9]*\).*/\1/p' <<< "$r"); rps=$(sed -n 's/.* rate=\([0-9]*\).*/\1/p' <<< "$r")
    p50=$(sed -n 's/.* p50=\([0-9.]*\).*/\1/p' <<< "$r"); p99=$(sed -n 's/.* p99=\([0-9.]*\).*/\1/p' <<< "$r")
    p999=$(sed -n 's/.* p999=\([0-9.]*\).*/\1/p' <<< "$r"); mx=$(sed -n 's/.* max=\([0-9.]*\).*/\1/p' <<< "$r")
    local sent
    sent=$(sed -n 's/^publishes: \([0-9]*\) sent.*/\1/p' "$WORK/$name.log")
    out "| $broker | QoS $qos | $( [[ $rate == 0 ]] && echo max || echo "$rate/s") | $(field_rate_sent "$name") | ${sent:-?} | ${rec:-?} | ${rps:-?} | ${p50:-?} | ${p99:-?} | ${p999:-?} | ${mx:-?} | $(field_errors "$name") | $(loadavg) |"
}

bench_routing() {
    start_gateway dev --insecure-development-profile --max-queued-messages 1000
    start_mosquitto routing
    out "## 2. Publish -> subscriber delivery (pure routing), $ROUTE_CONNS publishers -> $ROUTE_CONNS subscribers (bench/{i}, 1:1)"
    out ""
    out "Gateway: --insecure-development-profile --max-queued-messages 1000 (Mosquitto's default max_queued_messages is 1000; the gateway's default is 100)."
    out ""
    out "Delivery latency = subscriber's clock (µs) - payload ts (ms, set when the publisher built the message): includes 0-1 ms truncation."
    out ""
    out "| broker | QoS | target | sent/s | sent | delivered | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms | publisher errors | load avg |"
    out "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    local qos rate
    for qos in 0 1; do
        for rate in 0 "$ROUTE_RATE"; do
            log "routing QoS $qos rate $rate: gateway"
            route_run gateway "$GW_PORT" "$qos" "$rate" "route-q$qos-r$rate-gateway"
            log "routing QoS $qos rate $rate: mosquitto"
            route_run mosquitto "$MQ_PORT" "$qos" "$rate" "route-q$qos-r$rate-mosquitto"
        done
    done
    out ""
    curl -s "http://127.0.0.1:$GW_HTTP/metrics" > "$WORK/route-gateway-metrics.txt" || true
    out "Gateway (development profile) counters at the end: $(grep -E '^pitwall_gateway_(publishes_in_total|publishes_out_total|outbound_dropped_total)' "$WORK/route-gateway-metrics.txt" | tr '\n' ';')"
    out "RSS at the end: gateway $(( $(rss_kib "$GW_PID") / 1024 )) MiB, Mosquitto $(( $(rss_kib "$MQ_PID") / 1024 )) MiB."
    out ""
    stop_pid "$GW_PID"; stop_pid "$MQ_PID"
}

# ---- 3. idle connections ---------------------------------------------------------------------
# One run per entry of IDLE_RUNS ("total:nodes"): `nodes` servers of the same kind side by side (a
# process here may hold 20,000 open files and the limit cannot be raised, so 50,000 connections
# need three), each with one load process holding total/nodes idle connections from its own two
# source addresses. Heap and RSS are summed over the nodes.
wait_established() { # port count progress-file load-pid: until all are up or the load process settled or died
    for _ in $(seq 1 1500); do
        [[ $(established "$1") -ge $2 ]] && return 0
        grep -aq 'connections: [0-9]* up' "$3" 2>/dev/null && return 0
        kill -0 "$4" 2>/dev/null || { echo "load process $4 ended early: see $3" >&2; return 0; }
        sleep 0.2
    done
    echo "only $(established "$1") of $2 connections established" >&2
}

# memory_of NODE-PIDS...: "RSS-KiB HEAP-KiB" summed over the nodes; for gateways the full GC that
# measures the live heap comes first, so RSS is always read in the same state (heap "-" for Mosquitto).
memory_of() {
    local rss=0 heap=0 pid
    for pid in "$@"; do
        if [[ $IDLE_BROKER == gateway ]]; then heap=$((heap + $(live_heap_kib "$pid"))); fi
        rss=$((rss + $(rss_kib "$pid")))
    done
    echo "$rss $([[ $IDLE_BROKER == gateway ]] && echo "$heap" || echo -)"
}

save_gateway_diagnostics() { # pid http-port label
    jcmd "$1" GC.heap_info > "$WORK/idle-gateway-$3-heap_info.txt" 2>&1 || true
    # Where the RSS beyond the heap goes, when GW_HEAP turns on -XX:NativeMemoryTracking=summary.
    jcmd "$1" VM.native_memory summary > "$WORK/idle-gateway-$3-native_memory.txt" 2>&1 || true
    pmap -x "$1" 2>/dev/null | sort -k3 -n | tail -25 > "$WORK/idle-gateway-$3-pmap.txt" || true
    jcmd "$1" GC.class_histogram 2>/dev/null | head -40 > "$WORK/idle-gateway-$3-histogram.txt" || true
    curl -s "http://127.0.0.1:$2/metrics" | grep -E '^pitwall_gateway_(connections|sessions) ' \
        > "$WORK/idle-gateway-$3-metrics.txt" || true
}

per_conn() { # value-now value-before connections
    python3 -c "print(f'{($1 - $2) / $3:.2f}')"
}

idle_run() { # broker total nodes run-index
    IDLE_BROKER=$1
    local broker=$1 total=$2 nodes=$3 r=$4 per j
    per=$(( (total + nodes - 1) / nodes ))
    local pids=() ports=() https=() loads=() counts=()
    for ((j = 0; j < nodes; j++)); do
        counts+=($(( j == nodes - 1 ? total - j * per : per )))
        if [[ $broker == gateway ]]; then
            start_gateway "idle-$total-$j"; pids+=("$GW_PID"); ports+=("$GW_PORT"); https+=("$GW_HTTP")
        else
            start_mosquitto "idle-$total-$j"; pids+=("$MQ_PID"); ports+=("$MQ_PORT")
        fi
    done
    sleep 3
    local rss0 heap0
    read -r rss0 heap0 <<< "$(memory_of "${pids[@]}")"
    out "| $broker | $nodes | 0 | $rss0 | - | $heap0 | - | $(loadavg) |"

    log "idle $broker: $total connections over $nodes node(s)"
    local user=()
    [[ $broker == mosquitto ]] && user=(--username none)
    for ((j = 0; j < nodes; j++)); do
        # Two source addresses of its own per load process and run: ports are per source address.
        local src="127.0.$((r + 10)).$((2 * j + 1)),127.0.$((r + 10)).$((2 * j + 2))"
        local name="idle-$broker-$total-$j"
        echo "java -jar $SIM_JAR load --port ${ports[j]} --connections 0 --idle ${counts[j]} --seed 42 --first-vehicle $((j * per)) --source $src ${user[*]}" > "$WORK/$name.cmd"
        java -Xmx$((counts[j] * IDLE_LOAD_KIB_PER_CONN / 1024 + 512))m -jar "$SIM_JAR" load --port "${ports[j]}" --connections 0 \
            --idle "${counts[j]}" --seed 42 --first-vehicle "$((j * per))" --duration 900s --connect-timeout 600s \
            --keep-alive 300 --source "$src" "${user[@]}" > "$WORK/$name.log" 2> "$WORK/$name.progress" &
        loads+=($!); PIDS+=($!)
    done
    for ((j = 0; j < nodes; j++)); do
        wait_established "${ports[j]}" "${counts[j]}" "$WORK/idle-$broker-$total-$j.progress" "${loads[j]}"
    done
    sleep 5

    local est=0 rss heap
    for ((j = 0; j < nodes; j++)); do est=$((est + $(established "${ports[j]}"))); done
    read -r rss heap <<< "$(memory_of "${pids[@]}")"
    if [[ $broker == gateway ]]; then
        for ((j = 0; j < nodes; j++)); do save_gateway_diagnostics "${pids[j]}" "${https[j]}" "$total-$j"; done
    fi
    if [[ $est -gt 0 ]]; then
        out "| $broker | $nodes | $est | $rss | $(per_conn "$rss" "$rss0" "$est") | $heap | $([[ $heap == - ]] && echo - || per_conn "$heap" "$heap0" "$est") | $(loadavg) |"
    else
        out "| $broker | $nodes | 0 (load failed) | $rss | - | $heap | - | $(loadavg) |"
    fi
    for pid in "${loads[@]}"; do stop_pid "$pid"; done
    for pid in "${pids[@]}"; do stop_pid "$pid"; done
}

bench_idle() {
    out "## 3. Idle connections (MQTT 3.1.1, keep-alive 300 s, authenticated vehicles; runs: $IDLE_RUNS as total:nodes)"
    out ""
    out "Heap = live objects after a full GC (jcmd GC.class_histogram total), summed over the nodes. Per connection = (value - value of the same nodes at 0 connections) / established connections (ss)."
    out ""
    out "| broker | nodes | established | RSS KiB | RSS KiB/conn | live heap KiB | heap KiB/conn | load avg |"
    out "| --- | --- | --- | --- | --- | --- | --- | --- |"
    local r=0 entry
    for entry in $IDLE_RUNS; do
        r=$((r + 1))
        idle_run gateway "${entry%%:*}" "${entry##*:}" "$r"
        idle_run mosquitto "${entry%%:*}" "${entry##*:}" "$((r + 50))"
    done
    out ""
}

{
    echo "# Gateway vs Mosquitto, $(date -u +'%Y-%m-%d %H:%M UTC')"
    echo ""
    echo "Machine: $(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(/usr/sbin/mosquitto -h | head -1), load average at start $(loadavg)"
    echo "Gateway JVM: $GW_HEAP, default GC; publishing: $PUB_CONNS connections, $INFLIGHT in flight per connection, $WARMUP warm-up then $DURATION measured per run"
    echo ""
} > "$RESULTS"

register_devices
start_kafka
want() { [[ $ONLY == all || " $ONLY " == *" $1 "* ]]; }
if want qos1; then bench_qos1; fi
if want routing; then bench_routing; fi
if want idle; then bench_idle; fi
log "done: $RESULTS"
cat "$RESULTS"
