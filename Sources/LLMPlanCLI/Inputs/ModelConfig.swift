import LLMPlanKit

/// A Hugging Face `config.json` read into a ``ModelSpec``.
///
/// Keys, aliases and defaults follow each family's configuration class in transformers
/// (`models/<family>/configuration_<family>.py`, v4.57) and the module layout its modeling
/// file builds: which projections carry biases, how many norms a layer has, which layers are
/// MoE or local. `quantization_config` sets the checkpoint's weight format
/// (``QuantizationConfig``).
enum ModelConfig {
  static let sizeLimit = 16 << 20

  /// Every `model_type` read, with the architecture it stands for.
  static let families: [String] = [
    "deepseek_v2", "deepseek_v3", "falcon", "gemma", "gemma2", "gemma3", "gemma3_text", "gpt_neox",
    "gpt_oss", "gptj", "llama", "llama4", "llama4_text", "mistral", "mixtral", "phi", "phi3",
    "qwen2", "qwen2_moe", "qwen3", "qwen3_moe",
  ]

  /// Older spellings of a family (`RefinedWeb` is Falcon-40B's first config, `phi-msft`
  /// Phi-2's).
  static let familyAliases: [String: String] = [
    "RefinedWeb": "falcon", "RefinedWebModel": "falcon", "phi-msft": "phi",
    "gemma3_text": "gemma3", "llama4_text": "llama4",
  ]

  /// The file at `path`, parsed.
  static func load(_ path: String) throws(InputError) -> JSONNode {
    let bytes = try InputFile.contents(path, limit: sizeLimit)
    switch JSONParser.parse(bytes) {
    case .success(let node): return node
    case .failure(let error): throw InputError(path, error.description)
    }
  }

  /// The model a config describes. `name` is what to call it (the checkpoint directory's name).
  static func spec(_ root: JSONNode, file: String, name: String, source: ModelOrigin.Source)
    throws(InputError) -> ModelSpec
  {
    guard root.members != nil else {
      throw InputError(
        file, "expected a JSON object (a Hugging Face config.json), got \(root.kind)")
    }
    var keys = ConfigKeys(root)
    let declared = keys.string(["model_type"])
    let outerType = root["model_type"]?.string
    guard let declared else {
      throw InputError(
        file,
        "no model_type: not a Hugging Face config.json (supported model types: \(families.joined(separator: ", ")))"
      )
    }
    let family = familyAliases[declared] ?? declared
    guard families.contains(family) else {
      throw InputError(
        file,
        "model_type '\(declared)' is not supported\(didYouMean(declared, families.map { ($0, [$0]) })) (supported: \(families.joined(separator: ", ")))\(genericMissing(&keys))"
      )
    }
    var reader = FamilyReader(keys: keys, family: family, declared: declared, outerType: outerType)
    let model = reader.read(name: name, source: source)
    let problems = reader.keys.problems
    guard problems.isEmpty else { throw InputError(file, problems.joined(separator: "; ")) }
    guard reader.keys.missing.isEmpty else {
      throw InputError(
        file,
        "model_type '\(declared)' needs \(reader.keys.missing.joined(separator: ", ")); not found")
    }
    if let impossible = ArchitectureLimits.problem(model) ?? reader.impossibility(model) {
      throw InputError(file, impossible)
    }
    return model
  }

  /// "; a Llama-style decoder would need …" for an unsupported type: the keys it lacks.
  static func genericMissing(_ keys: inout ConfigKeys) -> String {
    let wanted: [(String, [String])] = [
      ("layers", ["num_hidden_layers", "n_layer", "num_layers"]),
      ("hidden", ["hidden_size", "n_embd", "d_model"]),
      ("heads", ["num_attention_heads", "n_head"]), ("vocab", ["vocab_size"]),
    ]
    let absent = wanted.filter { keys.raw($0.1) == nil }.map { $0.1[0] }
    return absent.isEmpty
      ? "" : "; it also lacks a decoder's \(absent.joined(separator: ", "))"
  }
}

/// Reads one family's keys into a ``ModelSpec``.
struct FamilyReader {
  var keys: ConfigKeys
  let family: String
  let declared: String
  let outerType: String?
  private var notes: [String] = []
  /// The layers per-layer lists are built for.
  private var arrayLayers = 1

  init(keys: ConfigKeys, family: String, declared: String, outerType: String?) {
    self.keys = keys
    self.family = family
    self.declared = declared
    self.outerType = outerType
  }

  private var isPlainMLP: Bool { ["phi", "gptj", "falcon", "gpt_neox"].contains(family) }

