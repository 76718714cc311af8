#!/usr/bin/env python3
"""Score llmplan's performance model against published measurements, and fit its efficiencies.

    python3 scripts/calibrate.py score [--efficiency calibrated|standard|ideal] [--rows]
    python3 scripts/calibrate.py fit

`score` runs `llmplan perf --format json` once per measurement row of
../shared/calibration/{latency,throughput}.csv (or CALIBRATION_DIR) and prints, per metric, the
median and 90th-percentile absolute percentage error |predicted − measured| / measured.
Metrics: TTFT (batch-1 prefill), batch-1 decode (time per output token), static-batch
throughput (output tokens/s per GPU at a stated batch), and maximum throughput (in-flight
batching at full load: llmplan's --max-throughput).

`fit` fits the efficiencies per GPU family and weight-precision class (the rows of
Calibration.fitted in Sources/LLMPlanKit/Performance/Calibration.swift) by coordinate descent
on the mean squared log error, every metric weighted equally, and prints the Swift table.

Standard library only; builds nothing (run `swift build -c release` first, or set LLMPLAN).
"""

import csv
import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("CALIBRATION_DIR", os.path.join(ROOT, "..", "shared", "calibration"))
BINARY = os.environ.get("LLMPLAN", os.path.join(ROOT, ".build", "release", "llmplan"))

MODELS = {
    "gpt-j-6b": "gpt-j-6b", "Mistral-7B-v0.1": "mistral-7b", "Mixtral-8x7B-v0.1": "mixtral-8x7b",
    "Llama-2-7b-hf": "llama-2-7b", "Llama-2-70b-hf": "llama-2-70b", "falcon-180B": "falcon-180b",
    "Meta-Llama-3-8B": "llama-3-8b", "Meta-Llama-3-70B": "llama-3-70b",
    "Llama-3.1-8B": "llama-3.1-8b", "Llama-3.1-70B": "llama-3.1-70b",
    "Llama-3.1-405B": "llama-3.1-405b",
}
GPUS = {"H200": "h200", "H100": "h100", "L40S": "l40s", "A100": "a100"}
FAMILY = {"h200": "hopper", "h100": "hopper", "l40s": "ada", "a100": "ampere"}
# Rows whose source flags them as wrong: excluded from score and fit (the reason is printed).
EXCLUDED = {"T0110": "source value 54939.48 is flagged as a typo in its notes"}


def precision(row):
    """(weights, kv cache) from the row's published precision."""
    weights = row["weight_precision"]
    if weights.startswith("FP8"):
        return "fp8", "fp8"
    if weights.startswith("FP16"):
        return "fp16", "fp16"
    if weights.startswith("8-bit"):
        return "int8", "bf16"
    if weights.startswith("4-bit"):
        return "int4", "bf16"
    return "bf16", "bf16"


def precision_class(weights):
    return {"fp8": "8-bit", "int8": "8-bit", "int4": "4-bit"}.get(weights, "16-bit")


def cases():
    """Every usable row as (id, metric, llmplan arguments, JSON reader, measured, group)."""
    out = []
    for row in csv.DictReader(open(os.path.join(DATA, "latency.csv"))):
        model, gpu = MODELS[row["model_key"]], GPUS[row["gpu"].split("-")[0]]
        weights, kv = precision(row)
        base = [model, "--gpu", gpu, "--tp", row["tp"], "--pp", row["pp"] or "1",
                "--precision", weights, "--kv-precision", kv]
        if row["metric"] == "ttft_ms":
            args = base + ["--batch", "1", "--input-tokens", row["isl"], "--output-tokens", "1",
                           "--engine", "trtllm"]
            out.append((row["row_id"], "TTFT (batch 1)", args,
                        lambda r: r["results"][0]["ttftMs"], float(row["value"]), gpu, weights))
        else:
            args = base + ["--batch", "1", "--input-tokens", row["isl"], "--output-tokens", "200",
                           "--engine", "none"]
            out.append((row["row_id"], "decode TPOT (batch 1)", args,
                        lambda r: r["results"][0]["tpotMs"], float(row["derived_ms_per_token"]),
                        gpu, weights))
    for row in csv.DictReader(open(os.path.join(DATA, "throughput.csv"))):
        if row["row_id"] in EXCLUDED:
            continue
        model, gpu = MODELS[row["model_key"]], GPUS[row["gpu"].split("-")[0]]
        weights, kv = precision(row)
        base = [model, "--gpu", gpu, "--tp", row["tp"], "--pp", row["pp"] or "1",
                "--precision", weights, "--kv-precision", kv, "--engine", "trtllm",
                "--input-tokens", row["isl"], "--output-tokens", row["osl"]]
        if row["metric"] == "output_tokens_per_s_per_gpu":
            out.append((row["row_id"], "static-batch throughput", base + ["--batch", row["batch_size"]],
                        lambda r: r["results"][0]["outputTokensPerSecondPerGPU"],
                        float(row["value"]), gpu, weights))
        else:
            out.append((row["row_id"], "max throughput", base + ["--max-throughput"],
                        lambda r: r["results"][0]["outputTokensPerSecond"] if r["results"] else 0.0,
                        float(row["value"]), gpu, weights))
    return out


