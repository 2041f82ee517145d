#!/usr/bin/env bash
# Nothing acknowledged is lost when the server dies (docs/benchmarks.md "Crash").
#
#   bench/crash.sh [sqlite|postgres|negative|all]     (default: all)
#
# Each run starts the site on a fresh database, sends complete sign-ups as browsers make them
# (bench/SamenHier.Bench `signup`, which writes each acknowledged sign-up to a file the moment the
# site answers "sent"), kills the site with kill -9 at a random moment (on PostgreSQL the database
# server too, every process at once, as when the machine loses power with the page cache intact),
# starts everything again, and checks that every acknowledged sign-up is present and complete, that
# no sign-up is half-written, and that the database passes its integrity check (PRAGMA
# integrity_check; pg_amcheck). It prints `acknowledged=<n> found=<n> lost=<n>` per run.
#
# `negative` is the control: PostgreSQL with durability switched off (synchronous_commit=off, the WAL
# writer frozen and the background writer off, so commits are acknowledged while their WAL is only in
# memory). The check must find a loss there, or it is not testing anything; the script fails when it
# does not. (A process kill cannot lose SQLite's committed pages even with synchronous=OFF: they are in
# the operating system's cache at commit. Only a power loss would, which needs a filesystem that drops
# unsynced writes, such as lazyfs; see docs/benchmarks.md.)
#
# Settings: CRASH_LOAD_SECONDS (20), CRASH_CONCURRENCY (16), CRASH_PORT (5190), CRASH_PG_PORT (55690).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-all}
load_seconds=${CRASH_LOAD_SECONDS:-20}
concurrency=${CRASH_CONCURRENCY:-16}
port=${CRASH_PORT:-5190}
pg_port=${CRASH_PG_PORT:-55690}
web_dll="$PWD/src/SamenHier.Web/bin/Release/net10.0/SamenHier.Web.dll"
bench_dll="$PWD/bench/SamenHier.Bench/bin/Release/net10.0/linux-x64/SamenHier.Bench.dll"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/SamenHier.Web -c Release --nologo -v q >/dev/null
dotnet build bench/SamenHier.Bench -c Release --nologo -v q >/dev/null

failed=0
app_pid=""
pg_data=""
work=""