  mutating func read(name: String, source: ModelOrigin.Source) -> ModelSpec {
    let defaults = ConfigDefaults.of(family)
    let layers = keys.required("layers", ["num_hidden_layers", "n_layer", "num_layers"])
    // Per-layer lists are built only for a plausible depth (the limits refuse the rest).
    arrayLayers = min(layers, ArchitectureLimits.maxLayers)
    let hidden = keys.required("hidden", ["hidden_size", "n_embd", "d_model"])
    let heads = integer("heads", ["num_attention_heads", "n_head"], defaults.heads)
    let kvKeys = ["num_key_value_heads", "num_kv_heads", "n_head_kv"]
    var kvHeads: Int
    if family == "falcon" {
      kvHeads = falconKVHeads(heads: heads, kvHeads: keys.integer("kv heads", kvKeys) ?? heads)
    } else if let given = keys.integer("kv heads", kvKeys) {
      kvHeads = given
    } else if let (value, source) = defaults.kvHeads {
      keys.note("kv heads", "default: \(source)")
      kvHeads = value
    } else {
      keys.note("kv heads", "default: num_attention_heads (MHA)")
      kvHeads = heads
    }
    let headDim =
      defaults.headDim.map { keys.integer("head dim", ["head_dim"], default: $0.0, $0.1) }
      ?? keys.integer(
        "head dim", ["head_dim", "attention_head_size"], default: hidden / max(heads, 1),
        "hidden / heads")
    let intermediate = readIntermediate(hidden: hidden)
    let vocab = integer("vocab", ["vocab_size", "padded_vocab_size"], defaults.vocab)
    let tiedByDefault = ["gemma", "gemma2", "gemma3", "falcon"].contains(family)
    let tied = keys.bool(
      "tied embeddings", ["tie_word_embeddings"], default: tiedByDefault,
      tiedByDefault ? "tied (\(family)'s config class)" : "untied (\(family)'s config class)")
    let maxContext = integer(
      "max context",
      ["max_position_embeddings", "n_positions", "seq_length", "max_sequence_length"],
      defaults.maxContext)
    let activation = readDtype()
    let biases = readBiases()
    let norms = normLayout()
    let moe = readMoE(layers: arrayLayers, intermediate: intermediate)
    let latent = readLatentAttention()
    let window = readWindow(layers: arrayLayers, maxContext: maxContext)
    let quantization = readQuantization(activation: activation)
    if family == "deepseek_v2" || family == "deepseek_v3",
      let mtp = keys.integer("MTP layers", ["num_nextn_predict_layers"], atLeast: 0), mtp > 0
    {
      notes.append(
        "the checkpoint's \(mtp) multi-token-prediction layer\(mtp == 1 ? " (num_nextn_predict_layers) is" : "s (num_nextn_predict_layers) are") not counted; engines load them only for speculative decoding"
      )
    }
    if keys.isNested {
      notes.append(
        "language model of a multimodal config (text_config); the vision tower counts only when its checkpoint's headers are read"
      )
    }
    notes += quantization.notes
    let id = ModelNames.slug(name)
    return ModelSpec(
      id: id, name: name, huggingFaceID: ModelNames.huggingFaceID(name),
      family: family == "llama4" ? "llama4_text" : family,
      nominalBillions: ModelNames.billions(in: name) ?? 0, layers: layers, hidden: hidden,
      heads: heads, kvHeads: latent == nil ? kvHeads : heads, headDim: headDim,
      intermediate: intermediate, vocab: vocab, tiedEmbeddings: tied, maxContext: maxContext,
      checkpointPrecision: quantization.precision ?? activation.checkpoint,
      activationPrecision: activation.serving, feedForward: isPlainMLP ? .plain : .gated,
      norm: norms.kind, normsPerLayer: norms.count, qkvBias: biases.qkv, outputBias: biases.output,
      mlpBias: biases.mlp, lmHeadBias: biases.lmHead,
      qkNorm: ["qwen3", "qwen3_moe", "gemma3"].contains(family), moe: moe,
      latentAttention: latent, slidingWindow: window, attentionSinks: family == "gpt_oss",
      checkpointFormat: quantization.format, checkpointKV: quantization.kvCache,
      origin: ModelOrigin(source, fields: keys.origin),
      note: notes.joined(separator: "; "))
  }

  /// What makes the architecture impossible to plan (heads that do not divide, …).
  func impossibility(_ model: ModelSpec) -> String? {
    if model.latentAttention == nil && model.heads % model.kvHeads != 0 {
      return
        "num_attention_heads \(model.heads) is not a multiple of num_key_value_heads \(model.kvHeads)"
    }
    if let moe = model.moe, moe.expertsPerToken > moe.experts {
      return "num_experts_per_tok \(moe.expertsPerToken) exceeds the \(moe.experts) experts"
    }
    return nil
  }

