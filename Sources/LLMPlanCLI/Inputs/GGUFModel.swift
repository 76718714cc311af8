import LLMPlanKit

/// A GGUF model: the architecture from its metadata (`<arch>.block_count`, …) and tensor
/// names (llama.cpp `src/llama-arch.cpp`), the weight bytes from its tensor infos, exactly.
enum GGUFModel {
  /// llama.cpp architectures read, with the Hugging Face `model_type` each stands for.
  static let architectures: [(String, String)] = [
    ("llama", "llama"), ("qwen2", "qwen2"), ("qwen2moe", "qwen2_moe"), ("qwen3", "qwen3"),
    ("qwen3moe", "qwen3_moe"), ("deepseek2", "deepseek_v3"), ("gemma", "gemma"),
    ("gemma2", "gemma2"), ("gemma3", "gemma3"), ("phi2", "phi"), ("phi3", "phi3"),
    ("falcon", "falcon"), ("gptj", "gptj"), ("gptneox", "gpt_neox"), ("llama4", "llama4_text"),
    ("gpt-oss", "gpt_oss"),
  ]

  /// The model in the GGUF file at `path` (with the other shards of a split model: `gguf-split`
  /// names them `…-00001-of-00003.gguf` and writes `split.no` and `split.count` in each).
  static func load(_ path: String) throws(InputError) -> ModelSpec {
    let first = try GGUFFile.read(path)
    var tensors = first.tensors
    let count = first.metadata["split.count"]?.integer ?? 1
    let number = first.metadata["split.no"]?.integer ?? 0
    guard count > 1 else { return try spec(first, tensors: tensors, files: 1) }
    guard count <= 10_000 else {
      throw InputError(path, "split.count \(count) is not plausible")
    }
    guard let shards = shardPaths(path, count: count) else {
      throw InputError(
        path,
        "split.count is \(count) but the file name does not say which shard it is (gguf-split names them …-00001-of-\(pad(count)).gguf)"
      )
    }
    guard number == 0, shards[0] == path else {
      throw InputError(
        path, "is shard \(number + 1) of \(count) of a split model; pass the first, \(shards[0])")
    }
    for (index, shard) in shards.enumerated().dropFirst() {
      guard InputFile.kind(shard) == .file else {
        throw InputError(path, "split.count is \(count) but \(shard) is missing")
      }
      let file = try GGUFFile.read(shard)
      guard file.metadata["split.no"]?.integer ?? index == index else {
        throw InputError(shard, "split.no is not \(index), as its name says")
      }
      tensors += file.tensors
    }
    return try spec(first, tensors: tensors, files: count)
  }

  static func pad(_ n: Int) -> String {
    let text = String(n)
    return String(repeating: "0", count: max(0, 5 - text.count)) + text
  }

  /// Every shard's path, from a name ending `-0000k-of-0000n.gguf`; `nil` when it does not.
  static func shardPaths(_ path: String, count: Int) -> [String]? {
    let tail = "-of-\(pad(count)).gguf"
    guard path.hasSuffix(tail) else { return nil }
    let stem = path.dropLast(tail.count)
    guard stem.count > 6, stem.suffix(6).first == "-", Int(stem.suffix(5)) != nil else {
      return nil
    }
    let base = stem.dropLast(5)
    return (1...count).map { "\(base)\(pad($0))\(tail)" }
  }

