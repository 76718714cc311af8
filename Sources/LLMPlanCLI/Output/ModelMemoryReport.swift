import LLMPlanKit

/// Renders a ``MemoryReport``: a model's memory at rest.
struct ModelMemoryReport: Report {
  let report: MemoryReport
  var plannedModel: ModelSpec? { report.model }
  /// The table lists every field's source itself; a resolved name still says what it used.
  var originFooter: String {
    guard case .builtinMatch = report.model.origin.source else { return "" }
    return report.model.originFooter
  }

  func table(_ style: OutputStyle) -> String {
    let model = report.model
    let count = report.parameters
    var out = "\(model.name) (\(model.huggingFaceID)), \(model.attentionKind)"
    if let moe = model.moe {
      out += ", MoE \(moe.experts) experts, \(moe.expertsPerToken) per token"
    }
    out += "\n"
    out += "parameters: \(Format.integer(count.total)) (computed from the architecture)\n"
    if let stored = model.checkpointFormat?.stored?.parameters, stored != count.total {
      out += "  the files' headers hold \(Format.integer(stored)) weights\n"
    }
    out +=
      "  embedding \(Format.integer(count.embedding)) + \(model.layers) layers \(Format.integer(count.layerTotal)) + final norm \(Format.integer(count.finalNorm)) + LM head \(Format.integer(count.lmHead))\(model.tiedEmbeddings ? " (tied)" : "")\n"
    if model.moe != nil { out += "  active per token: \(Format.integer(count.active))\n" }
    if !model.note.isEmpty { out += "  note: \(model.note)\n" }
    out += "\nweights by precision (GB = 10^9 bytes, GiB = 2^30 bytes)\n"
    var table = TextTable([
      ("precision", .left), ("bits", .right), ("weights GB", .right), ("weights GiB", .right),
      ("rule of thumb GB", .right), ("train Adam GB", .right),
    ])
    if let checkpoint = report.checkpoint {
      table.append([
        "checkpoint", Format.bits(checkpoint.value * 8 / Double(max(count.total, 1))),
        Format.fixed(checkpoint.gigabytes, 2, grouped: true),
        Format.fixed(checkpoint.gibibytes, 2, grouped: true),
        Format.fixed(
          RuleOfThumb.memory(parameters: Double(count.total), bits: model.checkpointPrecision.bits)
            .gigabytes, 2, grouped: true),
        "-",
      ])
    }
    for row in report.rows {
      table.append([
        row.precision.id == "bf16" ? "fp16/bf16" : row.precision.id,
        Format.bits(row.precision.bits), Format.fixed(row.weights.gigabytes, 2, grouped: true),
        Format.fixed(row.weights.gibibytes, 2, grouped: true),
        Format.fixed(row.ruleOfThumb.gigabytes, 2, grouped: true),
        Format.fixed(row.training.gigabytes, 2, grouped: true),
      ])
    }
    out += table.render(width: style.width)
    out +=
      "  rule of thumb = P · 4 B / (32 / Q) · 1.2; train Adam = 4 × weights (accelerate)\n"
    let mixes = report.rows.filter { $0.precision.gguf != nil }.map(\.precision.id)
    if let first = mixes.first, let last = mixes.last {
      out +=
        "  \(first) … \(last): llama.cpp mixes, sized tensor by tensor as llama-quantize writes them (bits: the default tensor type)\n"
    }
    if let format = model.checkpointFormat {
      out += "  checkpoint: " + WeightsRead.checkpoint(format).text.dropFirst(3) + "\n"
      if let stored = format.stored { out += Self.storedText(stored) }
    }
    let adam = report.nativeTraining
    out +=
      "  train Adam at \(model.activationPrecision.id): weights \(Format.gb(adam.weights)) + gradients \(Format.gb(adam.gradients)) + Adam moments \(Format.gb(adam.adam)) = \(Format.gb(adam.weights + adam.gradients + adam.adam))\n"
    let mixed = report.mixedPrecisionTraining
    out +=
      "  mixed-precision Adam training (16 B/parameter): \(Format.gb(mixed)) = \(Format.gib(mixed)), activations not counted\n"
    out +=
      "\nKV cache at \(report.kvPrecision.id): \(Format.integer(Int(report.kvBytesPerToken))) B per token (\(model.kvFormula(report.kvPrecision)))\n"
    out +=
      "  one \(Format.integer(model.maxContext))-token sequence: \(Format.gib(report.fullContextSequence))"
    if let window = model.slidingWindow {
      out +=
        " (\(window.kind) of \(Format.integer(window.window)) tokens on \(window.layersText(of: model)))"
    }
    out += "\n"
    if !model.origin.fields.isEmpty { out += Self.provenance(model) }
    return out
  }