  // MARK: - Keys

  /// A required whole number, or the family's configuration-class default when it has one.
  private mutating func integer(_ field: String, _ names: [String], _ fallback: (Int, String)?)
    -> Int
  {
    guard let (value, source) = fallback else { return keys.required(field, names) }
    return keys.integer(field, names, default: value, source)
  }

  /// Falcon: `num_kv_heads` with `new_decoder_architecture`, else `multi_query` (1 KV head).
  private mutating func falconKVHeads(heads: Int, kvHeads: Int) -> Int {
    let newArchitecture = keys.bool(
      "decoder", ["new_decoder_architecture"], default: declared == "RefinedWeb")
    if newArchitecture { return kvHeads }
    let multiQuery = keys.bool("kv heads", ["multi_query"], default: true)
    return multiQuery ? 1 : heads
  }

  private mutating func readIntermediate(hidden: Int) -> Int {
    switch family {
    case "llama4":
      return keys.required("intermediate", ["intermediate_size_mlp"])
    case "gptj", "phi", "falcon", "gpt_neox":
      return keys.integer(
        "intermediate", ["intermediate_size", "n_inner", "ffn_hidden_size"], default: 4 * hidden,
        "4 × hidden")
    default:
      return keys.required("intermediate", ["intermediate_size"])
    }
  }

  /// The checkpoint's dtype and the one an engine serves in (vLLM `dtype=auto`: fp16 for
  /// fp32 checkpoints).
  private mutating func readDtype() -> (checkpoint: Precision, serving: Precision) {
    let text = keys.string(["torch_dtype", "dtype"])
    let key = keys.raw(["torch_dtype"]) != nil ? "torch_dtype" : "dtype"
    switch text?.lowercased() {
    case nil where keys.raw(["quantization_config"]) != nil:
      // gpt-oss: MXFP4 experts around bf16 attention, and no torch_dtype.
      keys.note(
        "dtype", "default: bf16 (no torch_dtype; the unquantized layers of a quantized checkpoint)")
      return (.bf16, .bf16)
    case nil:
      keys.note("dtype", "default: float32 (no torch_dtype; transformers loads fp32)")
      notes.append("no torch_dtype: an fp32 checkpoint as transformers reads it, served in fp16")
      return (.fp32, .fp16)
    case "bfloat16", "bf16":
      keys.note("dtype", key)
      return (.bf16, .bf16)
    case "float16", "fp16", "half":
      keys.note("dtype", key)
      return (.fp16, .fp16)
    case "float32", "fp32", "float":
      keys.note("dtype", key)
      notes.append("fp32 checkpoint; served in fp16 (vLLM dtype=auto)")
      return (.fp32, .fp16)
    case let other?:
      keys.problem(key, "'\(other)' is not a dtype llmplan knows (bfloat16, float16, float32)")
      return (.bf16, .bf16)
    }
  }

  private mutating func readBiases() -> (qkv: Bool, output: Bool, mlp: Bool, lmHead: Bool) {
    switch family {
    case "qwen2", "qwen2_moe":
      return (true, false, false, false)
    case "phi":
      return (true, true, true, true)
    case "gptj":
      return (false, false, true, true)
    case "gpt_neox":
      let attention = keys.bool("attention bias", ["attention_bias"], default: true)
      return (attention, attention, true, false)
    case "falcon":
      let bias = keys.bool("bias", ["bias"], default: false)
      return (bias, bias, bias, false)
    case "gpt_oss":
      let attention = keys.bool("attention bias", ["attention_bias"], default: true)
      return (attention, attention, false, false)
    case "deepseek_v2", "deepseek_v3":
      return (false, false, false, false)
    default:
      let attention = keys.bool("attention bias", ["attention_bias"], default: false)
      let mlp = keys.bool("MLP bias", ["mlp_bias"], default: false)
      return (attention, attention, mlp, false)
    }
  }

  private mutating func normLayout() -> (kind: ModelSpec.Norm, count: Int) {
    switch family {
    case "gemma2", "gemma3": return (.rms, 4)
    case "phi", "gptj": return (.layer, 1)
    case "gpt_neox": return (.layer, 2)
    case "falcon":
      // ln_attn and ln_mlp in the new decoder; one input_layernorm in the parallel one.
      let newArchitecture = keys.bool(
        "decoder", ["new_decoder_architecture"], default: declared == "RefinedWeb")
      let count = keys.integer(
        "norms", ["num_ln_in_parallel_attn"], default: newArchitecture ? 2 : 1,
        newArchitecture ? "2 (new decoder)" : "1 (parallel attention)")
      return (.layer, count)
    default: return (.rms, 2)
    }
  }