  static func spec(_ file: GGUFFile, tensors: [GGUFFile.Tensor], files: Int) throws(InputError)
    -> ModelSpec
  {
    let path = file.path
    guard let arch = file.metadata["general.architecture"]?.string else {
      throw InputError(
        path,
        file.metadata["general.architecture"] == nil
          ? "no general.architecture in the metadata" : "general.architecture is not a string")
    }
    guard let family = architectures.first(where: { $0.0 == arch })?.1 else {
      throw InputError(
        path,
        "GGUF architecture '\(arch)' is not supported (supported: \(architectures.map(\.0).joined(separator: ", ")))"
      )
    }
    var keys = GGUFKeys(file: file, arch: arch)
    let names = Set(tensors.map(\.name))
    func has(_ name: String) -> Bool { names.contains(name) }
    let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    let blocks = try keys.required("layers", "block_count")
    guard blocks <= ArchitectureLimits.maxLayers else {
      throw InputError(path, "\(arch).block_count \(blocks) is outside what any model has")
    }
    let nextN = keys.optional("MTP layers", "nextn_predict_layers") ?? 0
    guard nextN < blocks else {
      throw InputError(
        path, "\(arch).nextn_predict_layers \(nextN) leaves none of the \(blocks) blocks")
    }
    let layers = blocks - nextN
    let hidden = try keys.required("hidden", "embedding_length")
    let heads = try keys.required("heads", "attention.head_count")
    let kvHeads = keys.optional("kv heads", "attention.head_count_kv") ?? heads
    let vocab =
      byName["token_embd.weight"].map { $0.dims.count > 1 ? $0.dims[1] : 0 }
      ?? file.metadata["tokenizer.ggml.tokens"].flatMap {
        if case .array(_, let count) = $0 { count } else { nil }
      } ?? 0
    keys.note("vocab", "token_embd.weight shape")
    let maxContext = try keys.required("max context", "context_length")
    let expertCount = keys.optional("experts", "expert_count") ?? 0
    let intermediate =
      keys.optional("intermediate", "feed_forward_length")
      ?? byName["blk.0.ffn_up.weight"]?.dims.last ?? 4 * hidden

    // MLA: key_length is nope + rope, value_length the value head.
    var latent: ModelSpec.LatentAttention?
    if let kvRank = keys.optional("KV LoRA rank", "attention.kv_lora_rank") {
      let rope = keys.optional("qk rope head dim", "rope.dimension_count") ?? 64
      let key =
        keys.optional("qk head dim", "attention.key_length_mla")
        ?? keys.optional("qk head dim", "attention.key_length") ?? (128 + rope)
      latent = .init(
        qLoraRank: keys.optional("q LoRA rank", "attention.q_lora_rank"), kvLoraRank: kvRank,
        qkNopeHeadDim: key - rope, qkRopeHeadDim: rope,
        vHeadDim: keys.optional("v head dim", "attention.value_length_mla")
          ?? keys.optional("v head dim", "attention.value_length") ?? 128)
    }
    let headDim =
      latent == nil
      ? (keys.optional("head dim", "attention.key_length") ?? hidden / max(heads, 1))
      : hidden
        / max(heads, 1)

    var moe: ModelSpec.MixtureOfExperts?
    if expertCount > 1 {
      let moeLayers = (0..<layers).map { has("blk.\($0).ffn_gate_inp.weight") }
      let sharedWidth =
        byName["blk.\(moeLayers.firstIndex(of: true) ?? 0).ffn_up_shexp.weight"]?
        .dims.last ?? 0
      moe = .init(
        experts: expertCount,
        expertsPerToken: keys.optional("experts per token", "expert_used_count") ?? 1,
        expertIntermediate: keys.optional("expert width", "expert_feed_forward_length")
          ?? intermediate,
        sharedExperts: sharedWidth > 0 ? 1 : 0, sharedIntermediate: sharedWidth,
        routerBias: moeLayers.indices.contains {
          has("blk.\($0).exp_probs_b.bias") || has("blk.\($0).ffn_gate_inp.bias")
        },
        expertBias: has("blk.\(moeLayers.firstIndex(of: true) ?? 0).ffn_up_exps.bias"),
        sharedExpertGate: has(
          "blk.\(moeLayers.firstIndex(of: true) ?? 0).ffn_gate_inp_shexp.weight"),
        layers: moeLayers)
    }
    let window = slidingWindow(&keys, family: family, layers: layers)
    let layerZero = tensors.filter { $0.name.hasPrefix("blk.0.") }.map(\.name)
    let mlaNorms: Set<String> = ["blk.0.attn_q_a_norm.weight", "blk.0.attn_kv_a_norm.weight"]
    let norms = layerZero.filter {
      $0.hasSuffix("_norm.weight") && !$0.has("attn_q_norm") && !$0.has("attn_k_norm")
        && !mlaNorms.contains($0)
    }.count
    let denseLayer = (0..<layers).first { !(moe?.isMoELayer($0) ?? false) }
    // Phi-3 stores gate and up fused in one ffn_up of twice the width.
    let fusedUp = denseLayer.map {
      byName["blk.\($0).ffn_up.weight"]?.dims.last == 2 * intermediate
    }
    let gated =
      denseLayer.map { has("blk.\($0).ffn_gate.weight") || fusedUp == true }
      ?? has("blk.0.ffn_gate_exps.weight")
    let checkpoint = checkpointPrecision(file, tensors: tensors)
    let name =
      file.metadata["general.name"]?.string.flatMap { $0.isEmpty ? nil : $0 }
      ?? ModelNames.name(forPath: path)
    let base = ModelSpec(
      id: ModelNames.slug(ModelNames.name(forPath: path)), name: name,
      huggingFaceID: file.metadata["general.source.huggingface.repository"]?.string ?? name,
      family: family, nominalBillions: ModelNames.billions(in: name) ?? 0, layers: layers,
      hidden: hidden, heads: heads, kvHeads: latent == nil ? kvHeads : heads, headDim: headDim,
      intermediate: intermediate, vocab: vocab, tiedEmbeddings: !has("output.weight"),
      maxContext: maxContext, checkpointPrecision: checkpoint, activationPrecision: .fp16,
      feedForward: gated ? .gated : .plain,
      norm: has("blk.0.attn_norm.bias") ? .layer : .rms, normsPerLayer: max(norms, 1),
      qkvBias: has("blk.0.attn_q.bias") || has("blk.0.attn_qkv.bias"),
      outputBias: has("blk.0.attn_output.bias"),
      mlpBias: has("blk.0.ffn_up.bias") || has("blk.0.ffn_down.bias"),
      lmHeadBias: has("output.bias"),
      qkNorm: has("blk.0.attn_q_norm.weight"), moe: moe, latentAttention: latent,
      slidingWindow: window, attentionSinks: has("blk.0.attn_sinks.weight"),
      origin: ModelOrigin(.gguf(path: path), fields: keys.origin))
    if let problem = ArchitectureLimits.problem(base) {
      throw InputError(path, problem)
    }
    if latent == nil && heads % kvHeads != 0 {
      throw InputError(
        path, "\(arch).attention.head_count \(heads) is not a multiple of head_count_kv \(kvHeads)")
    }
    let stored = storedWeights(tensors, layers: layers, tied: base.tiedEmbeddings)
    var notes: [String] = []
    if nextN > 0 {
      notes.append(
        "\(nextN) multi-token-prediction block\(nextN == 1 ? "" : "s") not loaded for serving")
    }
    if let type = file.metadata["general.file_type"]?.integer {
      notes.append("file type \(GGUFMix.fileTypeNames[type] ?? String(type))")
    }
    var origin = keys.origin
    origin.append(
      ModelOrigin.Field(
        "weight bytes",
        "GGUF tensor infos (\(tensors.count) tensors\(files > 1 ? ", \(files) files" : ""))"))
    let format = WeightFormat(
      attention: moduleFormat(tensors, "attn_", exclude: "norm"),
      mlp: moduleFormat(tensors, "ffn_", exclude: "_exps"),
      experts: moduleFormat(tensors, "_exps", exclude: nil),
      other: .fp32, embedding: moduleFormat(tensors, "token_embd", exclude: nil),
      lmHead: moduleFormat(
        tensors, base.tiedEmbeddings ? "token_embd" : "output.weight", exclude: nil),
      stored: stored)
    return base.reading(
      format, encoderParameters: 0, origin: ModelOrigin(.gguf(path: path), fields: origin),
      note: notes.joined(separator: "; "))
  }