  /// "  stored: 16.06 GB in 291 tensors: BF16 16.06 GB (291 tensors)".
  static func storedText(_ stored: StoredWeights) -> String {
    let tensors = stored.types.reduce(0) { $0 + $1.tensors }
    let bytes = stored.types.reduce(0) { $0 + $1.bytes }
    var out =
      "  stored: \(Format.gb(Bytes(Double(bytes)))) in \(Format.integer(tensors)) tensors: "
      + stored.types.map {
        "\($0.type) \(Format.gb(Bytes(Double($0.bytes)))) (\(Format.integer($0.tensors)))"
      }.joined(separator: ", ") + "\n"
    if stored.encoder > 0 {
      out +=
        "  vision tower and projector: \(Format.gb(Bytes(stored.encoder))), loaded with the embedding\n"
    }
    if stored.unloaded > 0 {
      out += "  not loaded for serving: \(Format.gb(Bytes(stored.unloaded)))\n"
    }
    return out
  }

  /// Every architecture field and the key (or default) it came from, wrapped.
  static func provenance(_ model: ModelSpec) -> String {
    var out = "\narchitecture from \(model.origin.source.text):\n"
    var line = " "
    for field in model.origin.fields {
      let item = " \(field.field) ← \(field.source);"
      if line.count + item.count > 100 {
        out += line + "\n"
        line = " "
      }
      line += item
    }
    return out + line.dropLast() + "\n"
  }

  func json() -> JSON {
    let model = report.model
    let count = report.parameters
    return .object([
      ("schemaVersion", .int(1)),
      ("model", .string(model.id)),
      ("huggingFaceID", .string(model.huggingFaceID)),
      ("parameterCount", .int(count.total)),
      ("activeParameterCount", .int(count.active)),
      ("checkpoint", .optional(model.checkpointFormat) { checkpointJSON($0) }),
      (
        "parameters",
        .object([
          ("embedding", .int(count.embedding)), ("layers", .int(count.layerTotal)),
          ("finalNorm", .int(count.finalNorm)), ("lmHead", .int(count.lmHead)),
        ])
      ),
      (
        "kvBytesPerToken", .int(Int(report.kvBytesPerToken))
      ),
      ("kvPrecision", .string(report.kvPrecision.id)),
      (
        "precisions",
        .array(
          report.rows.map { row in
            .object([
              ("precision", .string(row.precision.id)),
              ("bits", .number(row.precision.bits, decimals: 6)),
              ("weightsBytes", .bytes(row.weights)),
              ("ruleOfThumbBytes", .bytes(row.ruleOfThumb)),
              ("trainingAdamBytes", .bytes(row.training)),
            ])
          })
      ),
      (
        "mixedPrecisionTrainingBytes", .bytes(report.mixedPrecisionTraining)
      ),
    ])
  }

  /// The checkpoint's formats by module and, when its headers were read, bytes by type.
  func checkpointJSON(_ format: WeightFormat) -> JSON {
    var pairs: [(String, JSON)] = [
      ("weightsBytes", .optional(report.checkpoint) { .bytes($0) }),
      (
        "formats",
        .object([
          ("attention", .string(format.attention.id)), ("mlp", .string(format.mlp.id)),
          ("experts", .string(format.experts.id)), ("norms", .string(format.other.id)),
          ("embedding", .string(format.embedding.id)), ("lmHead", .string(format.lmHead.id)),
        ])
      ),
    ]
    if let stored = format.stored {
      pairs += [
        ("headerParameterCount", .optional(stored.parameters) { .int($0) }),
        ("encoderBytes", .int(Int(stored.encoder))),
        ("unloadedBytes", .int(Int(stored.unloaded))),
        (
          "storedByType",
          .array(
            stored.types.map {
              .object([
                ("type", .string($0.type)), ("tensors", .int($0.tensors)),
                ("elements", .int($0.elements)), ("bytes", .int($0.bytes)),
              ])
            })
        ),
      ]
    }
    return .object(pairs)
  }

  func csv() -> String {
    let model = report.model
    var csv = CSV(header: [
      "model", "precision", "bits", "weights_bytes", "rule_of_thumb_bytes", "training_adam_bytes",
    ])
    for row in report.rows {
      csv.append([
        model.id, row.precision.id, Format.number(row.precision.bits, maxDecimals: 6),
        String(row.weights.rounded), String(row.ruleOfThumb.rounded), String(row.training.rounded),
      ])
    }
    return csv.rendered()
  }
}

extension ModelSpec {
  /// "2 · 80 layers · 8 KV heads · 128 · 2 B" (MLA: "MLA: 61 layers · (512 + 64) · 2 B").
  func kvFormula(_ precision: Precision) -> String {
    let bytes = Format.number(precision.bytes)
    if let mla = latentAttention {
      return "MLA: \(layers) layers · (\(mla.kvLoraRank) + \(mla.qkRopeHeadDim)) · \(bytes) B"
    }
    return "2 · \(layers) layers · \(kvHeads) KV heads · \(headDim) · \(bytes) B"
  }
}

extension ModelSpec.SlidingWindow {
  /// "1 of every 2 layers", "all layers", or "18 of 36 layers" when the config lists them.
  func layersText(of model: ModelSpec) -> String {
    if localLayers != nil {
      let local = (0..<model.layers).filter { isLocal(layer: $0) }.count
      return local == model.layers ? "all layers" : "\(local) of \(model.layers) layers"
    }
    return globalEvery.map { "\($0 - 1) of every \($0) layers" } ?? "all layers"
  }
}
