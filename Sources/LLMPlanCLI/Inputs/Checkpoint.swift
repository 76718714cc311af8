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

  enum Module: Equatable { case attention, mlp, experts, other }

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
    var types: [String: (tensors: Int, elements: Int, bytes: Int)] = [:]
    // Bytes per (module, dtype) of the main weights, to name each module's format.
    var formats: [String: [String: Int]] = [:]
    var count = 0
    for shard in shards {
      let header = try SafetensorsHeader.read(shard)
      for tensor in header.tensors {
        count += 1
        types[tensor.dtype, default: (0, 0, 0)].tensors += 1
        types[tensor.dtype, default: (0, 0, 0)].elements += tensor.elements
        types[tensor.dtype, default: (0, 0, 0)].bytes += tensor.bytes
        let bytes = Double(tensor.bytes)
        let place = self.place(tensor.name)
        let auxiliary = isAuxiliary(tensor.name)
        let main = !auxiliary && !tensor.name.hasSuffix("bias")
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
            formats[String(describing: module), default: [:]][tensor.dtype, default: 0] +=
              tensor.bytes
          }
        case .embedding:
          embedding += bytes
          if main, tensor.name.hasSuffix("weight") {
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
      types: types.map {
        StoredWeights.TypeTotal(
          type: $0.key, tensors: $0.value.tensors, elements: $0.value.elements,
          bytes: $0.value.bytes)
      }.sorted { ($0.bytes, $1.type) > ($1.bytes, $0.type) },
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

  /// Where a tensor named the Hugging Face way belongs.
  static func place(_ name: String) -> Place {
    let lower = name.lowercased()
    let parts = lower.split(separator: ".")
    if ["vision", "visual", "multi_modal_projector", "mm_projector", "image_newline", "audio"]
      .contains(where: { lower.contains($0) })
    {
      return .encoder
    }
    for (index, part) in parts.enumerated()
    where ["layers", "h", "blocks", "layer"].contains(part) && index + 1 < parts.count {
      guard let number = Int(parts[index + 1]) else { continue }
      return .layer(number, module(parts[(index + 2)...].joined(separator: ".")))
    }
    if ["embed_tokens", "wte", "word_embeddings", "embed_in", "tok_embeddings"].contains(
      where: { lower.contains($0) })
    {
      return .embedding
    }
    if lower.contains("lm_head") || lower.contains("embed_out") || lower.contains("norm")
      || lower.contains("ln_f") || lower.hasPrefix("output.")
    {
      return .head
    }
    return .embedding
  }

  /// The module of a tensor inside a decoder layer (`self_attn.q_proj.weight`).
  static func module(_ rest: String) -> Module {
    if rest.contains("shared_expert") {
      return rest.contains("gate.") && !rest.contains("proj") ? .other : .mlp
    }
    if rest.contains("router") || rest.contains("e_score_correction")
      || rest.hasSuffix("gate.weight")
        && !rest.contains("proj") && !rest.contains("experts")
    {
      return .other
    }
    if rest.contains("experts") { return .experts }
    if ["self_attn", "attention", "attn", "mixer", "self_attention"].contains(where: {
      rest.contains($0)
    }) {
      return .attention
    }
    if ["mlp", "feed_forward", "ffn", "block_sparse_moe"].contains(where: { rest.contains($0) }) {
      return .mlp
    }
    return .other
  }

  /// Quantization scales, zero points and group indices: stored, but not weights.
  static func isAuxiliary(_ name: String) -> Bool {
    let suffixes = [
      "scale", "scales", "scale_inv", "qzeros", "zeros", "g_idx", "zero_point", "scale_2",
    ]
    let last = name.split(separator: ".").last.map(String.init) ?? name
    return suffixes.contains { last == $0 || last.hasSuffix("_" + $0) }
  }

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
