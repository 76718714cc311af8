import LLMPlanKit
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// Checkpoint directories (config.json + safetensors headers) and GGUF files, built byte by
/// byte so that every count and byte is known.
@Suite("Checkpoints and GGUF files")
struct CheckpointTests {
  /// A Llama-style model: hidden 64, 2 layers, 4 heads of 16 (2 KV), MLP 128, vocab 256.
  /// Per layer: q 64·64 + k, v 64·32 each + o 64·64 = 12,288; MLP 3·64·128 = 24,576; two
  /// norms 128 → 36,992. Two layers 73,984 + embedding and head 2·256·64 = 32,768 + final norm
  /// 64 = 106,816 parameters.
  static let config = """
    {"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2,
     "num_attention_heads": 4, "num_key_value_heads": 2, "intermediate_size": 128,
     "vocab_size": 256, "max_position_embeddings": 2048, "torch_dtype": "bfloat16"}
    """

  /// The tiny model's tensors, the Hugging Face way; `linear` is the projections' dtype and
  /// bytes per weight.
  static func tensors(linear: (String, Int) = ("BF16", 2), layers: Range<Int> = 0..<2)
    -> [(String, String, [Int], Int)]
  {
    var list: [(String, String, [Int], Int)] = []
    for layer in layers {
      let prefix = "model.layers.\(layer)."
      for (name, shape) in [
        ("self_attn.q_proj", [64, 64]), ("self_attn.k_proj", [32, 64]),
        ("self_attn.v_proj", [32, 64]), ("self_attn.o_proj", [64, 64]),
        ("mlp.gate_proj", [128, 64]), ("mlp.up_proj", [128, 64]), ("mlp.down_proj", [64, 128]),
      ] {
        list.append((prefix + name + ".weight", linear.0, shape, shape[0] * shape[1] * linear.1))
        if linear.0 == "F8_E4M3" { list.append((prefix + name + ".weight_scale", "F32", [], 4)) }
      }
      list.append((prefix + "input_layernorm.weight", "BF16", [64], 128))
      list.append((prefix + "post_attention_layernorm.weight", "BF16", [64], 128))
    }
    return list
  }

  static let edges: [(String, String, [Int], Int)] = [
    ("model.embed_tokens.weight", "BF16", [256, 64], 32_768),
    ("model.norm.weight", "BF16", [64], 128), ("lm_head.weight", "BF16", [256, 64], 32_768),
  ]

  // Two bf16 shards and their index: 106,816 weights × 2 B = 213,632 B, exactly what the
  // headers give, with the architecture's count confirmed by the headers' element count.
  @Test func shardedBF16() throws {
    let first = SyntheticFiles.safetensors(
      Array(Self.edges.prefix(1)) + Self.tensors(layers: 0..<1))
    let second = SyntheticFiles.safetensors(Self.tensors(layers: 1..<2) + Self.edges.suffix(2))
    let index = """
      {"metadata": {"total_size": 213632}, "weight_map": {
        "model.embed_tokens.weight": "model-00001-of-00002.safetensors",
        "lm_head.weight": "model-00002-of-00002.safetensors"}}
      """
    let directory = try SyntheticFiles.directory([
      ("config.json", Array(Self.config.utf8)), ("model-00001-of-00002.safetensors", first),
      ("model-00002-of-00002.safetensors", second),
      ("model.safetensors.index.json", Array(index.utf8)),
    ])
    let model = try ModelFile.load(directory)
    #expect(model.parameters.total == 106_816)
    let stored = try #require(model.checkpointFormat?.stored)
    #expect(stored.total == 213_632)
    #expect(stored.parameters == 106_816)
    #expect(stored.types == [.init(type: "BF16", tensors: 21, elements: 106_816, bytes: 213_632)])
    // Layer 0: 36,992 weights · 2 B.
    #expect(stored.layers[0].dense == 73_984)
    let json = runCLI("memory", directory, "--format", "json")
    #expect(json.code == .success)
    #expect(json.stdout.contains("\"source\": \"checkpoint\""))
    #expect(json.stdout.contains("\"weightsBytes\": 213632"))
  }

