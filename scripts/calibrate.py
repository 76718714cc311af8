#!/usr/bin/env python3
"""Score llmplan's performance model against published measurements, and fit its efficiencies.

    python3 scripts/calibrate.py score [--efficiency calibrated|standard|ideal] [--rows] [--serve]
    python3 scripts/calibrate.py fit

`score` runs `llmplan perf --format json` once per measurement row of
Fixtures/calibration/{latency,throughput}.csv (or CALIBRATION_DIR) and prints, per metric and
per engine version, the median and 90th-percentile absolute percentage error
|predicted − measured| / measured. Each row runs under the engine profile of the release it was
measured on (trtllm@0.10 for 0.9 and 0.10, trtllm@0.17 for 0.17, none for gpt-fast).
Metrics: TTFT (batch-1 prefill), batch-1 decode (time per output token), static-batch
throughput (output tokens/s per GPU at a stated batch), and maximum throughput (in-flight
batching at full load: llmplan's --max-throughput).

`fit [trtllm@0.10|trtllm@0.17] [FAMILY...]` fits one measured release's efficiencies per GPU
family and weight-precision class (the rows of Calibration.fitted in
Sources/LLMPlanKit/Performance/Calibration.swift) by coordinate descent on the mean squared log
error, every metric weighted equally, and prints the Swift table. The 0.17 rows are all at full
load, where a prefill's fixed cost and a collective's latency hide: those two factors stay at
the 0.10 fit's values and the rest are refitted.

Standard library only; builds nothing (run `swift build -c release` first, or set LLMPLAN).
"""

import csv
import json
import math
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("CALIBRATION_DIR", os.path.join(ROOT, "Fixtures", "calibration"))
BINARY = os.environ.get("LLMPLAN", os.path.join(ROOT, ".build", "release", "llmplan"))

MODELS = {
    "gpt-j-6b": "gpt-j-6b", "Mistral-7B-v0.1": "mistral-7b", "Mixtral-8x7B-v0.1": "mixtral-8x7b",
    "Llama-2-7b-hf": "llama-2-7b", "Llama-2-70b-hf": "llama-2-70b", "falcon-180B": "falcon-180b",
    "Meta-Llama-3-8B": "llama-3-8b", "Meta-Llama-3-70B": "llama-3-70b",
    "Llama-3.1-8B": "llama-3.1-8b", "Llama-3.1-70B": "llama-3.1-70b",
    "Llama-3.1-405B": "llama-3.1-405b", "Mixtral-8x22B-v0.1": "mixtral-8x22b",
}
# GH200-480GB is the 96 GB HBM3 part.
GPUS = {"H200": "h200", "H100": "h100", "L40S": "l40s", "A100": "a100", "GH200": "gh200"}
FAMILY = {"h200": "hopper", "h100": "hopper", "gh200": "hopper", "l40s": "ada", "a100": "ampere"}
# Rows whose source flags them as wrong: excluded from score and fit (the reason is printed).
EXCLUDED = {"T0110": "source value 54939.48 is flagged as a typo in its notes"}
# `score --serve`: maximum-throughput rows through `llmplan serve --rate inf` (the continuous
# batching simulation) instead of perf's static batch.
SERVE = "--serve" in sys.argv


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


class Case:
    """One measurement row: what llmplan runs, how to read its answer, what was measured."""

    def __init__(self, row_id, metric, args, read, measured, gpu, weights, release, version):
        self.row_id, self.metric, self.args, self.read = row_id, metric, args, read
        self.measured, self.gpu, self.weights = measured, gpu, weights
        # The calibration set the row belongs to, and the engine version it reports under.
        self.release, self.version = release, version


def engine(row):
    """The measured release's profile flags: 0.17 ran with 0.95 of free memory for KV; the
    0.10 engines were built with the max_num_tokens and max_batch_size their notes state."""
    if row["engine_version"].startswith("0.17"):
        return ["--engine", "trtllm@0.17", "--free-gpu-memory-fraction", "0.95"], "trtllm@0.17"
    flags = ["--engine", "trtllm@0.10"]
    notes = row.get("notes", "")
    tokens = re.search(r"max_num_tokens (\d+)", notes)
    batch = re.search(r"max_batch_size (\d+)", notes)
    if tokens:
        flags += ["--max-num-batched-tokens", tokens.group(1)]
    if batch:
        flags += ["--max-num-seqs", batch.group(1)]
    return flags, "trtllm@0.10"