  /// llama.cpp's windows: the size from `attention.sliding_window`, the pattern per
  /// architecture (`llama_model::load_hparams`: Gemma 2 and gpt-oss alternate, Gemma 3 has 5
  /// local layers per global one, Llama 4 chunks 3 of every 4 at 8,192).
  static func slidingWindow(_ keys: inout GGUFKeys, family: String, layers: Int)
    -> ModelSpec.SlidingWindow?
  {
    if family == "llama4_text" {
      let chunk = keys.optional("chunk", "attention.chunk_size") ?? 8192
      return .init(window: chunk, globalEvery: 4, kind: "chunked attention")
    }
    guard let window = keys.optional("sliding window", "attention.sliding_window"), window > 0
    else { return nil }
    switch family {
    case "gemma2", "gpt_oss": return .init(window: window, globalEvery: 2)
    case "gemma3":
      return .init(
        window: window,
        globalEvery: keys.optional("local layers", "attention.sliding_window_pattern") ?? 6)
    default: return .init(window: window)
    }
  }

  /// Bytes by place: `token_embd` on the first stage, `output*` on the last, `blk.N` in
  /// layer N (routed experts, `*_exps`, apart).
  static func storedWeights(_ tensors: [GGUFFile.Tensor], layers: Int, tied: Bool)
    -> StoredWeights
  {
    var perLayer = Array(repeating: StoredWeights.Layer(dense: 0, routed: 0), count: layers)
    var embedding = 0.0
    var head = 0.0
    var headMatrix = 0.0
    var unloaded = 0.0
    var parameters = 0
    var types = StoredWeights.TypeTally()
    for tensor in tensors {
      types.add(tensor.type.name, elements: tensor.elements, bytes: tensor.bytes)
      let bytes = Double(tensor.bytes)
      if tensor.name.hasPrefix("blk."),
        let index = Int(tensor.name.dropFirst(4).prefix { $0.isNumber })
      {
        guard index < layers else {
          unloaded += bytes
          continue
        }
        if tensor.name.has("_exps") {
          perLayer[index].routed += bytes
        } else {
          perLayer[index].dense += bytes
        }
      } else if tensor.name.hasPrefix("output") {
        head += bytes
        if tensor.name == "output.weight" { headMatrix = bytes }
      } else {
        embedding += bytes
        if tied && tensor.name == "token_embd.weight" { headMatrix = bytes }
      }
      parameters += tensor.elements
    }
    return StoredWeights(
      layers: perLayer, embedding: embedding, lmHead: head, headMatrix: headMatrix, encoder: 0,
      types: types.types, parameters: parameters,
      unloaded: unloaded)
  }