  // FP8 projections with a per-tensor F32 scale, bf16 norms, embedding and head: the linear
  // layers are fp8 (36,864 weights per layer, 1 B) and the rest bf16.
  // Bytes: 2 · (36,864 + 7 · 4 + 256) + 2 · 32,768 + 128 = 74,296 + 65,664 = 139,960.
  @Test func fp8Checkpoint() throws {
    let config = Self.config.replacingOccurrences(
      of: "\"torch_dtype\": \"bfloat16\"",
      with: "\"torch_dtype\": \"bfloat16\", \"quantization_config\": {\"quant_method\": \"fp8\"}")
    let shard = SyntheticFiles.safetensors(Self.edges + Self.tensors(linear: ("F8_E4M3", 1)))
    let directory = try SyntheticFiles.directory([
      ("config.json", Array(config.utf8)), ("model.safetensors", shard),
    ])
    let model = try ModelFile.load(directory)
    let format = try #require(model.checkpointFormat)
    #expect(format.attention == .fp8)
    #expect(format.mlp == .fp8)
    #expect(format.embedding == .bf16)
    #expect(format.lmHead == .bf16)
    #expect(format.stored?.total == 139_960)
    #expect(model.checkpointPrecision == .fp8)
  }

  // A vision tower in the checkpoint is counted (with the embedding); MTP layers beyond
  // num_hidden_layers are not loaded.
  @Test func visionTowerAndExtraLayers() throws {
    let extra = Self.tensors(layers: 2..<3)
    let shard = SyntheticFiles.safetensors(
      Self.edges + Self.tensors() + extra
        + [("vision_tower.patch_embed.weight", "BF16", [100, 10], 2000)])
    let directory = try SyntheticFiles.directory([
      ("config.json", Array(Self.config.utf8)), ("model.safetensors", shard),
    ])
    let model = try ModelFile.load(directory)
    let stored = try #require(model.checkpointFormat?.stored)
    #expect(stored.encoder == 2000)
    #expect(stored.unloaded == 73_984)
    #expect(model.encoderParameters == 1000)
    #expect(stored.total == 213_632 + 2000)
  }

  /// A GGUF of hidden 256, 2 layers, 4 heads of 64 (2 KV), FFN 512, vocab 1000, as
  /// llama-quantize writes Q4_K_M: Q4_K, with attn_v and ffn_down at Q6_K where
  /// use_more_bits(i, 2) holds (i ≥ 7·2/8: layer 1 only), output Q6_K.
  /// Bytes: token_embd 256,000 · 144/256 = 144,000; layer 0 attn_q 36,864 + attn_k 18,432 +
  /// attn_v 18,432 + attn_output 36,864 + ffn_gate, ffn_up, ffn_down 73,728 each + two F32
  /// norms 2,048 = 333,824; layer 1 the same with attn_v 26,880 and ffn_down 107,520 (Q6_K) =
  /// 376,064; output_norm 1,024; output (Q6_K) 210,000. Total 1,064,912.
  static func gguf(file type: UInt32 = 15) -> [UInt8] {
    var tensors: [(String, [Int], UInt32, Int)] = [("token_embd.weight", [256, 1000], 12, 144_000)]
    for layer in 0..<2 {
      let p = "blk.\(layer)."
      let more = layer == 1
      tensors += [
        (p + "attn_norm.weight", [256], 0, 1024), (p + "attn_q.weight", [256, 256], 12, 36_864),
        (p + "attn_k.weight", [256, 128], 12, 18_432),
        (p + "attn_v.weight", [256, 128], more ? 14 : 12, more ? 26_880 : 18_432),
        (p + "attn_output.weight", [256, 256], 12, 36_864),
        (p + "ffn_norm.weight", [256], 0, 1024), (p + "ffn_gate.weight", [256, 512], 12, 73_728),
        (p + "ffn_up.weight", [256, 512], 12, 73_728),
        (p + "ffn_down.weight", [512, 256], more ? 14 : 12, more ? 107_520 : 73_728),
      ]
    }
    tensors += [
      ("output_norm.weight", [256], 0, 1024), ("output.weight", [256, 1000], 14, 210_000),
    ]
    return SyntheticFiles.gguf(
      [
        ("general.architecture", .string("llama")), ("general.name", .string("Tiny Llama")),
        ("general.file_type", .u32(type)), ("llama.block_count", .u32(2)),
        ("llama.context_length", .u32(4096)), ("llama.embedding_length", .u32(256)),
        ("llama.feed_forward_length", .u32(512)), ("llama.attention.head_count", .u32(4)),
        ("llama.attention.head_count_kv", .u32(2)),
        ("tokenizer.ggml.tokens", .strings((0..<1000).map { "t\($0)" })),
      ], tensors: tensors)
  }