def predict(case, efficiency):
    _, _, args, read, _, _, _ = case
    run = subprocess.run([BINARY, "perf"] + args + ["--efficiency", efficiency, "--format", "json"],
                         capture_output=True, text=True)
    if run.returncode == 2:
        raise SystemExit(f"llmplan perf {' '.join(args)}: {run.stderr.strip()}")
    return read(json.loads(run.stdout))


def predictions(selected, efficiency_of):
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(lambda c: predict(c, efficiency_of(c)), selected))


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def score(efficiency, show_rows):
    selected = cases()
    predicted = predictions(selected, lambda _: efficiency)
    by_metric = {}
    for case, value in zip(selected, predicted):
        row_id, metric, args, _, measured, gpu, weights = case
        error = abs(value - measured) / measured * 100
        by_metric.setdefault(metric, []).append(error)
        if show_rows:
            print(f"{row_id}  {metric:24} {' '.join(args):110} measured {measured:10.2f} "
                  f"predicted {value:10.2f}  {error:6.1f} %")
    print(f"efficiency: {efficiency}; rows excluded: "
          + "; ".join(f"{k} ({v})" for k, v in EXCLUDED.items()))
    print(f"{'metric':26} {'rows':>5} {'median APE':>11} {'p90 APE':>9}")
    everything = []
    for metric in ["TTFT (batch 1)", "decode TPOT (batch 1)", "static-batch throughput",
                   "max throughput"]:
        errors = by_metric.get(metric, [])
        everything += errors
        print(f"{metric:26} {len(errors):5d} {percentile(errors, 0.5):10.1f}% "
              f"{percentile(errors, 0.9):8.1f}%")
    print(f"{'all':26} {len(everything):5d} {percentile(everything, 0.5):10.1f}% "
          f"{percentile(everything, 0.9):8.1f}%")


# Fitted parameters and their search ranges. Per weight-precision class: the compute
# fractions and the bandwidth fraction; shared by a GPU family: decode attention, the fixed
# per-layer costs, and the collective-latency multiplier.
PER_CLASS = [("prefill", 0.2, 1.0), ("decode", 0.1, 1.0), ("memory", 0.3, 1.0)]
SHARED = [("attention", 0.001, 1.0), ("prefill-us", 0.5, 400.0), ("decode-us", 0.5, 400.0),
          ("latency", 0.5, 20.0)]
START = {"prefill": 0.7, "decode": 0.7, "memory": 0.8, "attention": 0.05, "prefill-us": 10.0,
         "decode-us": 10.0, "latency": 1.0}
KEYS = [name for name, _, _ in PER_CLASS + SHARED]


def efficiency_text(values):
    return ",".join(f"{k}={values[k]:.6g}" for k in KEYS)


# Hopper's rows have no multi-GPU decode latency (only throughput at full load, where a
# collective's latency hides among other costs), so its collective-latency multiplier is not
# identifiable there; it takes Ampere's, fitted on gpt-fast's TP 2/4/8 batch-1 decode rows.
FIXED = {"hopper": {"latency": 1.97}}


