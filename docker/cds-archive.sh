#!/bin/bash
# Lays ledger-app.jar out for a fast start (README "Start-up"): Spring Boot extracts it (a thin ledger-app.jar and
# lib/) and one training start records a class data sharing (CDS) archive, <destination>/ledger.jsa, of every class
# loaded up to the first UP of /actuator/health; start it with
#   java -XX:SharedArchiveFile=<destination>/ledger.jsa -jar <destination>/ledger-app.jar
# (the thin jar keeps the name of the jar given).
# The archive belongs to this jar and to the JVM that recorded it: record it with the JVM that will run it. A stale
# or missing archive is ignored (the JVM's default -Xshare:auto) and only costs the gain.
#
# The training start runs on a scratch data directory (H2, deleted afterwards), bound to 127.0.0.1, and is stopped
# with SIGTERM once healthy; the JVM writes the archive as it exits. Training only up to a refreshed context
# (spring.context.exit=onRefresh) leaves out what loads after it — the processors' threads, Tomcat's request path,
# the health endpoint — and started 0.8 s slower (README "Start-up").
#
# usage: cds-archive.sh <ledger-app.jar> <destination directory>   (CDS_TRAINING_PORT: port, default 18079)
# Used by docker/Dockerfile and by the benchmark harness (benchmark's AppLayout).
set -euo pipefail

jar=$1
destination=$2
port=${CDS_TRAINING_PORT:-18079}

java -Djarmode=tools -jar "$jar" extract --force --destination "$destination"
thin="$destination/$(basename "$jar")"
archive="$destination/ledger.jsa"
rm -f "$archive"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

java -XX:ArchiveClassesAtExit="$archive" -Daxoniq.update-checker.disabled=true -jar "$thin" \
    --ledger.data-dir="$data" --server.port="$port" --server.address=127.0.0.1 > "$data/training.log" 2>&1 &
pid=$!

healthy() {
    exec 3<>"/dev/tcp/127.0.0.1/$port" \
        && printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 \
        && grep -q '"status":"UP"' <&3
}
up=no
for _ in $(seq 1 600); do
    if ! kill -0 "$pid" 2> /dev/null; then
        break
    fi
    if (healthy) 2> /dev/null; then
        up=yes
        break
    fi
    sleep 0.5
done
if [ "$up" != yes ]; then
    kill -KILL "$pid" 2> /dev/null || true
    echo "the training start did not become healthy within 5 minutes; its log:" >&2
    cat "$data/training.log" >&2
    exit 1
fi
kill -TERM "$pid"
wait "$pid" || true # 143: ended by the SIGTERM above
if [ ! -s "$archive" ]; then
    echo "no archive was written; the training start's log:" >&2
    cat "$data/training.log" >&2
    exit 1
fi
echo "recorded $archive ($(du -h "$archive" | cut -f1)) for $thin"