  // Parameters: per layer 65,536 + 32,768 · 2 + 65,536 + 3 · 131,072 + 512 = 590,336;
  // 2 layers + embedding and output 2 · 256,000 + output_norm 256 = 1,692,928.
  @Test func ggufQ4KM() throws {
    let path = try temporaryFile(Self.gguf(), name: "tiny-Q4_K_M.gguf")
    let model = try ModelFile.load(path)
    #expect(model.parameters.total == 1_692_928)
    let stored = try #require(model.checkpointFormat?.stored)
    #expect(stored.parameters == 1_692_928)
    #expect(stored.total == 1_064_912)
    #expect(stored.headMatrix == 210_000)
    #expect(model.kvHeads == 2)
    #expect(model.headDim == 64)
    #expect(model.vocab == 1000)
    #expect(model.checkpointPrecision.id == "q4_k_m")
    #expect(model.name == "Tiny Llama")
    // The built-in rule for this architecture gives the same bytes (llama.cpp's mix).
    let estimate = WeightMemory.total(model, precision: Precision.named("q4_k_m")!)
    #expect(estimate.value == 1_064_912)
  }

  // `fit` plans a GGUF for llama.cpp from the file's bytes.
  @Test func ggufFit() throws {
    let path = try temporaryFile(Self.gguf(), name: "tiny-Q4_K_M.gguf")
    let outcome = runCLI("fit", path, "--gpu", "rtx4090", "--engine", "llamacpp")
    #expect(outcome.code == .success)
    #expect(outcome.stdout.contains("model: read from \(path)"))
    #expect(outcome.stdout.contains("as the checkpoint stores"))
  }

  // gpt-oss's layout: MXFP4 expert blocks and scales in U8, bf16 attention, router and edges.
  // Expert bytes per layer: gate-up blocks 4·128·2·16 = 16,384 + scales 1,024 + bias 1,024,
  // down blocks 8,192 + scales 512 + bias 512 = 27,648 (routed, split by EP).
  @Test func mxfp4Experts() throws {
    let config = """
      {"model_type": "gpt_oss", "hidden_size": 64, "num_hidden_layers": 2,
       "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16,
       "intermediate_size": 64, "num_local_experts": 4, "num_experts_per_tok": 2,
       "vocab_size": 128, "max_position_embeddings": 4096, "sliding_window": 128,
       "layer_types": ["sliding_attention", "full_attention"],
       "quantization_config": {"quant_method": "mxfp4",
         "modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router",
                                    "model.embed_tokens", "lm_head"]}}
      """
    var tensors: [(String, String, [Int], Int)] = [
      ("model.embed_tokens.weight", "BF16", [128, 64], 16_384),
      ("model.norm.weight", "BF16", [64], 128), ("lm_head.weight", "BF16", [128, 64], 16_384),
    ]
    for layer in 0..<2 {
      let p = "model.layers.\(layer)."
      tensors += [
        (p + "input_layernorm.weight", "BF16", [64], 128),
        (p + "post_attention_layernorm.weight", "BF16", [64], 128),
        (p + "self_attn.q_proj.weight", "BF16", [64, 64], 8192),
        (p + "self_attn.q_proj.bias", "BF16", [64], 128),
        (p + "self_attn.k_proj.weight", "BF16", [32, 64], 4096),
        (p + "self_attn.k_proj.bias", "BF16", [32], 64),
        (p + "self_attn.v_proj.weight", "BF16", [32, 64], 4096),
        (p + "self_attn.v_proj.bias", "BF16", [32], 64),
        (p + "self_attn.o_proj.weight", "BF16", [64, 64], 8192),
        (p + "self_attn.o_proj.bias", "BF16", [64], 128),
        (p + "self_attn.sinks", "BF16", [4], 8),
        (p + "mlp.router.weight", "BF16", [4, 64], 512), (p + "mlp.router.bias", "BF16", [4], 8),
        (p + "mlp.experts.gate_up_proj_blocks", "U8", [4, 128, 2, 16], 16_384),
        (p + "mlp.experts.gate_up_proj_scales", "U8", [4, 128, 2], 1024),
        (p + "mlp.experts.gate_up_proj_bias", "BF16", [4, 128], 1024),
        (p + "mlp.experts.down_proj_blocks", "U8", [4, 64, 2, 16], 8192),
        (p + "mlp.experts.down_proj_scales", "U8", [4, 64, 2], 512),
        (p + "mlp.experts.down_proj_bias", "BF16", [4, 64], 512),
      ]
    }
    let directory = try SyntheticFiles.directory([
      ("config.json", Array(config.utf8)),
      ("model.safetensors", SyntheticFiles.safetensors(tensors)),
    ])
    let model = try ModelFile.load(directory)
    let format = try #require(model.checkpointFormat)
    #expect(format.experts.id == "mxfp4")
    #expect(format.attention == .bf16)
    #expect(format.embedding == .bf16)
    let stored = try #require(format.stored)
    #expect(stored.total == Double(tensors.reduce(0) { $0 + $1.3 }))
    #expect(stored.layers[0].routed == 27_648)
    #expect(stored.parameters == nil)  // packed: the architecture counts the weights
    #expect(model.slidingWindow?.isLocal(layer: 0) == true)
    #expect(model.slidingWindow?.isLocal(layer: 1) == false)
    let json = runCLI("memory", directory, "--format", "json").stdout
    #expect(json.contains("\"experts\": \"mxfp4\""))
    #expect(json.contains("\"type\": \"U8\""))
  }

