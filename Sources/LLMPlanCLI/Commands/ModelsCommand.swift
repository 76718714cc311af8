import LLMPlanKit

/// `llmplan models`: the built-in architectures.
enum ModelsCommand {
  static let spec = CommandSpec(
    name: "models", positional: nil, positionalOptional: true,
    summary: "The model catalog: architecture, exact parameter count, context, dtype.",
    options: [CommonOptions.format, CommonOptions.color, CommonOptions.help],
    examples: ["llmplan models", "llmplan models --format json"],
    details: "Parameter counts are computed from each architecture, not taken from the name.")

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    guard reader.errors.isEmpty else { return LLMPlan.usage(reader.errors) }
    let models = ModelCatalog.builtin.models
    switch style.format {
    case .table: return Outcome(stdout: table(models))
    case .json: return Outcome(stdout: json(models).rendered())
    case .csv: return Outcome(stdout: csv(models))
    }
  }

  static func architecture(_ model: ModelSpec) -> String {
    var text = model.attentionKind
    if let moe = model.moe { text += " MoE \(moe.expertsPerToken)/\(moe.experts)" }
    if let window = model.slidingWindow {
      text += window.globalEvery == nil ? " SWA" : " local/global"
    }
    return text
  }

  static func table(_ models: [ModelSpec]) -> String {
    var table = TextTable([
      ("model", .left), ("parameters", .right), ("arch", .left), ("layers", .right),
      ("hidden", .right), ("heads", .right), ("kv", .right), ("context", .right), ("dtype", .left),
      ("hugging face id", .left),
    ])
    for model in models {
      table.append([
        model.id, Format.integer(model.parameters.total), architecture(model), String(model.layers),
        String(model.hidden), String(model.heads), String(model.kvHeads),
        Format.integer(model.maxContext), model.checkpointPrecision.id, model.huggingFaceID,
      ])
    }
    return table.render()
  }

  static func json(_ models: [ModelSpec]) -> JSON {
    .object([
      ("schemaVersion", .int(1)),
      (
        "models",
        .array(
          models.map { model in
            .object([
              ("id", .string(model.id)), ("name", .string(model.name)),
              ("huggingFaceID", .string(model.huggingFaceID)),
              ("aliases", .array(model.aliases.map(JSON.string))),
              ("parameterCount", .int(model.parameters.total)),
              ("activeParameterCount", .int(model.parameters.active)),
              ("attention", .string(model.attentionKind)), ("layers", .int(model.layers)),
              ("hidden", .int(model.hidden)), ("heads", .int(model.heads)),
              ("kvHeads", .int(model.kvHeads)),
              ("headDim", .int(model.headDim)), ("intermediate", .int(model.intermediate)),
              ("vocab", .int(model.vocab)), ("tiedEmbeddings", .bool(model.tiedEmbeddings)),
              ("maxContext", .int(model.maxContext)),
              ("checkpointPrecision", .string(model.checkpointPrecision.id)),
              (
                "moe",
                .optional(model.moe) { moe in
                  .object([
                    ("experts", .int(moe.experts)), ("expertsPerToken", .int(moe.expertsPerToken)),
                    ("expertIntermediate", .int(moe.expertIntermediate)),
                    ("sharedExperts", .int(moe.sharedExperts)),
                  ])
                }
              ),
              (
                "mla",
                .optional(model.latentAttention) { mla in
                  .object([
                    ("kvLoraRank", .int(mla.kvLoraRank)),
                    ("qkRopeHeadDim", .int(mla.qkRopeHeadDim)),
                  ])
                }
              ),
              (
                "slidingWindow",
                .optional(model.slidingWindow) { window in
                  .object([
                    ("window", .int(window.window)),
                    ("globalEvery", .optional(window.globalEvery) { .int($0) }),
                  ])
                }
              ),
            ])
          })
      ),
    ])
  }

  static func csv(_ models: [ModelSpec]) -> String {
    var csv = CSV(header: [
      "id", "hugging_face_id", "parameter_count", "active_parameter_count", "attention", "layers",
      "hidden", "heads", "kv_heads", "head_dim", "intermediate", "vocab", "max_context",
      "checkpoint_precision", "experts", "experts_per_token",
    ])
    for model in models {
      csv.append([
        model.id, model.huggingFaceID, String(model.parameters.total),
        String(model.parameters.active),
        model.attentionKind, String(model.layers), String(model.hidden), String(model.heads),
        String(model.kvHeads), String(model.headDim), String(model.intermediate),
        String(model.vocab),
        String(model.maxContext), model.checkpointPrecision.id,
        model.moe.map { String($0.experts) } ?? "",
        model.moe.map { String($0.expertsPerToken) } ?? "",
      ])
    }
    return csv.rendered()
  }
}
