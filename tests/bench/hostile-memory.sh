#!/usr/bin/env bash
# The adversarial memory table of issue 13: generates each hostile shape into bench-data/hostile/
# (python3), runs the release CLI on it under a budget, and prints the CLI's own peak resident
# memory (DATALINT_PEAK_RSS). Figures are printed, never asserted here; tests/it/memory_bound.rs
# holds smaller versions of the same shapes to the budget plus 40 MiB.
#   usage: tests/bench/hostile-memory.sh        (after cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/../.."
B="$PWD/target/release/datalint"
D="$PWD/bench-data/hostile"
mkdir -p "$D"
cd "$D"
python3 - <<'PY'
import gzip, json, os, random
def once(name, make):
    if not os.path.exists(name):
        make(name)
def keys(n):
    with open(n, 'w') as f:
        for i in range(2000): f.write(json.dumps({('k%d_' % i) + 'x' * 200000: i}) + '\n')
def cols(k, rows):
    def make(n):
        with open(n, 'w') as f:
            f.write(','.join('c%d' % i for i in range(k)) + '\n')
            for r in range(rows): f.write(','.join(str(r * i + r) for i in range(k)) + '\n')
    return make
def commas(n):
    with open(n, 'w') as f: f.write('a,b\n' + ',' * (16 * 1024 * 1024 - 100) + '\n1,2\n')
def ragged(n):
    with open(n, 'w') as f:
        f.write('a,b,c\n')
        for i in range(5_000_000): f.write('1,2\n' if i % 2 else '1,2,3,4\n')
def bigtext(n):
    random.seed(1)
    w = ['alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta', 'theta', 'iota', 'kappa']
    with open(n, 'w') as f:
        for _ in range(3): f.write('{"t": "' + ' '.join(random.choice(w) + str(random.randint(0, 300)) for _ in range(1500000)) + '"}\n')
def longvals(n):
    with open(n, 'w') as f:
        f.write('t\n')
        for i in range(60): f.write('word ' * 200000 + str(i) + '\n')
def errs(n):
    with open(n, 'w') as f:
        for i in range(200000): f.write('{"t": "' + 'y' * 200 + str(i) + '\n')
def deep(n):
    with open(n, 'w') as f: f.write('{"a":' * 100000 + '1' + '}' * 100000 + '\n{"a":1}\n')
def bomb(n):
    open(n, 'wb').write(gzip.compress(b'a,b\n' + b'1,2\n' * (256 * 1024 * 1024), 9))
def ids(n):
    with open(n, 'w') as f:
        f.write('id,v\n')
        for i in range(1000): f.write('%d,%d\n' % (1234567890123456789 + i * 7919, i % 3))
once('keys.jsonl', keys); once('cols2000.csv', cols(2000, 200)); once('cols20000.csv', cols(20000, 50))
once('commas.csv', commas); once('ragged.csv', ragged); once('bigtext.jsonl', bigtext)
once('long.csv', longvals); once('errors.jsonl', errs); once('deep.jsonl', deep)
once('bomb.csv.gz', bomb); once('ids.csv', ids)
open('evidence.json', 'w').write('{"evidence_limit": 10000}')
PY
printf "| shape | size | budget | peak RSS | report |\n|---|---:|---:|---:|---:|\n"
run() { # file budget description [extra args]
  local f=$1 b=$2 desc=$3; shift 3
  local kib
  kib=$(DATALINT_PEAK_RSS=1 "$B" check "$f" --memory-mib "$b" --format json --no-progress "$@" 2>&1 >"$D/last.json" | awk '/^peak-rss-kib/ {print $2}' || true)
  awk -v d="$desc" -v s="$(stat -c %s "$f")" -v b="$b" -v k="$kib" -v r="$(stat -c %s "$D/last.json")" \
    'BEGIN { printf "| %s | %.1f MB | %d MiB | %.1f MiB | %.2f MB |\n", d, s / 1e6, b, k / 1024, r / 1e6 }'
}
run keys.jsonl 8 "2,000 JSONL keys of 200 KB"
run cols2000.csv 8 "2,000 columns"
run cols20000.csv 8 "20,000 columns"
run commas.csv 8 "one 16 MiB record of commas"
run ragged.csv 8 "5 M ragged rows, evidence_limit 10,000" --config evidence.json
run ragged.csv 256 "5 M ragged rows, evidence_limit 10,000" --config evidence.json
run bigtext.jsonl 8 "12 MB text values (skipped: records over 2 MiB)"
run bigtext.jsonl 64 "12 MB text values"
run long.csv 8 "60 values of 1 MB"
run errors.jsonl 8 "200,000 invalid JSON lines"
run deep.jsonl 8 "100,000-deep nesting"
run bomb.csv.gz 8 "gzip bomb: 1 MB to 1 GiB"
run ids.csv 8 "1,000 19-digit ids"
