#!/usr/bin/env bash
# Issue 14: the CLI against its nearest peers on the same file, whole processes: DuckDB's
# `SUMMARIZE` and polars' `read_csv(...).describe()`, from a Python one-liner each. Warm (one
# uncounted run of each first), interleaved run by run (datalint, duckdb, polars, datalint, ...),
# RUNS counted runs of each, median wall time and the largest peak resident memory. Figures are
# printed, never asserted: machines are shared and noisy.
#   usage: tests/bench/peers.sh [MB [DIR]]     (MB=100 DIR=bench-data RUNS=3 DATALINT=binary, env)
# The peers live in tests/bench/.venv, made once from tests/bench/peers-requirements.txt (pinned,
# from PyPI) and remade when that file changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=${1:-${MB:-100}}
DIR=${2:-${DIR:-bench-data}}
RUNS=${RUNS:-3}
VENV=tests/bench/.venv
REQ=tests/bench/peers-requirements.txt
B=${DATALINT:-$PWD/target/release/datalint}   # another build to set against the peers
is_root() { [ "$(id -u)" = 0 ]; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- the peers' venv, once ---------------------------------------------------------------------
if ! cmp -s "$REQ" "$VENV/.requirements" 2>/dev/null; then
  if [ ! -x "$VENV/bin/python" ]; then
    if ! python3 -m venv "$VENV" >"$TMP/venv.log" 2>&1; then
      rm -rf "$VENV"
      echo "peers: 'python3 -m venv' failed (Debian splits it out): apt-get update && apt-get install -y python3-venv" >&2
      if is_root; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$VENV"
      else
        cat "$TMP/venv.log" >&2
        exit 2
      fi
    fi
  fi
  echo "peers: installing $(tr '\n' ' ' <"$REQ")into $VENV" >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQ"
  cp "$REQ" "$VENV/.requirements"
fi
PY="$PWD/$VENV/bin/python"

# --- GNU time for wall seconds and peak RSS (%M, KiB); a Python wrapper if it cannot be had ----
if [ ! -x /usr/bin/time ] && is_root; then
  echo "peers: installing GNU time" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; } || true