def cases():
    """Every usable row as a Case."""
    out = []
    for row in csv.DictReader(open(os.path.join(DATA, "latency.csv"))):
        model, gpu = MODELS[row["model_key"]], GPUS[row["gpu"].split("-")[0]]
        weights, kv = precision(row)
        base = [model, "--gpu", gpu, "--tp", row["tp"], "--pp", row["pp"] or "1",
                "--precision", weights, "--kv-precision", kv]
        if row["metric"] == "ttft_ms":
            flags, release = engine(row)
            args = base + ["--batch", "1", "--input-tokens", row["isl"], "--output-tokens", "1"]
            out.append(Case(row["row_id"], "TTFT (batch 1)", args + flags,
                            lambda r: r["results"][0]["ttftMs"], float(row["value"]), gpu, weights,
                            release, "TensorRT-LLM " + row["engine_version"]))
        else:
            # gpt-fast is no serving engine: batch-1 decode on the memory CUDA reports.
            args = base + ["--batch", "1", "--input-tokens", row["isl"], "--output-tokens", "200",
                           "--engine", "none"]
            out.append(Case(row["row_id"], "decode TPOT (batch 1)", args,
                            lambda r: r["results"][0]["tpotMs"], float(row["derived_ms_per_token"]),
                            gpu, weights, "trtllm@0.10", "gpt-fast"))
    for row in csv.DictReader(open(os.path.join(DATA, "throughput.csv"))):
        if row["row_id"] in EXCLUDED:
            continue
        model, gpu = MODELS[row["model_key"]], GPUS[row["gpu"].split("-")[0]]
        weights, kv = precision(row)
        flags, release = engine(row)
        base = [model, "--gpu", gpu, "--tp", row["tp"], "--pp", row["pp"] or "1",
                "--precision", weights, "--kv-precision", kv,
                "--input-tokens", row["isl"], "--output-tokens", row["osl"]] + flags
        version = "TensorRT-LLM " + row["engine_version"]
        if row["metric"] == "output_tokens_per_s_per_gpu":
            out.append(Case(row["row_id"], "static-batch throughput",
                            base + ["--batch", row["batch_size"]],
                            lambda r: r["results"][0]["outputTokensPerSecondPerGPU"],
                            float(row["value"]), gpu, weights, release, version))
        elif SERVE:
            # The request-level simulation at an infinite rate, as trtllm-bench runs it
            # (at most 2,000 of the row's requests).
            count = min(int(row["num_requests"] or 1000), 2000)
            out.append(Case(row["row_id"], "max throughput",
                            ["serve"] + base + ["--rate", "inf", "--requests", str(count)],
                            lambda r: r["outputTokensPerSecond"],
                            float(row["value"]), gpu, weights, release, version))
        else:
            out.append(Case(row["row_id"], "max throughput", base + ["--max-throughput"],
                            lambda r: r["results"][0]["outputTokensPerSecond"] if r["results"] else 0.0,
                            float(row["value"]), gpu, weights, release, version))
    return out


def predict(case, efficiency):
    command = case.args if case.args[0] == "serve" else ["perf"] + case.args
    run = subprocess.run(
        [BINARY] + command + ["--efficiency", efficiency, "--format", "json"],
        capture_output=True, text=True)
    if run.returncode == 2:
        raise SystemExit(f"llmplan perf {' '.join(case.args)}: {run.stderr.strip()}")
    return case.read(json.loads(run.stdout))


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


METRICS = ["TTFT (batch 1)", "decode TPOT (batch 1)", "static-batch throughput",
           "max throughput"]


def summary(label, errors):
    print(f"{label:40} {len(errors):5d} {percentile(errors, 0.5):10.1f}% "
          f"{percentile(errors, 0.9):8.1f}%")


def score(efficiency, show_rows):
    selected = cases()
    predicted = predictions(selected, lambda _: efficiency)
    by_metric, by_version = {}, {}
    for case, value in zip(selected, predicted):
        error = abs(value - case.measured) / case.measured * 100
        by_metric.setdefault(case.metric, []).append(error)
        by_version.setdefault((case.version, case.metric), []).append(error)
        if show_rows:
            print(f"{case.row_id}  {case.metric:24} {' '.join(case.args):110} "
                  f"measured {case.measured:10.2f} predicted {value:10.2f}  {error:6.1f} %")
    print(f"efficiency: {efficiency}; rows excluded: "
          + "; ".join(f"{k} ({v})" for k, v in EXCLUDED.items()))
    print(f"{'metric':40} {'rows':>5} {'median APE':>11} {'p90 APE':>9}")
    everything = []
    for metric in METRICS:
        errors = by_metric.get(metric, [])
        everything += errors
        summary(metric, errors)
    summary("all", everything)
    print()
    print(f"{'engine version, metric':40} {'rows':>5} {'median APE':>11} {'p90 APE':>9}")
    for (version, metric), errors in sorted(by_version.items()):
        summary(f"{version}, {metric}", errors)