def fit_family(family, selected):
    """Coordinate descent on the mean (over metrics) of mean squared log errors."""
    classes = sorted({precision_class(c[6]) for c in selected})
    values = {kind: dict(START) for kind in classes}
    cache = {}

    def refresh(rows):
        chosen = [c for c in rows]
        got = predictions(chosen, lambda c: efficiency_text(values[precision_class(c[6])]))
        for case, value in zip(chosen, got):
            cache[case[0]] = value

    def loss():
        per_metric = {}
        for case in selected:
            ratio = max(cache[case[0]], 1e-9) / case[4]
            per_metric.setdefault(case[1], []).append(math.log(ratio) ** 2)
        return sum(sum(v) / len(v) for v in per_metric.values())

    refresh(selected)
    best = loss()
    knobs = [(name, low, high, kind) for kind in classes for name, low, high in PER_CLASS]
    knobs += [(name, low, high, None) for name, low, high in SHARED if name not in FIXED.get(family, {})]
    for kind in classes:
        values[kind].update(FIXED.get(family, {}))
    for sweep in range(3):
        for name, low, high, kind in knobs:
            owners = [kind] if kind else classes
            rows = [c for c in selected if precision_class(c[6]) in owners]
            if sweep == 0:
                grid = [low * (high / low) ** (i / 11) for i in range(12)]
            else:
                now = values[owners[0]][name]
                grid = [min(max(now * 1.2 ** k, low), high) for k in range(-3, 4)]
            saved = {k: dict(v) for k, v in values.items()}
            kept = {c[0]: cache[c[0]] for c in rows}
            best_value = saved[owners[0]][name]
            for candidate in grid:
                for owner in owners:
                    values[owner][name] = candidate
                refresh(rows)
                current = loss()
                if current < best - 1e-12:
                    best, best_value = current, candidate
                    kept = {c[0]: cache[c[0]] for c in rows}
            for owner in owners:
                values[owner][name] = best_value
            cache.update(kept)
    return values, best, cache


def fit():
    everything = cases()
    families = {}
    for case in everything:
        families.setdefault(FAMILY[case[5]], []).append(case)
    table = []
    wanted = sys.argv[2:] or sorted(families)
    for family, selected in sorted(families.items()):
        if family not in wanted:
            continue
        values, best, cache = fit_family(family, selected)
        for kind, v in sorted(values.items()):
            rows = [c for c in selected if precision_class(c[6]) == kind]
            ratios = sorted(max(cache[c[0]] / c[4], c[4] / cache[c[0]]) for c in rows)
            spread = percentile(ratios, 0.8)
            metrics = sorted({c[1] for c in rows})
            print(f"{family} {kind}: {len(rows)} rows ({', '.join(metrics)}); family loss "
                  f"{best:.4f}; {efficiency_text(v)}; spread x{spread:.3f}", flush=True)
            table.append((family, kind, v, spread))
    print()
    for family, kind, v, spread in table:
        name = {"16-bit": "bits16", "8-bit": "bits8", "4-bit": "bits4"}[kind]
        print(f"    entry(\n      .{family}, .{name},\n      Efficiency(\n"
              f"        prefillCompute: {v['prefill']:.3f}, decodeCompute: {v['decode']:.3f}, "
              f"memory: {v['memory']:.3f},\n        attention: {v['attention']:.4f}, "
              f"prefillOverhead: {v['prefill-us']:.1f}e-6, decodeOverhead: {v['decode-us']:.1f}e-6,"
              f"\n        collectiveLatency: {v['latency']:.2f}), spread: {spread:.2f}),")


def main():
    args = sys.argv[1:]
    if not os.path.exists(BINARY):
        raise SystemExit(f"{BINARY} not found: run 'swift build -c release' first (or set LLMPLAN)")
    if args[:1] == ["score"]:
        efficiency = "calibrated"
        if "--efficiency" in args:
            efficiency = args[args.index("--efficiency") + 1]
        score(efficiency, "--rows" in args)
    elif args[:1] == ["fit"]:
        fit()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
