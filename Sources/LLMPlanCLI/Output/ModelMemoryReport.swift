import LLMPlanKit

/// Renders a ``MemoryReport``: a model's memory at rest.
struct ModelMemoryReport: Report {
  let report: MemoryReport

  func table(_ style: OutputStyle) -> String {
    let model = report.model
    let count = report.parameters
    var out = "\(model.name) (\(model.huggingFaceID)), \(model.attentionKind)"
    if let moe = model.moe {
      out += ", MoE \(moe.experts) experts, \(moe.expertsPerToken) per token"
    }
    out += "\n"
    out += "parameters: \(Format.integer(count.total)) (computed from the architecture)\n"
    out +=
      "  embedding \(Format.integer(count.embedding)) + \(model.layers) layers \(Format.integer(count.layerTotal)) + final norm \(Format.integer(count.finalNorm)) + LM head \(Format.integer(count.lmHead))\(model.tiedEmbeddings ? " (tied)" : "")\n"
    if model.moe != nil { out += "  active per token: \(Format.integer(count.active))\n" }
    if !model.note.isEmpty { out += "  note: \(model.note)\n" }
    out += "\nweights by precision (GB = 10^9 bytes, GiB = 2^30 bytes)\n"
    var table = TextTable([
      ("precision", .left), ("bits", .right), ("weights GB", .right), ("weights GiB", .right),
      ("rule of thumb GB", .right), ("train Adam GB", .right),
    ])
    for row in report.rows {
      table.append([
        row.precision.id == "bf16" ? "fp16/bf16" : row.precision.id,
        Format.bits(row.precision.bits), Format.fixed(row.weights.gigabytes, 2, grouped: true),
        Format.fixed(row.weights.gibibytes, 2, grouped: true),
        Format.fixed(row.ruleOfThumb.gigabytes, 2, grouped: true),
        Format.fixed(row.training.gigabytes, 2, grouped: true),
      ])
    }
    out += table.render()
    out +=
      "  rule of thumb = P · 4 B / (32 / Q) · 1.2; train Adam = 4 × weights (accelerate)\n"
    let mixes = report.rows.filter { $0.precision.gguf != nil }.map(\.precision.id)
    if let first = mixes.first, let last = mixes.last {
      out +=
        "  \(first) … \(last): llama.cpp mixes, sized tensor by tensor as llama-quantize writes them (bits: the default tensor type)\n"
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
        " (\(window.kind) of \(Format.integer(window.window)) tokens on \(window.globalEvery.map { "\($0 - 1) of every \($0)" } ?? "all") layers)"
    }
    return out + "\n"
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