# Fitted parameters and their search ranges (capped where physics caps them: no GEMM above
# 0.85 of peak, no bandwidth above 0.9). Per weight-precision class: the GEMM curve (its
# asymptote and the rows at which it reaches half of it) and the bandwidth fraction; shared by a GPU family: decode attention, the fixed
# per-layer costs, and the collective-latency multiplier.
PER_CLASS = [("compute", 0.2, 0.85), ("gemm-half", 4.0, 2000.0), ("memory", 0.3, 0.9)]
# Decode attention's FLOP fraction starts at 0.05: its kernels run at least at the CUDA cores'
# rate (H100: 67 FP32 TFLOPS of 989 dense 16-bit, 0.068), so a lower cap would stand in for
# bandwidth and make a faster memory worth nothing.
# A decode step's fixed cost per layer is kernel launches and scheduling: at most 40 µs (about
# ten kernels of a few µs each); larger values would stand in for slow big batches and make
# batch-1 latency implausible (Llama-3-70B at TP 4 on H100 would decode at 26 ms per token).
SHARED = [("attention", 0.05, 1.0), ("prefill-us", 0.5, 400.0), ("decode-us", 0.5, 40.0),
          ("latency", 0.5, 20.0), ("expert", 0.2, 1.0), ("host-us", 0.1, 100.0),
          ("kv-memory", 0.2, 0.9)]
START = {"compute": 0.7, "gemm-half": 64.0, "memory": 0.8, "attention": 0.1, "prefill-us": 10.0,
         "decode-us": 10.0, "latency": 1.0, "expert": 1.0, "host-us": 1.0,
         "kv-memory": 0.6}
KEYS = [name for name, _, _ in PER_CLASS + SHARED]
PER_CLASS_NAMES = [name for name, _, _ in PER_CLASS]


def efficiency_text(values):
    return ",".join(f"{k}={values[k]:.6g}" for k in KEYS)


# Hopper's rows have no multi-GPU decode latency (only throughput at full load, where a
# collective's latency hides among other costs), so its collective-latency multiplier is not
# identifiable there; it takes Ampere's, fitted on gpt-fast's TP 2/4/8 batch-1 decode rows.
FIXED = {"hopper": {"latency": 1.97}}
# Factors the 0.17 rows (all at full load) cannot identify: kept at the 0.10 fit's values
# (the fixed per-layer costs come from batch-1 latency rows, which full-load rows trade
# against bandwidth).
KEPT_FROM_BASE = ["prefill-us", "decode-us", "latency"]
SWIFT = os.path.join(ROOT, "Sources", "LLMPlanKit", "Performance", "Calibration.swift")


def entries(release):
    """A release's entries in Calibration.swift: {(family, class): values}."""
    text = open(SWIFT).read()
    constant = "trtllm" + release.split("@")[1].replace(".", "").ljust(3, "0")
    pattern = re.compile(
        constant + r", \.(\w+), \.bits(\d+),\s*Efficiency\(\s*compute: ([\d.]+), "
        r"gemmHalfTokens: ([\d.]+), memory: ([\d.]+),(?: kvMemory: ([\d.]+),)?\s*"
        r"attention: ([\d.]+), "
        r"prefillSecondsPerLayer: ([\d.]+)e-6, decodeSecondsPerLayer: ([\d.]+)e-6,\s*"
        r"collectiveLatencyScale: ([\d.]+)(?:, expertCompute: ([\d.]+))?"
        r"(?:,\s*hostSecondsPerSequence: ([\d.]+)e-6)?\)")
    out = {}
    for m in pattern.finditer(text):
        family, bits = m.group(1), m.group(2)
        g = m.groups()
        values = dict(zip(["compute", "gemm-half", "memory"], map(float, g[2:5])))
        values["kv-memory"] = float(g[5]) if g[5] else values["memory"]
        values.update(zip(["attention", "prefill-us", "decode-us", "latency"], map(float, g[6:10])))
        values["expert"] = float(g[10]) if g[10] else 1.0
        values["host-us"] = float(g[11]) if g[11] else 0.0
        out[(family, f"{bits}-bit")] = values
    return out