fi
cat >"$TMP/measure.py" <<'PY'
import resource, subprocess, sys, time
out = sys.argv[1]
t = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
secs = time.perf_counter() - t
with open(out, "w") as f:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    f.write("%.2f %d %.2f %.2f\n" % (secs, u.ru_maxrss, u.ru_utime, u.ru_stime))
sys.exit(rc)
PY
# measure OUT CMD...: runs CMD with stdout to OUT and stderr to $TMP/err; sets SECS (wall), KIB
# (peak RSS), CPU (user + system seconds) and RC.
measure() {
  local out=$1
  shift
  RC=0
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M %U %S' -o "$TMP/time" "$@" >"$out" 2>"$TMP/err" || RC=$?
  else
    "$PY" "$TMP/measure.py" "$TMP/time" "$@" >"$out" 2>"$TMP/err" || RC=$?
  fi
  # GNU time writes "Command exited with non-zero status N" first when the command fails.
  local user sys
  read -r SECS KIB user sys < <(tail -n 1 "$TMP/time")
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# --- the CLI and the file ------------------------------------------------------------------------
cargo build --release --quiet
FILE=$("$B" bench --mb "$MB" --dir "$DIR" --generate-only)
BYTES=$(stat -c %s "$FILE")
JOBS=0
if "$B" check --help | grep -q -- '--jobs'; then JOBS=1; fi
NPROC=$(nproc)

# --- the peers' programs (the file and a thread count or schema length as arguments) -----------
# DuckDB: SUMMARIZE over the sniffed CSV, the result fetched. "all" keeps DuckDB's default of one
# thread per core; a number is `SET threads=N`.
read -r -d '' DUCK <<'PY' || true
import sys, duckdb
c = duckdb.connect()
if sys.argv[2] != "all":
    c.execute("SET threads=%d" % int(sys.argv[2]))
f = sys.argv[1].replace("'", "''")
c.sql("SUMMARIZE SELECT * FROM read_csv_auto('%s')" % f).fetchall()
PY
# polars: read_csv then describe(). Its default infers the schema from the first 100 rows, and
# then fails on the file's planted `NA` ages ("could not parse `NA` as dtype i64"); 20480 is
# DuckDB's sniffer sample size, "all" infers from every row (an extra pass, as datalint types
# every value). Threads: POLARS_MAX_THREADS in the environment, all cores when unset.
read -r -d '' POLARS <<'PY' || true
import sys, polars as pl
n = None if sys.argv[2] == "all" else int(sys.argv[2])
pl.read_csv(sys.argv[1], infer_schema_length=n).describe()
PY
read -r -d '' PROBE <<'PY' || true
import platform, sys, duckdb, polars as pl
f = sys.argv[1].replace("'", "''")
c = duckdb.connect()
threads = c.sql("SELECT current_setting('threads')").fetchall()[0][0]
rows = c.sql("SELECT count(*) FROM read_csv_auto('%s')" % f).fetchall()[0][0]
c.execute("SET threads=1")
one = c.sql("SELECT current_setting('threads')").fetchall()[0][0]
print("duckdb", duckdb.__version__, threads, one, rows)
print("polars", pl.__version__, pl.thread_pool_size(), "-", pl.read_csv(sys.argv[1], infer_schema_length=20480).height)
print("python", platform.python_version(), "-", "-", "-")
PY

# id|label|threads|command (words split on spaces; no word holds one)
TOOLS=()
if [ "$JOBS" = 1 ]; then
  TOOLS+=("dl1|datalint --jobs 1|1|$B check --format json --no-progress --jobs 1 $FILE")
  TOOLS+=("dlN|datalint (all cores)|$NPROC|$B check --format json --no-progress --jobs $NPROC $FILE")
else
  TOOLS+=("dl1|datalint|1|$B check --format json --no-progress $FILE")
fi
TOOLS+=("duck|duckdb SUMMARIZE|all|$PY -c DUCK $FILE all")
TOOLS+=("pol|polars describe|all|$PY -c POLARS $FILE 20480")
TOOLS+=("duck1|duckdb SUMMARIZE, threads=1|1|$PY -c DUCK $FILE 1")
TOOLS+=("pol1|polars describe, POLARS_MAX_THREADS=1|1|env POLARS_MAX_THREADS=1 $PY -c POLARS $FILE 20480")
TOOLS+=("polall|polars describe, schema from all rows|all|$PY -c POLARS $FILE all")
case "$FILE" in *' '*) echo "peers: the file's path holds a space: $FILE" >&2; exit 2 ;; esac

declare -A SAMPLES PEAK CPUS
# run_tool ENTRY OUT: one measured run; a failure stops the script with the tool's stderr.
run_tool() {
  local id label threads cmd
  IFS='|' read -r id label threads cmd <<<"$1"
  local -a argv
  read -r -a argv <<<"$cmd"
  local i
  for i in "${!argv[@]}"; do
    case "${argv[$i]}" in DUCK) argv[i]=$DUCK ;; POLARS) argv[i]=$POLARS ;; esac
  done
  measure "$2" "${argv[@]}"
  # datalint exits 1 when it has findings at --fail-on (error by default); 2 is an error.
  if { [[ $id == dl* ]] && [ "$RC" -gt 1 ]; } || { [[ $id != dl* ]] && [ "$RC" -ne 0 ]; }; then
    echo "peers: $label exited $RC:" >&2
    tail -n 20 "$TMP/err" >&2
    exit 2
  fi
}

echo "peers: $FILE ($BYTES bytes), $RUNS runs each after one warm-up, interleaved" >&2
for t in "${TOOLS[@]}"; do
  id=${t%%|*}
  run_tool "$t" "$TMP/warm-$id.out"
done