cleanup() {
    [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null || true
    if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
        as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
    fi
    [ -n "$work" ] && rm -rf "$work"
    return 0
}
trap cleanup EXIT

start_pg() { # $1: extra -c options
    if ! as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg.log" -w -t 120 \
        -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200 $1" start >/dev/null; then
        echo "crash.sh: PostgreSQL did not start; its log:" >&2
        tail -n 20 "$work/pg.log" >&2
        return 1
    fi
}

start_app() { # $1: provider
    local env=(SAMENHIER_DATA="$work/data" ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
        App__PublicBaseUrl="http://127.0.0.1:$port" App__BehindProxy=true Database__Provider="$1" Database__SeedDemoData=false Email__SenderEnabled=false
        SignUp__MinimumSecondsToComplete=0 RateLimits__SignUpsPerWindow=100000000 RateLimits__PublicPostsPerWindow=100000000)
    [ "$1" = Postgres ] && env+=(ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=samenhier;Username=postgres;Maximum Pool Size=50")
    (cd src/SamenHier.Web && exec env "${env[@]}" dotnet "$web_dll") >>"$work/app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 240); do
        if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    echo "crash.sh: the site did not start; its log:" >&2
    tail -n 30 "$work/app.log" >&2
    return 1
}

kill_pg() { # every PostgreSQL process of this cluster at once, as a power loss would
    local pm
    pm=$(head -n 1 "$pg_data/postmaster.pid")
    kill -STOP "$pm" 2>/dev/null || true
    pkill -9 -P "$pm" 2>/dev/null || true
    kill -9 "$pm" 2>/dev/null || true
    sleep 1
    # A power loss leaves no process behind; here the killed ones may linger as zombies that nobody
    # reaps, which PostgreSQL would take for a running server: their lock files go, as after a reboot.
    rm -f "$pg_data/postmaster.pid" "$work/.s.PGSQL.$pg_port.lock"
}

run() { # $1: name, $2: provider, $3: extra PostgreSQL options, $4: expect loss (0/1)
    local name=$1 provider=$2 pg_options=$3 expect_loss=$4
    work=$(mktemp -d /tmp/samenhier-crash.XXXXXX)
    mkdir -p "$work/data"
    local connection
    if [ "$provider" = Postgres ]; then
        pg_data="$work/pg"
        [ "$(id -u)" = "0" ] && chown postgres "$work"
        as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        start_pg "$pg_options"
        as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres samenhier
        connection="Host=127.0.0.1;Port=$pg_port;Database=samenhier;Username=postgres"
    else
        pg_data=""
        connection="Data Source=$work/data/samenhier.db"
    fi

    start_app "$provider"
    if [ "$expect_loss" = 1 ]; then
        # Durability switched off: commits are acknowledged before their WAL is written (asynchronous
        # commit), and the WAL writer is frozen, so acknowledged sign-ups live only in memory.
        kill -STOP "$(pgrep -P "$(head -n 1 "$pg_data/postmaster.pid")" -f walwriter)"
    fi
    dotnet "$bench_dll" signup --url "http://127.0.0.1:$port" --seconds "$load_seconds" --concurrency "$concurrency" \
        --ack "$work/ack.txt" --prefix "crash" >"$work/load.txt" 2>&1 &
    local load_pid=$!
    # A random moment in the second half of the load, when sign-ups are being acknowledged.
    local wait_for=$((load_seconds / 2 + RANDOM % (load_seconds / 2 - 1)))
    sleep "$wait_for"
    kill -9 "$app_pid"
    [ "$provider" = Postgres ] && kill_pg
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    kill -9 "$load_pid" 2>/dev/null || true
    wait "$load_pid" 2>/dev/null || true

    # Everything comes back: the database recovers, the site starts on it.
    [ "$provider" = Postgres ] && start_pg "$pg_options"
    start_app "$provider"
    kill -TERM "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""

    local result integrity
    result=$(dotnet "$bench_dll" crash-check --provider "$provider" --connection "$connection" --ack "$work/ack.txt" --prefix "crash")
    if [ "$provider" = Postgres ]; then
        if as_pg "$pg_bin/pg_amcheck" -h 127.0.0.1 -p "$pg_port" -U postgres --install-missing --heapallindexed samenhier >"$work/amcheck.txt" 2>&1; then
            integrity=ok
        else
            integrity=failed
            cat "$work/amcheck.txt" >&2
        fi
        as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null
    else
        integrity=$(sqlite3 "$work/data/samenhier.db" "PRAGMA integrity_check;" | head -n 1)
    fi

    echo "$name: killed after ${wait_for}s; $result integrity=$integrity"
    local lost partial
    lost=$(sed -E 's/.*lost=([0-9]+).*/\1/' <<<"$result")
    partial=$(sed -E 's/.*partial=([0-9]+).*/\1/' <<<"$result")
    if [ "$integrity" != ok ] || [ "$partial" != 0 ]; then
        failed=1
    elif [ "$expect_loss" = 1 ] && [ "$lost" = 0 ]; then
        echo "$name: the negative control lost nothing, so the check would not see a loss" >&2
        failed=1
    elif [ "$expect_loss" = 0 ] && [ "$lost" != 0 ]; then
        failed=1
    fi
    rm -rf "$work"
    work=""
    pg_data=""
}

negative_options="-c synchronous_commit=off -c wal_buffers=64MB -c bgwriter_lru_maxpages=0"
case "$mode" in
    sqlite) run sqlite Sqlite "" 0 ;;
    postgres) run postgres Postgres "" 0 ;;
    negative) run "negative control (postgres, commits acknowledged from memory)" Postgres "$negative_options" 1 ;;
    all)
        run sqlite Sqlite "" 0
        run postgres Postgres "" 0
        run "negative control (postgres, commits acknowledged from memory)" Postgres "$negative_options" 1
        ;;
    *) echo "usage: bench/crash.sh [sqlite|postgres|negative|all]" >&2; exit 2 ;;
esac
exit "$failed"
