#!/bin/sh
# usage: ./run-fuzz.sh TARGET LABEL SECONDS [SEED_DIR] [extra libFuzzer flags...]
# One fuzzing process at a time, niced. New inputs go to corpus/TARGET-LABEL, crashes to
# artifacts/TARGET; a crash ends a libFuzzer run, so the run is restarted for the time left.
# SAN=none builds without a sanitizer (default address); FEED_FORMAT pins the feed target's format.
# Appends each run's final status line and stats to logs/runs.log.
set -u
t=$1; label=$2; secs=$3; seeds=${4:-}; shift 3; [ $# -gt 0 ] && shift
mkdir -p corpus/$t-$label logs artifacts/$t
end=$(( $(date +%s) + secs ))
n=0
while left=$(( end - $(date +%s) )); [ $left -gt 30 ]; do
    n=$((n + 1))
    log=logs/$t-$label.$n.log
    start=$(date -u +%H:%M:%S)
    RUSTC_BOOTSTRAP=1 nice -n ${NICE:-10} cargo fuzz run -s ${SAN:-address} $t corpus/$t-$label $seeds -- \
        -max_total_time=$left -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        -artifact_prefix=artifacts/$t/ "$@" > $log 2>&1
    rc=$?
    last=$(grep -a '^#[0-9]' $log | tail -1 | tr '\t' ' ')
    stats=$(grep -a '^stat::' $log | sed 's/stat:://; s/[ \t]\+/ /g' | tr '\n' ' ')
    echo "$start-$(date -u +%H:%M:%S) target=$t label=$label san=${SAN:-address} format=${FEED_FORMAT:-any} run=$n secs=$left rc=$rc corpus_files=$(ls corpus/$t-$label | wc -l) | $last | $stats" >> logs/runs.log
    [ $rc -eq 0 ] && break
done
