import LLMPlanKit

/// A checkpoint directory's safetensors headers, sorted into what a pipeline stage loads: the
/// embedding, each decoder layer (routed experts apart), the head, and tensors outside the
/// language model (a vision tower). Module formats come from the tensors' own dtypes.
enum Checkpoint {
  /// Where a tensor belongs, from its Hugging Face name.
  enum Place: Equatable {
    case embedding, head, encoder
    case layer(Int, Module)
  }

  enum Module: String, Equatable { case attention, mlp, experts, other }

  static func read(_ model: ModelSpec, shards: [String], directory: String) throws(InputError)
    -> ModelSpec
  {
    var layers = Array(repeating: StoredWeights.Layer(dense: 0, routed: 0), count: model.layers)
    var embedding = 0.0
    var head = 0.0
    var headMatrix = 0.0
    var embeddingMatrix = 0.0
    var encoder = 0.0
    var encoderElements = 0
    var unloaded = 0.0
    var unloadedLayers: Set<Int> = []
    var languageElements = 0
    var packed = false
    var types = StoredWeights.TypeTally()
    // Bytes per (module, dtype) of the main weights, to name each module's format.
    var formats: [String: [String: Int]] = [:]
    var count = 0
    // Names differ in their layer and expert numbers only: classify each pattern once.
    var roles: [String: Role] = [:]
    for shard in shards {
      let header = try SafetensorsHeader.read(shard)
      for tensor in header.tensors {
        count += 1
        types.add(tensor.dtype, elements: tensor.elements, bytes: tensor.bytes)
        let bytes = Double(tensor.bytes)
        let (key, numbers) = pattern(tensor.name)
        let role: Role
        if let known = roles[key] {
          role = known
        } else {
          role = Role(key)
          roles[key] = role
        }
        let auxiliary = role.auxiliary
        let main = role.main
        let place: Place =
          switch role.place {
          case .layer(let ordinal, let module):
            ordinal < numbers.count ? .layer(numbers[ordinal], module) : .embedding
          case let other: other
          }
        switch place {
        case .encoder:
          encoder += bytes
          encoderElements += tensor.elements
          continue
        case .layer(let index, _) where index >= model.layers:
          unloaded += bytes
          unloadedLayers.insert(index)
          continue
        case .layer(let index, let module):
          if module == .experts {
            layers[index].routed += bytes
          } else {
            layers[index].dense += bytes
          }
          if main {
            formats[module.rawValue, default: [:]][tensor.dtype, default: 0] +=
              tensor.bytes
          }
        case .embedding:
          embedding += bytes
          if main, role.weight {
            embeddingMatrix += bytes
            formats["embedding", default: [:]][tensor.dtype, default: 0] += tensor.bytes
          }
        case .head:
          head += bytes
          if main, tensor.shape.count == 2 {
            headMatrix += bytes
            formats["head", default: [:]][tensor.dtype, default: 0] += tensor.bytes
          }
        }
        if !auxiliary { languageElements += tensor.elements }
        if main && isPacked(tensor.dtype) { packed = true }
      }
    }
    guard count > 0 else {
      throw InputError(directory, "the safetensors shards hold no tensors")
    }
    if headMatrix == 0 { headMatrix = embeddingMatrix }
    func precision(_ key: String, _ fallback: Precision) -> Precision {
      guard let dtype = formats[key]?.max(by: { $0.value < $1.value })?.key else { return fallback }
      return self.precision(of: dtype, model: model)
    }
    let activation = model.activationPrecision
    let stored = StoredWeights(
      layers: layers, embedding: embedding, lmHead: head, headMatrix: headMatrix,
      encoder: encoder,
      types: types.types,
      parameters: packed ? nil : languageElements, unloaded: unloaded)
    let format = WeightFormat(
      attention: precision("attention", activation), mlp: precision("mlp", activation),
      experts: precision("experts", activation), other: precision("other", activation),
      embedding: precision("embedding", activation),
      lmHead: precision(model.tiedEmbeddings ? "embedding" : "head", activation), stored: stored)
    var notes = model.note.isEmpty ? [] : [model.note]
    if !unloadedLayers.isEmpty {
      notes.append(
        "layer\(unloadedLayers.count == 1 ? "" : "s") \(unloadedLayers.sorted().map(String.init).joined(separator: ", ")) of the files (multi-token prediction) not loaded for serving"
      )
    }
    if encoder > 0 {
      notes.append("the checkpoint's vision tower and projector are counted with the embedding")
    }
    notes.removeAll { $0.hasPrefix("language model of a multimodal config") && encoder > 0 }
    if let parameters = stored.parameters, parameters != model.parameters.total {
      notes.append(
        "the headers hold \(Format.integer(parameters)) language-model weights; the architecture counts \(Format.integer(model.parameters.total))"
      )
    }
    var origin = model.origin.fields
    origin.append(
      ModelOrigin.Field(
        "weight bytes",
        "safetensors headers (\(shards.count) file\(shards.count == 1 ? "" : "s"), \(count) tensors)"
      ))
    return model.reading(
      format, encoderParameters: encoderElements,
      origin: ModelOrigin(model.origin.source, fields: origin),
      note: notes.joined(separator: "; "))
  }

  /// What a name pattern says about its tensors.
  struct Role {
    /// For a layer tensor, the ordinal of the number among the name's numbers.
    let place: Place
    let auxiliary: Bool
    /// The weight matrix of its module (not a scale, zero point or bias).
    let main: Bool
    let weight: Bool

