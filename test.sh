#!/usr/bin/env bash
# The test command (README): installs what the tests need when it is missing, starts a throwaway
# PostgreSQL, runs every test project, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "test.sh: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "test.sh: the tests need these Debian packages: ${missing[*]}" >&2
        echo "test.sh: install them with: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

# A throwaway PostgreSQL: its own data folder and port, no fsync, gone when the tests end.
PG_BIN="$(pg_bin)"
PG_DIR="$(mktemp -d /tmp/samenhier-pg.XXXXXX)"
PG_PORT=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = "0" ] && chown postgres "$PG_DIR"
stop_pg() {
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap stop_pg EXIT
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
export SAMENHIER_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Timeout=30"
echo "test.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore SamenHier.slnx --nologo -v q
dotnet build SamenHier.slnx --no-restore --nologo -v q -c Release
# The .editorconfig is enforced: style in the build (warnings are errors), formatting here.
dotnet format SamenHier.slnx --verify-no-changes --no-restore
set +e
dotnet test --solution SamenHier.slnx --no-build -c Release 2>&1 | tee "$PG_DIR/test-output.txt"
status=${PIPESTATUS[0]}
set -e
# One plain closing line, summed over every test project.
awk '/total:/ {t+=$2} /failed:/ {f+=$2} /succeeded:/ {s+=$2} /skipped:/ {k+=$2}
     END { if (t > 0) printf "%d passed, %d failed, %d skipped\n", s, f, k }' \
    <(grep -E '^\s*(total|failed|succeeded|skipped):' "$PG_DIR/test-output.txt" || true)
exit "$status"