def fit_family(family, selected, fixed, start, per_class_fixed=()):
    """Coordinate descent on the mean (over metrics) of mean squared log errors."""
    classes = sorted({precision_class(c.weights) for c in selected})
    values = {kind: dict(start.get(kind, START)) for kind in classes}
    cache = {}

    def refresh(rows):
        got = predictions(rows, lambda c: efficiency_text(values[precision_class(c.weights)]))
        for case, value in zip(rows, got):
            cache[case.row_id] = value

    def loss():
        per_metric = {}
        for case in selected:
            ratio = max(cache[case.row_id], 1e-9) / case.measured
            per_metric.setdefault(case.metric, []).append(math.log(ratio) ** 2)
        return sum(sum(v) / len(v) for v in per_metric.values())

    for kind in classes:
        values[kind].update(fixed)
    refresh(selected)
    best = loss()
    knobs = [(name, low, high, kind) for kind in classes for name, low, high in PER_CLASS
             if name not in fixed and name not in per_class_fixed]
    knobs += [(name, low, high, None) for name, low, high in SHARED if name not in fixed]
    for sweep in range(3):
        for name, low, high, kind in knobs:
            owners = [kind] if kind else classes
            rows = [c for c in selected if precision_class(c.weights) in owners]
            if sweep == 0 and not start:
                grid = [low * (high / low) ** (i / 11) for i in range(12)]
            else:
                now = values[owners[0]][name]
                grid = [min(max(now * 1.2 ** k, low), high) for k in range(-3, 4)]
            saved = {k: dict(v) for k, v in values.items()}
            kept = {c.row_id: cache[c.row_id] for c in rows}
            best_value = saved[owners[0]][name]
            for candidate in grid:
                for owner in owners:
                    values[owner][name] = candidate
                refresh(rows)
                current = loss()
                if current < best - 1e-12:
                    best, best_value = current, candidate
                    kept = {c.row_id: cache[c.row_id] for c in rows}
            for owner in owners:
                values[owner][name] = best_value
            cache.update(kept)
    return values, best, cache


def fit():
    release = "trtllm@0.10"
    wanted = [a for a in sys.argv[2:] if a != "--serve"]
    only = None
    if "--only" in wanted:
        at = wanted.index("--only")
        only = wanted[at + 1].split(",")
        wanted = wanted[:at] + wanted[at + 2:]
    if wanted and wanted[0].startswith("trtllm@"):
        release, wanted = wanted[0], wanted[1:]
    everything = [c for c in cases() if c.release == release]
    if not everything:
        raise SystemExit(f"no rows of {release}")
    # Start from the release's own entries when refitting some factors (--only), else from
    # the 0.10 fit for a newer release.
    base = entries(release) if only else entries("trtllm@0.10") if release != "trtllm@0.10" else {}
    families = {}
    for case in everything:
        families.setdefault(FAMILY[case.gpu], []).append(case)
    table = []
    for family, selected in sorted(families.items()):
        if wanted and family not in wanted:
            continue
        fixed = dict(FIXED.get(family, {}))
        start = {}
        if base:
            # Start from the 0.10 fit (the same class, else the family's first class).
            mine = {k: v for (f, k), v in base.items() if f == family}
            first = next(iter(mine.values()))
            for kind in {precision_class(c.weights) for c in selected}:
                start[kind] = dict(mine.get(kind, first))
            kept = [k for k in KEYS if k not in only] if only else KEPT_FROM_BASE
            fixed.update({k: first[k] for k in kept if k not in PER_CLASS_NAMES})
            per_class_fixed = [k for k in kept if k in PER_CLASS_NAMES]
        else:
            per_class_fixed = []
        values, best, cache = fit_family(family, selected, fixed, start, per_class_fixed)
        for kind, v in sorted(values.items()):
            rows = [c for c in selected if precision_class(c.weights) == kind]
            ratios = sorted(max(cache[c.row_id] / c.measured, c.measured / cache[c.row_id])
                            for c in rows)
            spread = percentile(ratios, 0.8)
            metrics = sorted({c.metric for c in rows})
            print(f"{release} {family} {kind}: {len(rows)} rows ({', '.join(metrics)}); family "
                  f"loss {best:.4f}; {efficiency_text(v)}; spread x{spread:.3f}", flush=True)
            table.append((family, kind, v, spread))
    print()
    constant = "trtllm" + release.split("@")[1].replace(".", "").ljust(3, "0")
    for family, kind, v, spread in table:
        name = {"16-bit": "bits16", "8-bit": "bits8", "4-bit": "bits4"}[kind]
        print(f"    entry(\n      {constant}, .{family}, .{name},\n      Efficiency(\n"
              f"        compute: {v['compute']:.3f}, gemmHalfTokens: {v['gemm-half']:.1f}, "
              f"memory: {v['memory']:.3f}, kvMemory: {v['kv-memory']:.3f},\n        attention: {v['attention']:.4f}, "
              f"prefillSecondsPerLayer: {v['prefill-us']:.1f}e-6, "
              f"decodeSecondsPerLayer: {v['decode-us']:.1f}e-6,"
              f"\n        collectiveLatencyScale: {v['latency']:.2f}"
              + (f", expertCompute: {v['expert']:.3f}" if v["expert"] != 1 else "")
              + f",\n        hostSecondsPerSequence: {v['host-us']:.2f}e-6"
              + f"), spread: {spread:.2f}),")


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
