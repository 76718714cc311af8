#!/usr/bin/env python3
"""Writes schemas/<command>.schema.json: a JSON Schema (draft 2020-12) of each command's
`--format json` output, inferred from a set of sample runs that reach its variants (fits,
short, impossible, requirements, procurement, MoE, offload, traffic targets, …), with the
README's field tables as descriptions.

    swift build -c release && python3 scripts/json-schemas.py

Run it when a change adds a field (the compatibility promise in the README: fields are only
added within a schemaVersion), then review the diff: a removed or retyped field is a breaking
change. `swift test` validates the goldens against the files it writes (JSONSchemaTests).
Standard library only.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("LLMPLAN", os.path.join(ROOT, ".build", "release", "llmplan"))
OUT = os.path.join(ROOT, "schemas")

FLEET = "Fixtures/deployments/fleet.json"
# A checkpoint directory with real safetensors headers (scripts/synthetic-checkpoint.py).
CHECKPOINT = os.path.join(ROOT, ".build", "schema-sample-checkpoint")
CONFIG = "Fixtures/configs/Llama-3.1-8B.json"
# Objects keyed by data (architecture fields, dtypes, GPU ids), not by field names: a map.
MAPS = {"fields", "defaults", "storedByType"}
SAMPLES = {
    "fit": [
        "fit llama3-70b --gpu h100",
        "fit llama3-70b --gpu h100 --gpus 2",
        "fit llama3-70b --gpu h100 --gpus 8 --emit vllm",
        "fit llama-2-13b --gpu l4 --precision int4",
        "fit qwen3-30b-a3b --gpu rtx4090 --engine llamacpp --precision q4_k_m --batch 4 --gpus 1",
        "fit qwen3-30b-a3b --gpu rtx4090 --engine llamacpp --precision q4_k_m --emit llamacpp",
        "fit llama-3.1-405b --gpu t4 --max-gpus 4",
        "fit llama-3.1-405b --gpu h100 --round-to node --replicas-headroom 1",
        "fit llama3-70b --gpu l4 --round-to instance",
        "fit llama3-70b --gpu h100 --method rule-of-thumb",
        "fit llama3-70b --gpu h100 --min-headroom 10% --max-tpot-ms 40 --concurrency 32",
        "fit llama3-70b --gpu h100 --min-headroom 99%",
        "fit deepseek-v3 --gpu h200 --precision fp8",
        "fit mixtral-8x7b --gpu a100-80gb --engine sglang --emit sglang",
        "fit llama-3.1-8b --gpu h100 --rate 5 --requests 200 --ttft-p99 2s --tpot-p99 50ms",
        "fit llama-3.1-8b --gpu h100 --rate 500 --requests 200 --ttft-p99 10ms --max-gpus 2",
        "fit llama3-70b --gpu h100 --engine trtllm --emit trtllm",
        f"fit {CONFIG} --gpu h100",
        f"fit {CHECKPOINT} --gpu h100",
    ],
    "perf": [
        "perf llama-3.1-8b --gpu l40s --precision fp8 --batch 1,8,32",
        "perf llama3-70b --gpu h100 --tp 4 --max-throughput",
        "perf llama3-70b --gpu h100 --tp 1 --batch 8",
        "perf llama3-70b --gpu h100 --tp 4 --batch 1,32 --max-tpot-ms 1 --price 2",
        "perf mixtral-8x7b --gpu h100 --tp 2 --batch 16",
    ],
    "compare": [
        "compare llama-3.1-8b --gpu h100,l40s,l4,a100-80gb",
        "compare llama-3.1-405b --gpu h100,t4",
        "compare llama-3.1-8b --gpu h100,l40s --rate 5 --requests 200 --ttft-p99 2s",
    ],
    "layouts": [
        "layouts mixtral-8x7b --gpu a100-80gb --gpus 8 --context 32k",
        "layouts mixtral-8x7b --gpu a100 --gpus 8 --context 32768 --concurrency 32 --emit vllm",
        "layouts llama3-70b --gpu h100 --gpus 8 --emit vllm",
        "layouts llama3-70b --gpu h100 --gpus 1",
        "layouts llama3-70b --gpu h100",
        "layouts llama-3.1-405b --gpu t4 --gpus 2",
    ],
    "scale": [
        "scale llama3-70b --gpu h100",
        "scale --parallel-fraction 0.95 --gpus 1,2,4,8",
    ],
    "kv": [
        "kv deepseek-v3 --gpu h200 --precision fp8",
        "kv llama-3.1-8b --gpu rtx3090",
        "kv llama-3.1-8b --gpu h100,l40s",
        "kv llama3-70b --gpu l4",
        "kv llama-3.1-8b",
    ],
    "memory": [
        "memory deepseek-v3",
        "memory llama3-70b",
        "memory mixtral-8x7b",
        f"memory {CONFIG}",
        f"memory {CHECKPOINT}",
    ],
    "serve": [
        "serve llama-3.1-8b --gpu h100 --rate 10 --requests 300 --isl 1000 --osl 200 --ttft-p99 2s --tpot-p99 50ms",
        "serve llama-3.1-8b --gpu h100 --rate inf --requests 200",
        "serve llama3-70b --gpu h100 --tp 4 --trace Fixtures/traces/requests.jsonl",
        "serve llama-3.1-8b --gpu h100 --rate 5 --requests 200 --min-tokens-per-second 1e9",
    ],
    "check": [f"check {FLEET}"],
    "models": ["models"],
    "gpus": ["gpus"],
    "engines": ["engines"],
}

# The README section that documents each command's JSON.
SECTIONS = {
    "fit": "fit --format json", "perf": "perf --format json",
    "compare": "compare --format json", "layouts": "layouts --format json",
    "scale": "scale --format json", "kv": "kv --format json", "serve": "serve --format json",
    "check": "CI sizing checks: llmplan check",
}


def run(command):
    args = command.split() + ["--format", "json"]
    out = subprocess.run([BINARY] + args, capture_output=True, text=True, cwd=ROOT)
    if out.returncode == 2 or not out.stdout.strip():
        sys.exit(f"sample failed (exit {out.returncode}): llmplan {' '.join(args)}\n{out.stderr}")
    return json.loads(out.stdout)


def kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def infer(values, name=""):
    """The narrowest schema of this subset that every value satisfies."""
    kinds = sorted({kind(v) for v in values})
    schema = {"type": kinds[0] if len(kinds) == 1 else kinds}
    objects = [v for v in values if isinstance(v, dict)]
    if objects and name in MAPS:
        entries = [value for obj in objects for value in obj.values()]
        schema["additionalProperties"] = infer(entries) if entries else True
    elif objects:
        keys = []
        for obj in objects:
            keys += [k for k in obj if k not in keys]
        schema["properties"] = {k: infer([o[k] for o in objects if k in o], k) for k in keys}
        schema["required"] = [k for k in keys if all(k in o for o in objects)]
        schema["additionalProperties"] = False
    arrays = [v for v in values if isinstance(v, list)]
    if arrays:
        items = [item for array in arrays for item in array]
        if items:
            schema["items"] = infer(items)
    return schema


def readme_fields(section):
    """Key → meaning from the README table under `### \\`section\\``."""
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    plain = text.replace("`", "")
    start = plain.find("### " + section)
    if start < 0:
        return {}
    end = plain.find("\n### ", start + 4)
    fields = {}
    for line in plain[start:end].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] in ("key", "---"):
            continue
        for key in re.split(r",\s*", cells[0]):
            if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", key):
                meaning = cells[2] or cells[1]
                fields.setdefault(key, meaning if meaning else "as documented in the README")
    return fields


def main():
    os.makedirs(OUT, exist_ok=True)
    if not os.path.isdir(CHECKPOINT):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "synthetic-checkpoint.py"),
                        CHECKPOINT, "2", os.path.join(ROOT, CONFIG)], check=True)
    for command, samples in SAMPLES.items():
        documents = [run(sample) for sample in samples]
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://github.com/llmplan/llmplan/schemas/{command}.schema.json",
            "title": f"llmplan {command} --format json, schemaVersion 1",
            "description": (
                f"The output of `llmplan {command} --format json`. Documented field by field in "
                f"the README ('Output formats'). Within schemaVersion 1 fields are only added."),
        }
        schema.update(infer(documents))
        schema["properties"]["schemaVersion"] = {"const": 1}
        for key, meaning in readme_fields(SECTIONS.get(command, "")).items():
            if key in schema["properties"]:
                schema["properties"][key] = {"description": meaning, **schema["properties"][key]}
        path = os.path.join(OUT, f"{command}.schema.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(schema, out, indent=2, ensure_ascii=False)
            out.write("\n")
        print(f"{path}: {len(samples)} samples, {len(schema['properties'])} top-level fields")


if __name__ == "__main__":
    main()