  /// The format most of a module's bytes are in.
  static func moduleFormat(_ tensors: [GGUFFile.Tensor], _ part: String, exclude: String?)
    -> Precision
  {
    var bytes: [GGMLType: Int] = [:]
    for tensor in tensors
    where tensor.name.has(part) && tensor.dims.count >= 2
      && !(exclude.map { tensor.name.has($0) } ?? false)
    {
      bytes[tensor.type, default: 0] += tensor.bytes
    }
    guard let type = bytes.max(by: { $0.value < $1.value })?.key else { return .fp16 }
    return precision(type)
  }

  /// A ggml type as a weight format.
  static func precision(_ type: GGMLType) -> Precision {
    switch type {
    case .f32: return .fp32
    case .f16: return .fp16
    case .bf16: return .bf16
    case .mxfp4: return Precision.named("mxfp4")!
    default:
      return Precision(
        id: type.name.lowercased(), bits: type.bitsPerWeight,
        note: "GGUF \(type.name): \(type.blockBytes) bytes per \(type.blockSize) weights",
        computePath: .fp16)
    }
  }

  /// The file's format: its `general.file_type` mix when llmplan knows it, else the type most
  /// bytes are in.
  static func checkpointPrecision(_ file: GGUFFile, tensors: [GGUFFile.Tensor]) -> Precision {
    if let type = file.metadata["general.file_type"]?.integer,
      let name = GGUFMix.fileTypeNames[type], let named = Precision.named(name.lowercased())
    {
      return named
    }
    var bytes: [GGMLType: Int] = [:]
    for tensor in tensors { bytes[tensor.type, default: 0] += tensor.bytes }
    return precision(bytes.max(by: { $0.value < $1.value })?.key ?? .f16)
  }
}

/// `<arch>.` metadata keys with provenance.
struct GGUFKeys {
  let file: GGUFFile
  let arch: String
  private(set) var origin: [ModelOrigin.Field] = []

  init(file: GGUFFile, arch: String) {
    self.file = file
    self.arch = arch
  }

  mutating func note(_ field: String, _ source: String) {
    origin.append(ModelOrigin.Field(field, source))
  }

  /// A whole number (the largest, for a per-layer array such as `head_count_kv`).
  mutating func optional(_ field: String, _ key: String) -> Int? {
    let full = "\(arch).\(key)"
    guard let value = file.metadata[full] else { return nil }
    let number: Int?
    if case .array(let items, _) = value {
      number = items.compactMap(\.integer).max()
    } else {
      number = value.integer
    }
    guard let number, number >= 0 else { return nil }
    note(field, full)
    return number
  }

  mutating func required(_ field: String, _ key: String) throws(InputError) -> Int {
    guard let raw = file.metadata["\(arch).\(key)"] else {
      throw InputError(file.path, "no \(arch).\(key) in the metadata (a \(arch) model needs it)")
    }
    guard let value = optional(field, key), value > 0 else {
      throw InputError(file.path, "\(arch).\(key) is \(raw.text), not a positive whole number")
    }
    return value
  }
}