# --- what each saw, versions, threads ------------------------------------------------------------
DL_ROWS=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["rows"])' "$TMP/warm-dl1.out")
"$PY" -c "$PROBE" "$FILE" >"$TMP/probe"
read -r _ DUCK_V DUCK_T DUCK_T1 DUCK_ROWS < <(grep '^duckdb' "$TMP/probe")
read -r _ POL_V POL_T _ POL_ROWS < <(grep '^polars' "$TMP/probe")
read -r _ PY_V _ < <(grep '^python' "$TMP/probe")
POL_T1=$(POLARS_MAX_THREADS=1 "$PY" -c 'import polars as pl; print(pl.thread_pool_size())')
# The interpreter's start and the import, which the peers' rows include.
imp() { # module: median seconds of three `import`s
  local s=""
  for _ in 1 2 3; do measure /dev/null "$PY" -c "import $1" && s="$s $SECS"; done
  tr ' ' '\n' <<<"$s" | sed '/^$/d' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
IMP_DUCK=$(imp duckdb)
IMP_POL=$(imp polars)

if [ "$DL_ROWS" != "$DUCK_ROWS" ] || [ "$DL_ROWS" != "$POL_ROWS" ]; then
  echo "peers: the tools disagree on the row count (datalint $DL_ROWS, DuckDB $DUCK_ROWS, polars $POL_ROWS)" >&2
  exit 1
fi
echo "peers: all three see $DL_ROWS rows" >&2

for ((r = 1; r <= RUNS; r++)); do
  for t in "${TOOLS[@]}"; do
    id=${t%%|*}
    run_tool "$t" /dev/null
    SAMPLES[$id]="${SAMPLES[$id]:-} $SECS"
    CPUS[$id]="${CPUS[$id]:-} $CPU"
    if [ "${PEAK[$id]:-0}" -lt "$KIB" ]; then PEAK[$id]=$KIB; fi
  done
  echo "peers: round $r of $RUNS done" >&2
done

median() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "### datalint against DuckDB SUMMARIZE and polars describe()"
echo
echo "- file: $FILE, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }'), rows: datalint $DL_ROWS, DuckDB $DUCK_ROWS, polars $POL_ROWS"
REV=$([ -z "${DATALINT:-}" ] && git rev-parse --short HEAD 2>/dev/null || echo "$B")
echo "- versions: datalint $("$B" --version | awk '{ print $2 }') ($REV), duckdb $DUCK_V, polars $POL_V, Python $PY_V"
echo "- CPUs: $NPROC ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- threads: datalint $([ "$JOBS" = 1 ] && echo "--jobs 1 and --jobs $NPROC" || echo "1 (no --jobs option)"); DuckDB $DUCK_T by default, $DUCK_T1 with SET threads=1; polars $POL_T by default, $POL_T1 with POLARS_MAX_THREADS=1"
echo "- interpreter start + import, included in the peers' rows: duckdb ${IMP_DUCK} s, polars ${IMP_POL} s"
echo "- $RUNS runs each after one warm-up, interleaved; median wall time, median CPU time (user + system), largest peak RSS"
echo

declare -A MED
for t in "${TOOLS[@]}"; do
  id=${t%%|*}
  MED[$id]=$(median "${SAMPLES[$id]}")
done
# The ratio sets each peer against the datalint row with its thread count: one thread against
# datalint on one thread, all cores against datalint on all cores (one thread without --jobs).
REF_ALL=dl1
if [ "$JOBS" = 1 ]; then REF_ALL=dlN; fi
printf "| tool | threads | median s | MB/s | CPU s | peak RSS MiB | datalint ÷ peer |\n|---|---:|---:|---:|---:|---:|---:|\n"
for t in "${TOOLS[@]}"; do
  IFS='|' read -r id label threads _ <<<"$t"
  shown=$threads
  case "$threads" in all) shown="$DUCK_T" ;; esac
  case "$id" in pol | polall) shown="$POL_T" ;; esac
  ratio="—"
  if [[ $id != dl* ]]; then
    ref=$REF_ALL
    if [ "$threads" = 1 ]; then ref=dl1; fi
    ratio=$(awk -v p="${MED[$id]}" -v d="${MED[$ref]}" 'BEGIN { printf "%.2f", p / d }')
  fi
  awk -v l="$label" -v th="$shown" -v s="${MED[$id]}" -v b="$BYTES" -v c="$(median "${CPUS[$id]}")" \
    -v k="${PEAK[$id]}" -v r="$ratio" \
    'BEGIN { printf "| %s | %s | %.2f | %.1f | %.2f | %.0f | %s |\n", l, th, s, b / 1e6 / s, c, k / 1024, r }'
done
echo
echo "datalint ÷ peer is throughput (the peer's time over datalint's on as many threads): above 1,"
echo "datalint is faster. CPU s well under wall s on one thread means the process waited for a core"
echo "(a busy machine): wall figures are then slow, CPU figures less so."
echo "Wall samples (s):"
for t in "${TOOLS[@]}"; do
  IFS='|' read -r id label _ <<<"$t"
  echo "- $label:${SAMPLES[$id]}"
done
