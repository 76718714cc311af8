#!/usr/bin/env bash
# Times `llmplan fit llama3-70b --gpu h100` as a whole process against a trivial Swift program
# built the same way (release, same toolchain), and prints the ratio. Not a test: timings vary
# by machine, the ratio is what to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}

swift build -c release --product llmplan >/dev/null
trivial_dir=$(mktemp -d)
trap 'rm -rf "$trivial_dir"' EXIT
mkdir -p "$trivial_dir/Sources/trivial"
cat >"$trivial_dir/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "trivial", targets: [.executableTarget(name: "trivial")])
SWIFT
echo 'print("hello")' >"$trivial_dir/Sources/trivial/main.swift"
swift build -c release --package-path "$trivial_dir" >/dev/null

llmplan=.build/release/llmplan
trivial="$trivial_dir/.build/release/trivial"

time_runs() {  # prints seconds for $runs runs of the command
  local start end
  start=$(date +%s.%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null || true; done
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' 
}

"$trivial" >/dev/null; "$llmplan" fit llama3-70b --gpu h100 >/dev/null   # warm the page cache
t_trivial=$(time_runs "$trivial")
t_fit=$(time_runs "$llmplan" fit llama3-70b --gpu h100)
t_json=$(time_runs "$llmplan" fit llama-3.1-405b --gpu l4 --context 131072 --format json)
# Issue 5: every divisor layout of 4,096 GPUs (91 TP × PP pairs; MoE adds EP: 455 for DeepSeek).
layout_runs=$(( runs / 10 > 0 ? runs / 10 : 1 ))
runs_saved=$runs; runs=$layout_runs
t_layouts=$(time_runs "$llmplan" layouts llama-3.1-405b --gpu h100 --gpus 4096 --format json)
t_moe=$(time_runs "$llmplan" layouts deepseek-v3 --gpu h200 --gpus 4096 --context 8k --format json)
runs=$runs_saved
# Issue 12: a checkpoint directory of 120 safetensors shards against the same checkpoint in one
# (Llama-3.1-70B, 141 GB of holes: scripts/synthetic-checkpoint.py writes real headers only).
python3 scripts/synthetic-checkpoint.py "$trivial_dir/one" 1
python3 scripts/synthetic-checkpoint.py "$trivial_dir/many" 120
t_one=$(time_runs "$llmplan" fit "$trivial_dir/one" --gpu h100)
t_many=$(time_runs "$llmplan" fit "$trivial_dir/many" --gpu h100)
# Issue 14: 10,000 requests of Llama-3-70B on 8 × H100 (TP 8) near saturation, one process.
runs_saved=$runs; runs=$layout_runs
t_serve=$(time_runs "$llmplan" serve llama3-70b --gpu h100 --tp 8 --rate 6 --requests 10000 --input-tokens 2000 --output-tokens 300 --format json)
t_size=$(time_runs "$llmplan" fit llama3-70b --gpu h100 --rate 20 --isl 2000 --osl 300 --ttft-p99 2s --tpot-p99 50ms --max-gpus 64 --format json)
# Issue 15: `check` of every built-in model × GPU × 4 contexts in one process.
python3 scripts/check-sweep.py "$trivial_dir/sweep.json" >"$trivial_dir/sweep.txt"
t_check=$(time_runs "$llmplan" check "$trivial_dir/sweep.json" --format json)
sweep_rows=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['deployments']))" "$trivial_dir/sweep.json")
# The issue's size: 3,100 of those rows, drawn with a fixed seed.
python3 -c "
import json, random, sys
rows = json.load(open(sys.argv[1]))['deployments']
random.Random(1).shuffle(rows)
json.dump({'schemaVersion': 1, 'deployments': rows[:3100]}, open(sys.argv[2], 'w'))" \
  "$trivial_dir/sweep.json" "$trivial_dir/sweep3100.json"
t_check3100=$(time_runs "$llmplan" check "$trivial_dir/sweep3100.json" --format json)
runs=$runs_saved

awk -v c="$t_check" -v d="$t_check3100" -v r="$sweep_rows" -v n="$runs" -v m="$layout_runs" -v t="$t_trivial" -v f="$t_fit" -v j="$t_json" \
  -v l="$t_layouts" -v e="$t_moe" -v o="$t_one" -v s="$t_many" -v v="$t_serve" -v z="$t_size" 'BEGIN {
  printf "runs: %d\n", n
  printf "trivial Swift program (print):       %8.3f ms per run\n", t * 1000 / n
  printf "llmplan fit llama3-70b --gpu h100:   %8.3f ms per run\n", f * 1000 / n
  printf "llmplan fit llama-3.1-405b --gpu l4 --context 131072 --format json: %8.3f ms per run\n", j * 1000 / n
  printf "ratio fit / trivial: %.2f (target: at most 1.5)\n", f / t
  printf "llmplan layouts llama-3.1-405b --gpu h100 --gpus 4096: %8.3f ms per run (%d runs)\n", l * 1000 / m, m
  printf "llmplan layouts deepseek-v3 --gpu h200 --gpus 4096:    %8.3f ms per run\n", e * 1000 / m
  printf "ratio large search / trivial: %.2f\n", j / t
  printf "ratio 4,096-GPU layouts / trivial: %.2f dense, %.2f MoE (target: well under 1 s)\n", (l / m) / (t / n), (e / m) / (t / n)
  printf "llmplan fit CHECKPOINT --gpu h100, 1 shard:    %8.3f ms per run\n", o * 1000 / n
  printf "llmplan fit CHECKPOINT --gpu h100, 120 shards: %8.3f ms per run\n", s * 1000 / n
  printf "ratio 120 shards / 1 shard: %.2f (%+.2f ms; target: a few ms more at most)\n", s / o, (s - o) * 1000 / n
  printf "llmplan serve, 10,000 requests, 70B on 8 x H100: %8.3f ms per run (target: under 250 ms)\n", v * 1000 / m
  printf "ratio serve 10,000 / trivial: %.2f\n", (v / m) / (t / n)
  printf "llmplan fit with targets over 64 GPUs: %8.3f ms per run (target: under 2 s)\n", z * 1000 / m
  printf "llmplan check, %d deployments: %8.1f ms per run, %.1f us per deployment\n", r, c * 1000 / m, c * 1e6 / m / r
  printf "llmplan check, 3,100 of them: %8.1f ms per run (target: under 100 ms); ratio / trivial %.1f\n", d * 1000 / m, (d / m) / (t / n)
}'