    init(_ pattern: String) {
      let parts = pattern.split(separator: ".")
      var place = Checkpoint.place(pattern)
      if case .layer = place,
        let position = parts.indices.dropLast().first(where: {
          Checkpoint.layerWords.contains(parts[$0]) && parts[$0 + 1] == "#"
        })
      {
        let ordinal = parts[...position].filter { $0 == "#" }.count
        place = .layer(ordinal, Checkpoint.module(parts[(position + 2)...]))
      }
      self.place = place
      auxiliary = Checkpoint.isAuxiliary(pattern)
      main = !auxiliary && !pattern.hasSuffix("bias")
      weight = pattern.hasSuffix("weight")
    }
  }

  /// A name with each all-digit component replaced by `#`, and those numbers:
  /// `model.layers.3.mlp.experts.17.up_proj.weight` → (`model.layers.#.mlp.experts.#.…`, [3, 17]).
  static func pattern(_ name: String) -> (String, [Int]) {
    var name = name
    return name.withUTF8 { bytes in
      var key: [UInt8] = []
      key.reserveCapacity(bytes.count)
      var numbers: [Int] = []
      var start = 0
      for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ".") {
        let component = bytes[start..<end]
        if !component.isEmpty, component.count <= 9, component.allSatisfy({ $0 >= 48 && $0 <= 57 })
        {
          numbers.append(component.reduce(0) { $0 * 10 + Int($1 - 48) })
          key.append(UInt8(ascii: "#"))
        } else {
          key.append(contentsOf: component)
        }
        if end < bytes.count { key.append(UInt8(ascii: ".")) }
        start = end + 1
      }
      return (String(decoding: key, as: UTF8.self), numbers)
    }
  }

  /// Where a tensor named the Hugging Face way belongs, from its dot-separated components
  /// (`model.layers.3.self_attn.q_proj.weight`).
  static func place(_ name: String) -> Place {
    let parts = name.lowercased().split(separator: ".")
    if parts.contains(where: isEncoderPart) { return .encoder }
    for index in parts.indices.dropLast() where layerWords.contains(parts[index]) {
      guard let number = parts[index + 1] == "#" ? 0 : Int(parts[index + 1]) else { continue }
      return .layer(number, module(parts[(index + 2)...]))
    }
    if parts.contains(where: { embeddingWords.contains($0) }) { return .embedding }
    if parts.first == "output"
      || parts.contains(where: { headWords.contains($0) || $0.hasSuffix("norm") })
    {
      return .head
    }
    return .embedding
  }

  static let layerWords: Set<Substring> = ["layers", "h", "blocks", "layer"]
  static let embeddingWords: Set<Substring> = [
    "embed_tokens", "wte", "word_embeddings", "embed_in", "tok_embeddings",
  ]
  static let headWords: Set<Substring> = [
    "lm_head", "embed_out", "ln_f", "final_layernorm", "final_layer_norm",
  ]
  static let routerWords: Set<Substring> = [
    "gate", "router", "e_score_correction_bias", "shared_expert_gate",
  ]
  static let attentionWords: Set<Substring> = [
    "self_attn", "attention", "attn", "mixer", "self_attention",
  ]
  static let mlpWords: Set<Substring> = ["mlp", "feed_forward", "ffn", "block_sparse_moe"]

  /// A vision tower, projector or audio encoder component.
  static func isEncoderPart(_ part: Substring) -> Bool {
    part.hasPrefix("vision") || part == "visual" || part.hasPrefix("multi_modal_projector")
      || part.hasPrefix("mm_projector") || part == "image_newline" || part.hasPrefix("audio")
  }

  /// The module of a tensor inside a decoder layer (`self_attn`, `q_proj`, `weight`): a router
  /// (`mlp.gate`, `router`, `shared_expert_gate`) before shared experts, before routed experts.
  static func module(_ rest: ArraySlice<Substring>) -> Module {
    if rest.contains(where: { routerWords.contains($0) }) { return .other }
    if rest.contains(where: { $0 == "shared_expert" || $0 == "shared_experts" }) { return .mlp }
    if rest.contains("experts") { return .experts }
    if rest.contains(where: { attentionWords.contains($0) }) { return .attention }
    if rest.contains(where: { mlpWords.contains($0) }) { return .mlp }
    return .other
  }

  /// Quantization scales, zero points and group indices: stored, but not weights.
  static func isAuxiliary(_ name: String) -> Bool {
    guard let dot = name.lastIndex(of: ".") else { return false }
    let last = name[name.index(after: dot)...]
    for suffix in auxiliarySuffixes
    where last == suffix || (last.hasSuffix(suffix) && last.dropLast(suffix.count).hasSuffix("_")) {
      return true
    }
    return false
  }

  static let auxiliarySuffixes = [
    "scale", "scales", "scale_inv", "qzeros", "zeros", "g_idx", "zero_point", "scale_2",
  ]

  /// Dtypes that pack several weights per element (GPTQ/AWQ int4 in I32, MXFP4/NVFP4 in U8).
  static func isPacked(_ dtype: String) -> Bool {
    ["I32", "U32", "U8", "I16", "F4", "E8M0"].contains(dtype)
  }

  /// The format a stored dtype stands for: floats as themselves, FP8 as fp8, packed integers
  /// as the config's quantization.
  static func precision(of dtype: String, model: ModelSpec) -> Precision {
    switch dtype {
    case "BF16": .bf16
    case "F16": .fp16
    case "F32", "F64": .fp32
    case "F8_E4M3", "F8_E5M2": .fp8
    case "I8" where !model.checkpointPrecision.isQuantized || model.checkpointPrecision.bits >= 8:
      .int8
    default: model.checkpointPrecision.isQuantized ? model.checkpointPrecision : .int4
    }
  }
}
