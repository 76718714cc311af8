#!/usr/bin/env python3
"""Writes a deployment file of every built-in model × every built-in GPU × 4 contexts (the
model's maximum, 1/4, 1/16 and 1/64 of it, at least 512 tokens), for
timing `llmplan check` on a fleet-sized file (scripts/bench.sh).

    python3 scripts/check-sweep.py OUT.json

Standard library only; reads the catalogs from the release binary (`swift build -c release`).
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("LLMPLAN", os.path.join(ROOT, ".build", "release", "llmplan"))


def catalog(command, key):
    out = subprocess.run([BINARY, command, "--format", "json"], capture_output=True, text=True)
    return json.loads(out.stdout)[key]


def main():
    models, gpus = catalog("models", "models"), [g["id"] for g in catalog("gpus", "gpus")]
    deployments = []
    for model in models:
        # Four contexts up to the model's maximum: a quarter, an eighth, … of it, at least 512.
        contexts = sorted({max(512, model["maxContext"] // d) for d in (1, 4, 16, 64)})
        for gpu in gpus:
            for context in contexts:
                deployments.append({
                    "name": f"{model['id']}-{gpu}-{context}", "model": model["id"], "gpu": gpu,
                    "context": context, "requirements": {"maxGPUs": 64, "minHeadroomPercent": 5}})
    with open(sys.argv[1], "w") as out:
        json.dump({"schemaVersion": 1, "deployments": deployments}, out)
    # Pairs an engine cannot run at all (an FP8 or MXFP4 checkpoint on a GPU without the
    # kernels) are input errors to `check`: drop them.
    run = subprocess.run([BINARY, "check", sys.argv[1], "--format", "json"],
                         capture_output=True, text=True)
    bad = {int(m) for m in re.findall(r"deployments\[(\d+)\]", run.stderr)}
    deployments = [d for i, d in enumerate(deployments) if i not in bad]
    with open(sys.argv[1], "w") as out:
        json.dump({"schemaVersion": 1, "deployments": deployments}, out)
    print(f"{len(deployments)} deployments ({len(models)} models × {len(gpus)} GPUs × up to 4 "
          f"contexts, less {len(bad)} an engine cannot run)")


if __name__ == "__main__":
    main()
