#!/usr/bin/env python3
"""Writes a checkpoint directory llmplan can read, for the benchmark: a config.json and the
safetensors shards of a Llama-style model, with real headers and the data left as holes
(sparse files: a 141 GB checkpoint takes a few MB of disk). Standard library only.

    python3 scripts/synthetic-checkpoint.py DIR SHARDS [CONFIG.json]

CONFIG.json defaults to Fixtures/configs/Llama-3.1-70B.json. With SHARDS > 1, the tensors are
spread over model-0000i-of-0000n.safetensors files with a model.safetensors.index.json.
"""
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tensors(c):
    h, v, n = c["hidden_size"], c["vocab_size"], c["num_hidden_layers"]
    heads, kv = c["num_attention_heads"], c.get("num_key_value_heads", c["num_attention_heads"])
    d = c.get("head_dim") or h // heads
    i = c["intermediate_size"]
    yield "model.embed_tokens.weight", [v, h]
    for layer in range(n):
        p = f"model.layers.{layer}."
        yield p + "input_layernorm.weight", [h]
        if c.get("model_type", "").startswith("qwen3"):
            yield p + "self_attn.q_norm.weight", [d]
            yield p + "self_attn.k_norm.weight", [d]
        yield p + "self_attn.q_proj.weight", [heads * d, h]
        yield p + "self_attn.k_proj.weight", [kv * d, h]
        yield p + "self_attn.v_proj.weight", [kv * d, h]
        yield p + "self_attn.o_proj.weight", [h, heads * d]
        yield p + "post_attention_layernorm.weight", [h]
        experts = c.get("num_experts") or c.get("num_local_experts") or c.get("n_routed_experts")
        if experts:  # Qwen3-MoE naming: a router and every expert's three projections
            w = c.get("moe_intermediate_size", i)
            yield p + "mlp.gate.weight", [experts, h]
            for e in range(experts):
                yield p + f"mlp.experts.{e}.gate_proj.weight", [w, h]
                yield p + f"mlp.experts.{e}.up_proj.weight", [w, h]
                yield p + f"mlp.experts.{e}.down_proj.weight", [h, w]
        else:
            yield p + "mlp.gate_proj.weight", [i, h]
            yield p + "mlp.up_proj.weight", [i, h]
            yield p + "mlp.down_proj.weight", [h, i]
    yield "model.norm.weight", [h]
    if not c.get("tie_word_embeddings", False):
        yield "lm_head.weight", [v, h]


def write_shard(path, items):
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, shape in items:
        size = 2
        for dim in shape:
            size *= dim
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    blob = json.dumps(header, separators=(",", ":")).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)) + blob)
        f.truncate(8 + len(blob) + offset)  # the data is a hole


def main():
    directory, shards = sys.argv[1], int(sys.argv[2])
    config_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "Fixtures/configs/Llama-3.1-70B.json")
    config = json.load(open(config_path))
    os.makedirs(directory, exist_ok=True)
    json.dump(config, open(os.path.join(directory, "config.json"), "w"))
    items = list(tensors(config))
    if shards == 1:
        write_shard(os.path.join(directory, "model.safetensors"), items)
        return
    weight_map = {}
    per = (len(items) + shards - 1) // shards
    for k in range(shards):
        name = f"model-{k + 1:05d}-of-{shards:05d}.safetensors"
        part = items[k * per:(k + 1) * per]
        write_shard(os.path.join(directory, name), part)
        weight_map.update({tensor: name for tensor, _ in part})
    json.dump({"metadata": {}, "weight_map": weight_map},
              open(os.path.join(directory, "model.safetensors.index.json"), "w"))


if __name__ == "__main__":
    main()