  // GPTQ int4: each projection as qweight (8 weights per I32), qzeros, fp16 scales and g_idx;
  // the modules read as the config's gptq format, the bytes as stored.
  @Test func gptqPacked() throws {
    let config = """
      {"model_type": "llama", "hidden_size": 128, "num_hidden_layers": 1,
       "num_attention_heads": 4, "intermediate_size": 256, "vocab_size": 64,
       "max_position_embeddings": 2048, "torch_dtype": "float16",
       "quantization_config": {"quant_method": "gptq", "bits": 4, "group_size": 128}}
      """
    func packed(_ name: String, rows: Int, columns: Int) -> [(String, String, [Int], Int)] {
      [
        (name + ".qweight", "I32", [rows / 8, columns], rows * columns / 2),
        (name + ".qzeros", "I32", [rows / 128, columns / 8], rows / 128 * columns / 2),
        (name + ".scales", "F16", [rows / 128, columns], rows / 128 * columns * 2),
        (name + ".g_idx", "I32", [rows], rows * 4),
      ]
    }
    let p = "model.layers.0."
    var tensors: [(String, String, [Int], Int)] = [
      ("model.embed_tokens.weight", "F16", [64, 128], 16_384),
      ("model.norm.weight", "F16", [128], 256), ("lm_head.weight", "F16", [64, 128], 16_384),
      (p + "input_layernorm.weight", "F16", [128], 256),
      (p + "post_attention_layernorm.weight", "F16", [128], 256),
    ]
    for name in ["q_proj", "k_proj", "v_proj", "o_proj"] {
      tensors += packed(p + "self_attn." + name, rows: 128, columns: 128)
    }
    tensors += packed(p + "mlp.gate_proj", rows: 128, columns: 256)
    tensors += packed(p + "mlp.up_proj", rows: 128, columns: 256)
    tensors += packed(p + "mlp.down_proj", rows: 256, columns: 128)
    let directory = try SyntheticFiles.directory([
      ("config.json", Array(config.utf8)),
      ("model.safetensors", SyntheticFiles.safetensors(tensors)),
    ])
    let model = try ModelFile.load(directory)
    let format = try #require(model.checkpointFormat)
    #expect(format.attention.id == "gptq")
    #expect(format.mlp.id == "gptq")
    #expect(format.embedding == .fp16)
    #expect(format.stored?.total == Double(tensors.reduce(0) { $0 + $1.3 }))
    #expect(format.stored?.parameters == nil)
  }

  // Phi-3 in GGUF: fused attn_qkv, and gate and up fused in one ffn_up of twice the width; the
  // architecture counts what the tensors hold: 4 · 32² attention + 3 · 32 · 64 MLP + 2 norms
  // of 32 + embedding and output 2 · 16 · 32 + output norm 32 = 11,360.
  @Test func phi3FusedGGUF() throws {
    let tensors: [(String, [Int], UInt32, Int)] = [
      ("token_embd.weight", [32, 16], 0, 2048), ("blk.0.attn_norm.weight", [32], 0, 128),
      ("blk.0.attn_qkv.weight", [32, 96], 0, 12_288),
      ("blk.0.attn_output.weight", [32, 32], 0, 4096),
      ("blk.0.ffn_norm.weight", [32], 0, 128), ("blk.0.ffn_up.weight", [32, 128], 0, 16_384),
      ("blk.0.ffn_down.weight", [64, 32], 0, 8192), ("output_norm.weight", [32], 0, 128),
      ("output.weight", [32, 16], 0, 2048),
    ]
    let file = SyntheticFiles.gguf(
      [
        ("general.architecture", .string("phi3")), ("phi3.block_count", .u32(1)),
        ("phi3.context_length", .u32(512)), ("phi3.embedding_length", .u32(32)),
        ("phi3.feed_forward_length", .u32(64)), ("phi3.attention.head_count", .u32(2)),
      ], tensors: tensors)
    let model = try ModelFile.load(try temporaryFile(file, name: "phi3.gguf"))
    #expect(model.feedForward == .gated)
    #expect(model.parameters.total == 11_360)
    #expect(model.checkpointFormat?.stored?.parameters == 11_360)
  }
}