  private mutating func readMoE(layers: Int, intermediate: Int) -> ModelSpec.MixtureOfExperts? {
    let perToken = ["num_experts_per_tok", "experts_per_token", "moe_topk"]
    switch family {
    case "mixtral":
      let experts = keys.required("experts", ["num_local_experts"])
      return .init(
        experts: experts, expertsPerToken: keys.required("experts per token", perToken),
        expertIntermediate: intermediate)
    case "gpt_oss":
      let experts = keys.required("experts", ["num_local_experts", "num_experts"])
      return .init(
        experts: experts, expertsPerToken: keys.required("experts per token", perToken),
        expertIntermediate: intermediate, routerBias: true, expertBias: true)
    case "qwen2_moe", "qwen3_moe":
      let experts = keys.required("experts", ["num_experts"])
      let step = keys.integer(
        "MoE every", ["decoder_sparse_step"], default: 1, "every layer (decoder_sparse_step 1)")
      let denseOnly = Set(keys.integers("dense layers", ["mlp_only_layers"]) ?? [])
      let shared =
        family == "qwen2_moe"
        ? keys.integer(
          "shared expert", ["shared_expert_intermediate_size"], default: 5632,
          "Qwen2MoeConfig.shared_expert_intermediate_size 5,632", atLeast: 0) : 0
      return .init(
        experts: experts, expertsPerToken: keys.required("experts per token", perToken),
        expertIntermediate: keys.required("expert width", ["moe_intermediate_size"]),
        sharedExperts: shared > 0 ? 1 : 0, sharedIntermediate: shared, moeEvery: step,
        sharedExpertGate: shared > 0,
        layers: (0..<layers).map { !denseOnly.contains($0) && ($0 + 1) % max(step, 1) == 0 })
    case "deepseek_v2", "deepseek_v3":
      let experts = keys.required("experts", ["n_routed_experts"])
      let width = keys.required("expert width", ["moe_intermediate_size"])
      let v3 = family == "deepseek_v3"
      let shared = keys.integer(
        "shared experts", ["n_shared_experts"], default: v3 ? 1 : 0,
        v3 ? "DeepseekV3Config.n_shared_experts 1" : "none", atLeast: 0)
      let firstDense = keys.integer(
        "dense layers", ["first_k_dense_replace"], default: v3 ? 3 : 0,
        v3 ? "DeepseekV3Config.first_k_dense_replace 3" : "none", atLeast: 0)
      let frequency = keys.integer("MoE every", ["moe_layer_freq"], default: 1, "every layer")
      let method = keys.string(["topk_method"])
      if method != nil { keys.note("router bias", "topk_method") }
      return .init(
        experts: experts, expertsPerToken: keys.required("experts per token", perToken),
        expertIntermediate: width, sharedExperts: shared, sharedIntermediate: width,
        firstDenseLayers: firstDense, routerBias: method == "noaux_tc",
        layers: (0..<layers).map { $0 >= firstDense && $0 % max(frequency, 1) == 0 })
    case "llama4":
      let experts = keys.required("experts", ["num_local_experts"])
      let width = keys.required("expert width", ["intermediate_size"])
      let step = keys.integer(
        "MoE every", ["interleave_moe_layer_step"], default: 1, "every layer")
      return .init(
        experts: experts, expertsPerToken: keys.required("experts per token", perToken),
        expertIntermediate: width, sharedExperts: 1, sharedIntermediate: width, moeEvery: step)
    default:
      return nil
    }
  }

  private mutating func readLatentAttention() -> ModelSpec.LatentAttention? {
    guard family == "deepseek_v2" || family == "deepseek_v3" else { return nil }
    let qRank = keys.integer("q LoRA rank", ["q_lora_rank"])
    if qRank == nil { keys.note("q LoRA rank", "default: none (q_lora_rank null)") }
    return .init(
      qLoraRank: qRank, kvLoraRank: keys.required("KV LoRA rank", ["kv_lora_rank"]),
      qkNopeHeadDim: keys.required("qk nope head dim", ["qk_nope_head_dim"]),
      qkRopeHeadDim: keys.required("qk rope head dim", ["qk_rope_head_dim"]),
      vHeadDim: keys.required("v head dim", ["v_head_dim"]))
  }

