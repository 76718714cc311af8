"""Checks llmplan's memory inputs against a real GPU (run on a machine with CUDA and PyTorch).

1. What CUDA reports: total and free memory after the context (the catalog's "usable GiB").
2. Parameter counts of models built from the reference config.json files by transformers
   (on the meta device: no weights are downloaded or allocated).
3. Real bytes allocated by a bf16 model built on the GPU (random weights), against
   parameters x 2 bytes.

Usage: python3 scripts/gpu_check.py CONFIG_DIR > result.json
"""
import glob
import json
import os
import subprocess
import sys

import torch
import transformers

out = {}
smi = subprocess.run(
    ["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader,nounits"],
    capture_output=True, text=True).stdout.strip()
out["nvidia_smi"] = smi
torch.cuda.init()
free, total = torch.cuda.mem_get_info()
out["cuda_total_bytes"] = total
out["cuda_total_gib"] = total / 2**30
out["cuda_free_after_context_gib"] = free / 2**30
out["torch"] = torch.__version__
out["transformers"] = transformers.__version__

counts = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    name = os.path.basename(path)
    if name == "SOURCES.csv":
        continue
    try:
        raw = json.load(open(path))
        if raw.get("model_type") in ("RefinedWeb",):
            raw["model_type"] = "falcon"
            raw.setdefault("new_decoder_architecture", True)
            raw["num_kv_heads"] = raw.pop("n_head_kv")
            raw["num_attention_heads"] = raw.pop("n_head")
            raw["num_hidden_layers"] = raw.pop("n_layer")
        if raw.get("model_type") == "phi-msft":
            raw = {"model_type": "phi", "hidden_size": raw["n_embd"], "num_hidden_layers": raw["n_layer"],
                   "num_attention_heads": raw["n_head"], "intermediate_size": 4 * raw["n_embd"],
                   "vocab_size": raw["vocab_size"], "partial_rotary_factor": 0.4,
                   "tie_word_embeddings": False}
        raw.pop("quantization_config", None)
        config = transformers.AutoConfig.for_model(**raw)
        if getattr(config, "text_config", None) is not None and "Llama-4" in name:
            config = config.text_config
        with torch.device("meta"):
            model = transformers.AutoModelForCausalLM.from_config(config)
        counts[name] = sum(p.numel() for p in model.parameters())
        # transformers ties weights after init; count unique storage like a checkpoint does
        seen = {}
        for p in model.parameters():
            seen[id(p)] = p.numel()
        counts[name] = sum(seen.values())
    except Exception as error:  # report, keep going
        counts[name] = "error: " + str(error)[:200]
out["parameter_counts"] = counts

config = transformers.AutoConfig.for_model(**json.load(open(os.path.join(sys.argv[1], "Llama-3.1-8B.json"))))
torch.cuda.reset_peak_memory_stats()
before = torch.cuda.memory_allocated()
with torch.device("cuda"):
    model = transformers.AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16)
out["llama31_8b_bf16_allocated_bytes"] = torch.cuda.memory_allocated() - before
free, _ = torch.cuda.mem_get_info()
out["free_after_8b_weights_gib"] = free / 2**30
json.dump(out, sys.stdout, indent=1)
