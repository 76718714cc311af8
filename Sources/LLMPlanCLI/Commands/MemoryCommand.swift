import LLMPlanKit

/// `llmplan memory MODEL`: parameters, weights at every precision, KV per token, training.
enum MemoryCommand {
  static let spec = CommandSpec(
    name: "memory", positional: "MODEL", positionalOptional: false,
    summary: "Parameters, weights at every precision, KV cache per token, and training with Adam.",
    options: [CommonOptions.format, CommonOptions.color, CommonOptions.help],
    examples: ["llmplan memory llama3-70b", "llmplan memory mixtral-8x7b --format csv"],
    details: """
      Weights = exact parameters × bits / 8; below 16 bits the embedding and LM head stay 16-bit.
      Rule of thumb = the seed's P · 4 B / (32 / Q) · 1.2. Training (accelerate's rule) = 4 × the
      weights: weights + gradients + two Adam moments; mixed-precision Adam = 16 B per parameter.
      Neither training figure counts activations.
      """)

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    let model = reader.model(invocation.positionals[0])
    guard reader.errors.isEmpty, let model else { return LLMPlan.usage(reader.errors) }
    switch style.format {
    case .table: return Outcome(stdout: table(model))
    case .json: return Outcome(stdout: json(model).rendered())
    case .csv: return Outcome(stdout: csv(model))
    }
  }

  struct Row {
    let precision: Precision
    let weights: Bytes
    let ruleOfThumb: Bytes
    let training: Bytes
  }

  static func rows(_ model: ModelSpec) -> [Row] {
    let parameters = Double(model.parameters.total)
    return Precision.all.filter { $0 != .fp16 }.map { precision in
      let weights = WeightMemory.total(model, precision: precision)
      let training = TrainingMemory.accelerate(weights: weights)
      return Row(
        precision: precision, weights: weights,
        ruleOfThumb: RuleOfThumb.memory(parameters: parameters, bits: precision.bits),
        training: training.weights + training.gradients + training.adam)
    }
  }

  static func table(_ model: ModelSpec) -> String {
    let count = model.parameters
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
    for row in rows(model) {
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
      "  rule of thumb = P · 4 B / (32 / Q) · 1.2 (seed); train Adam = 4 × weights (accelerate)\n"
    let native = WeightMemory.total(model, precision: model.activationPrecision)
    let adam = TrainingMemory.accelerate(weights: native)
    out +=
      "  train Adam at \(model.activationPrecision.id): weights \(Format.gb(adam.weights)) + gradients \(Format.gb(adam.gradients)) + Adam moments \(Format.gb(adam.adam)) = \(Format.gb(adam.weights + adam.gradients + adam.adam))\n"
    let mixed = TrainingMemory.mixedPrecisionAdam(parameters: count.total)
    out +=
      "  mixed-precision Adam training (16 B/parameter): \(Format.gb(mixed)) = \(Format.gib(mixed)), activations not counted\n"
    let kv = KVCache.bytesPerToken(model, precision: model.activationPrecision)
    out +=
      "\nKV cache at \(model.activationPrecision.id): \(Format.integer(Int(kv))) B per token (\(kvFormula(model)))\n"
    out +=
      "  one \(Format.integer(model.maxContext))-token sequence: \(Format.gib(KVCache.bytes(model, precision: model.activationPrecision, context: model.maxContext, sequences: 1, layers: 0..<model.layers, tp: 1)))"
    if let window = model.slidingWindow {
      out +=
        " (\(window.kind) of \(Format.integer(window.window)) tokens on \(window.globalEvery.map { "\($0 - 1) of every \($0)" } ?? "all") layers)"
    }
    return out + "\n"
  }

  static func kvFormula(_ model: ModelSpec, precision: Precision? = nil) -> String {
    let bytes = Format.number((precision ?? model.activationPrecision).bytes)
    if let mla = model.latentAttention {
      return "MLA: \(model.layers) layers · (\(mla.kvLoraRank) + \(mla.qkRopeHeadDim)) · \(bytes) B"
    }
    return "2 · \(model.layers) layers · \(model.kvHeads) KV heads · \(model.headDim) · \(bytes) B"
  }

  static func json(_ model: ModelSpec) -> JSON {
    let count = model.parameters
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
        "kvBytesPerToken",
        .int(Int(KVCache.bytesPerToken(model, precision: model.activationPrecision)))
      ),
      ("kvPrecision", .string(model.activationPrecision.id)),
      (
        "precisions",
        .array(
          rows(model).map { row in
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
        "mixedPrecisionTrainingBytes",
        .bytes(TrainingMemory.mixedPrecisionAdam(parameters: count.total))
      ),
    ])
  }

  static func csv(_ model: ModelSpec) -> String {
    var csv = CSV(header: [
      "model", "precision", "bits", "weights_bytes", "rule_of_thumb_bytes", "training_adam_bytes",
    ])
    for row in rows(model) {
      csv.append([
        model.id, row.precision.id, Format.number(row.precision.bits, maxDecimals: 6),
        String(row.weights.rounded), String(row.ruleOfThumb.rounded), String(row.training.rounded),
      ])
    }
    return csv.rendered()
  }
}