  /// Which layers keep only a window of KV: `layer_types` when given, else each family's rule.
  private mutating func readWindow(layers: Int, maxContext: Int) -> ModelSpec.SlidingWindow? {
    if family == "llama4" {
      guard let chunk = keys.integer("chunk", ["attention_chunk_size"]) else { return nil }
      let rope = keys.integers("local layers", ["no_rope_layers"])
      let local = rope.map { list in (0..<layers).map { $0 < list.count && list[$0] != 0 } }
      if local == nil { keys.note("local layers", "default: 3 of every 4 (no_rope_layers)") }
      return .init(
        window: chunk, globalEvery: local == nil ? 4 : nil, kind: "chunked attention",
        localLayers: local)
    }
    if ["qwen2", "qwen2_moe", "qwen3", "qwen3_moe"].contains(family),
      !keys.bool("sliding window", ["use_sliding_window"], default: false)
    {
      return nil
    }
    let windowKeys = ["sliding_window", "sliding_window_size", "attention_window_size"]
    let found =
      family == "gemma3"
      ? keys.integer(
        "sliding window", windowKeys, default: 4096, "Gemma3TextConfig.sliding_window 4,096")
      : keys.integer("sliding window", windowKeys)
    guard let size = found, size < maxContext,
      let window = readLocalLayers(window: size, layers: layers),
      (0..<layers).contains(where: window.isLocal)
    else { return nil }
    return window
  }

  /// Which layers keep only the window: `layer_types` when given, else the family's rule.
  private mutating func readLocalLayers(window: Int, layers: Int) -> ModelSpec.SlidingWindow? {
    if let types = keys.strings("local layers", ["layer_types"]) {
      return .init(
        window: window,
        localLayers: (0..<layers).map {
          $0 < types.count && ["sliding_attention", "chunked_attention"].contains(types[$0])
        })
    }
    switch family {
    case "gemma2":
      keys.note("local layers", "default: every other layer (Gemma2DecoderLayer.is_sliding)")
      return .init(window: window, globalEvery: 2)
    case "gemma3":
      let pattern = keys.integer(
        "local layers", ["sliding_window_pattern"], default: 6, "5 local, then 1 global")
      return .init(window: window, globalEvery: pattern)
    case "gpt_oss":
      keys.note("local layers", "default: every other layer, from the first")
      return .init(window: window, globalEvery: 2)
    case "qwen2", "qwen2_moe", "qwen3", "qwen3_moe":
      let from = keys.integer(
        "local layers", ["max_window_layers"], default: 0, "all layers", atLeast: 0)
      return .init(window: window, localLayers: (0..<layers).map { $0 >= from })
    default:
      return .init(window: window)
    }
  }

  private mutating func readQuantization(activation: (checkpoint: Precision, serving: Precision))
    -> QuantizationConfig.Reading
  {
    guard let (node, key) = keys.raw(["quantization_config", "compression_config"]) else {
      return QuantizationConfig.Reading()
    }
    keys.note("weight format", key)
    var fields = JSONFields(node, path: key)
    let reading = QuantizationConfig.read(&fields, activation: activation.serving)
    for problem in fields.problems { keys.report(problem) }
    return reading
  }
}

/// The defaults of a family's configuration class for the keys a sparse config leaves out
/// (transformers v4.57 `configuration_<family>.py`): Gemma's 256-wide heads, Gemma 3's
/// vocabulary and context, Falcon's 2,048-token context.
struct ConfigDefaults {
  var heads: (Int, String)?
  var kvHeads: (Int, String)?
  var headDim: (Int, String)?
  var vocab: (Int, String)?
  var maxContext: (Int, String)?

  static func of(_ family: String) -> ConfigDefaults {
    switch family {
    case "gemma":
      return ConfigDefaults(headDim: (256, "GemmaConfig.head_dim 256"))
    case "gemma2":
      return ConfigDefaults(
        heads: (8, "Gemma2Config.num_attention_heads 8"),
        kvHeads: (4, "Gemma2Config.num_key_value_heads 4"),
        headDim: (256, "Gemma2Config.head_dim 256"))
    case "gemma3":
      return ConfigDefaults(
        heads: (8, "Gemma3TextConfig.num_attention_heads 8"),
        kvHeads: (4, "Gemma3TextConfig.num_key_value_heads 4"),
        headDim: (256, "Gemma3TextConfig.head_dim 256"),
        vocab: (262_208, "Gemma3TextConfig.vocab_size 262,208"),
        maxContext: (131_072, "Gemma3TextConfig.max_position_embeddings 131,072"))
    case "falcon":
      return ConfigDefaults(maxContext: (2048, "FalconConfig.max_position_embeddings 2,048"))
    default:
      return ConfigDefaults()
    }
  }
}
