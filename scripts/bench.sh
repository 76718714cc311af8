#!/usr/bin/env bash
# The benchmark (not part of `swift test`: timings vary by machine; the ratios are what to
# compare). Builds release, then times whole processes: each row is the median wall time of
# RUNS runs (fewer for the slow rows), its ratio to a trivial Swift program built the same way,
# and the peak memory (max RSS) of one run. Prints a table and keeps it in
# scripts/bench-last.txt, so that a change that slows llmplan down shows in review.
#
#   RUNS=20 bash scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-40}
slow_runs=$(( runs / 8 > 2 ? runs / 8 : 3 ))

swift build -c release --product llmplan >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/trivial/Sources/trivial"
cat >"$work/trivial/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "trivial", targets: [.executableTarget(name: "trivial")])
SWIFT
echo 'print("hello")' >"$work/trivial/Sources/trivial/main.swift"
swift build -c release --package-path "$work/trivial" >/dev/null
llmplan=.build/release/llmplan
trivial="$work/trivial/.build/release/trivial"

# Inputs: a 1- and a 100-shard checkpoint (real headers, data as holes), the check sweep.
python3 scripts/synthetic-checkpoint.py "$work/one" 1 >/dev/null
python3 scripts/synthetic-checkpoint.py "$work/many" 100 >/dev/null
python3 scripts/check-sweep.py "$work/sweep.json" >/dev/null
python3 -c "
import json, random, sys
rows = json.load(open(sys.argv[1]))['deployments']
random.Random(1).shuffle(rows)
json.dump({'schemaVersion': 1, 'deployments': rows[:3100]}, open(sys.argv[2], 'w'))" \
  "$work/sweep.json" "$work/sweep3100.json"
sweep_rows=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['deployments']))" "$work/sweep.json")
counts=$(python3 -c "print(','.join(str(65536 - i) for i in range(64)))")
contexts=$(python3 -c "print(','.join(str(2048 * (i + 1)) for i in range(64)))")
batches=$(python3 -c "print(','.join(str(i + 1) for i in range(64)))")

median_ms() {  # N COMMAND...: the median wall time of N runs, in ms (bash's clock: no fork)
  local n=$1; shift
  local times=()
  for ((i = 0; i < n; i++)); do
    local start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    local end=$EPOCHREALTIME
    times+=($(( ${end/./} - ${start/./} )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }'
}

peak_mib() {  # COMMAND...: max RSS of one run, in MiB
  { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}

"$trivial" >/dev/null; "$llmplan" fit llama3-70b --gpu h100 >/dev/null   # warm the page cache
median_ms "$runs" "$trivial" >/dev/null   # the first pass warms the machine
base=$(median_ms "$runs" "$trivial")
rows=()
row() {  # LABEL TARGET N COMMAND...
  local label=$1 target=$2 n=$3; shift 3
  local ms peak code=0
  "$@" >/dev/null 2>&1 || code=$?
  ms=$(median_ms "$n" "$@")
  peak=$(peak_mib "$@")
  rows+=("$(printf '%-58s %4s %10s %8.2f %9s  %s' "$label" "$code" "$ms" "$(awk -v a="$ms" -v b="$base" 'BEGIN { print a / b }')" "$peak" "$target")")
}

row "trivial Swift program (print)" "" "$runs" "$trivial"
row "fit llama3-70b --gpu h100" "ratio <= 1.5" "$runs" "$llmplan" fit llama3-70b --gpu h100
row "fit llama-3.1-405b --gpu l4 --context 131072 --format json" "" "$runs" \
  "$llmplan" fit llama-3.1-405b --gpu l4 --context 131072 --format json
row "check: every model x GPU x 4 contexts ($sweep_rows rows)" "" "$slow_runs" \
  "$llmplan" check "$work/sweep.json" --format json
row "check: 3,100 of those rows" "< 100 ms" "$slow_runs" \
  "$llmplan" check "$work/sweep3100.json" --format json
row "layouts llama-3.1-405b --gpu h100 --gpus 4096" "< 1 s" "$slow_runs" \
  "$llmplan" layouts llama-3.1-405b --gpu h100 --gpus 4096 --format json
row "layouts deepseek-v3 --gpu h200 --gpus 4096 (MoE: EP too)" "< 1 s" "$slow_runs" \
  "$llmplan" layouts deepseek-v3 --gpu h200 --gpus 4096 --context 8k --format json
row "serve llama3-70b, 8 x H100, 10,000 requests" "< 250 ms" "$slow_runs" \
  "$llmplan" serve llama3-70b --gpu h100 --tp 8 --rate 6 --requests 10000 --isl 2000 --osl 300 --format json
row "fit CHECKPOINT (Llama-3.1-70B headers), 1 shard" "" "$runs" "$llmplan" fit "$work/one" --gpu h100
row "fit CHECKPOINT (Llama-3.1-70B headers), 100 shards" "a few ms more" "$runs" \
  "$llmplan" fit "$work/many" --gpu h100
# The slowest inputs llmplan accepts: each at a stated limit.
row "slowest: serve, 10,000,000 output tokens (the limit)" "< 1 s" "$slow_runs" \
  "$llmplan" serve llama-3.1-8b --gpu h100 --rate inf --requests 10000 --isl 1000 --osl 1000
row "slowest: fit --rate, 400,000 output tokens (the limit)" "< 1 s" "$slow_runs" \
  "$llmplan" fit llama3-70b --gpu h100 --rate 20 --requests 500 --isl 2000 --osl 800 --ttft-p99 2s --tpot-p99 50ms
row "slowest: compare --rate, 4 GPUs x 100,000 output tokens" "< 1 s" "$slow_runs" \
  "$llmplan" compare llama3-70b --gpu h100,h200,a100,l40s --rate 20 --requests 400 --osl 250 --ttft-p99 2s
row "slowest: serve --disaggregate over 64 GPUs (16 splits)" "< 1 s" "$slow_runs" \
  "$llmplan" serve llama-3.1-8b --gpu h100 --gpus 64 --rate 20 --disaggregate
row "slowest: fit falcon-180b --gpu l4, 65,536 GPUs, batch 1e6" "< 1 s" "$slow_runs" \
  "$llmplan" fit falcon-180b --gpu l4 --max-gpus 65536 --batch 1000000 --gpus-per-node 1024
row "slowest: layouts deepseek-v3 --gpus 65,536" "< 1 s" "$slow_runs" \
  "$llmplan" layouts deepseek-v3 --gpu h200 --gpus 65536
row "slowest: scale 405b, 64 counts near 65,536" "< 1 s" "$slow_runs" \
  "$llmplan" scale llama-3.1-405b --gpu h100 --gpus "$counts"
row "slowest: kv, 64 contexts x 64 batches" "< 1 s" "$slow_runs" \
  "$llmplan" kv llama-3.1-8b --gpu h100 --contexts "$contexts" --batch "$batches"

{
  echo "llmplan benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "median of $runs runs ($slow_runs for the slow rows); ratio: to the trivial program's $base ms"
  printf '%-58s %4s %10s %8s %9s  %s\n' "command" "exit" "median ms" "ratio" "peak MiB" "target"
  printf '%s\n' "${rows[@]}"
} | tee scripts/bench-last.txt
