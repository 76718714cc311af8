import LLMPlanKit

/// Renders a ``FitPlan`` as a table for people, JSON for programs and CSV for spreadsheets.
enum FitReport {
  static func layoutText(_ layout: Layout) -> String { "TP\(layout.tp) × PP\(layout.pp)" }

  static func describe(_ request: PlanRequest) -> String {
    let rules =
      request.method == .detailed
      ? "detailed (\(request.engine.engine.displayName) memory rules)"
      : "rule-of-thumb (seed formula)"
    return
      "\(request.precision.id) weights (\(Format.bits(request.precision.bits)) bits), \(request.kvPrecision.id) KV cache, context \(Format.integer(request.context)) tokens, batch \(Format.integer(request.batch)), method \(rules)"
  }

  // MARK: table

  static func table(_ plan: FitPlan, emit: Engine? = nil, paint: Paint) -> String {
    let request = plan.request
    var out = "\(request.model.name) on \(request.gpu.name) (\(request.gpu.id))\n"
    out += describe(request) + "\n"
    out += "\(Format.integer(request.model.parameters.total)) parameters; GiB = 2^30 bytes\n\n"
    out += verdict(plan, paint: paint) + "\n"
    out += recommendation(plan)
    if let placement = plan.headline?.placement {
      out += "\n" + breakdown(placement, request: request)
    }
    out += "\n" + options(plan)
    if let emit, let search = plan.layouts, search.recommended != nil {
      out += "\n" + LayoutsReport.launch(emit, search: search)
    } else if emit != nil {
      out += "\nNo launch command: nothing fits.\n"
    }
    return out
  }

  /// The best layout of the headline count by throughput per GPU, and how many were ranked.
  static func recommendation(_ plan: FitPlan) -> String {
    guard let search = plan.layouts, let best = search.recommended,
      let evaluation = best.evaluation
    else { return "" }
    let step = evaluation.step
    let count = search.fitting.count
    return
      "Recommended layout: \(best.layout) — \(Format.fixed(step.cycleSeconds * 1e3, 2)) ms per output token, \(Format.fixed(step.tokensPerSecond, 1, grouped: true)) tokens/s at batch \(Format.integer(plan.request.batch)) (best of \(count) layout\(count == 1 ? "" : "s") that fit by throughput per GPU; 'llmplan layouts' ranks them).\n"
  }

  static func verdict(_ plan: FitPlan, paint: Paint) -> String {
    let request = plan.request
    var lines: [String] = []
    if let checked = plan.checked {
      if checked.fits, let placement = checked.placement {
        lines.append(
          paint.green("Fits on \(checked.gpus) × \(request.gpu.id)")
            + ": \(layoutText(placement.layout)), \(Format.gib(placement.memory.headroom)) headroom per GPU."
        )
      } else if let placement = checked.placement {
        lines.append(
          paint.red("Does not fit on \(checked.gpus) × \(request.gpu.id)")
            + ": \(layoutText(placement.layout)) needs \(Format.gib(placement.memory.total)) per GPU, capacity \(Format.gib(placement.memory.capacity.bytes)), short by \(Format.gib(Bytes.zero - placement.memory.headroom))."
        )
      } else {
        lines.append(
          paint.red("Does not fit on \(checked.gpus) × \(request.gpu.id)")
            + ": \(checked.rejection ?? "no layout").")
      }
      if let minimum = plan.minimum, minimum.gpus != checked.gpus, let placement = minimum.placement
      {
        lines.append("Minimum that fits: \(minimum.gpus) GPUs, \(layoutText(placement.layout)).")
      }
    } else if let minimum = plan.minimum, let placement = minimum.placement {
      lines.append(
        paint.green("Fits on \(minimum.gpus) × \(request.gpu.id)")
          + ": \(layoutText(placement.layout))\(placement.layout.pp > 1 ? " (stages of \(placement.stageLayers.map(String.init).joined(separator: ", ")) layers)" : ""), \(Format.gib(placement.memory.headroom)) headroom per GPU."
      )
    } else {
      lines.append(
        paint.red(
          "Does not fit on any layout of up to \(Format.integer(plan.searchLimit)) × \(request.gpu.id)"
        ) + ".")
    }
    if !plan.remedies.isEmpty {
      lines.append(
        "Would fit: " + plan.remedies.map { remedy($0, plan: plan) }.joined(separator: "; or ")
          + ".")
    }
    return lines.joined(separator: "\n")
  }

  static func remedy(_ remedy: FitPlan.Remedy, plan: FitPlan) -> String {
    let count = plan.checked?.gpus ?? plan.searchLimit
    switch remedy {
    case .moreGPUs(let gpus, let layout): return "\(gpus) GPUs (\(layoutText(layout)))"
    case .precision(let precision): return "--precision \(precision.id) on \(count) GPUs"
    case .context(let context): return "--context \(context) or less on \(count) GPUs"
    case .batch(let batch): return "--batch \(batch) or less on \(count) GPUs"
    }
  }

  static func breakdown(_ placement: Placement, request: PlanRequest) -> String {
    let memory = placement.memory
    let stage =
      placement.layout.pp > 1
      ? "heaviest stage, \(placement.heaviestStage + 1) of \(placement.layout.pp)" : "every GPU"
    var table = TextTable([
      ("per GPU (\(stage))", .left), ("GiB", .right), ("GB", .right), ("rule", .left),
    ])
    func row(_ name: String, _ bytes: Bytes, _ rule: String) {
      table.append([
        name, Format.fixed(bytes.gibibytes, 2, grouped: true),
        Format.fixed(bytes.gigabytes, 2, grouped: true), rule,
      ])
    }
    row("weights", memory.weights.bytes, memory.weights.rule)
    row("KV cache", memory.kvCache.bytes, memory.kvCache.rule)
    row("activations", memory.activation.bytes, memory.activation.rule)
    row("overhead", memory.overhead.bytes, memory.overhead.rule)
    row("total", memory.total, "")
    row("capacity", memory.capacity.bytes, memory.capacity.rule)
    row("headroom", memory.headroom, memory.fits ? "fits" : "does not fit")
    return table.render()
  }

  static func options(_ plan: FitPlan) -> String {
    var table = TextTable([
      ("GPUs", .right), ("layout", .left), ("per GPU GiB", .right), ("capacity GiB", .right),
      ("headroom GiB", .right), ("fits", .left),
    ])
    for option in plan.options {
      guard let placement = option.placement else {
        table.append([
          "\(option.gpus)", "-", "-", "-", "-", "no: \(option.rejection ?? "no layout")",
        ])
        continue
      }
      let memory = placement.memory
      table.append([
        "\(option.gpus)", layoutText(placement.layout),
        Format.fixed(memory.total.gibibytes, 2, grouped: true),
        Format.fixed(memory.capacity.bytes.gibibytes, 2, grouped: true),
        Format.fixed(memory.headroom.gibibytes, 2, grouped: true), memory.fits ? "yes" : "no",
      ])
    }
    return table.render()
  }

  // MARK: JSON

  static func json(_ plan: FitPlan, emit: Engine? = nil) -> JSON {
    let request = plan.request
    let headline = plan.headline?.placement
    return .object([
      ("schemaVersion", .int(1)),
      ("model", .string(request.model.id)),
      ("gpu", .string(request.gpu.id)),
      ("precision", .string(request.precision.id)),
      ("kvPrecision", .string(request.kvPrecision.id)),
      ("context", .int(request.context)),
      ("batch", .int(request.batch)),
      ("method", .string(request.method.rawValue)),
      ("engine", request.method == .detailed ? .string(request.engine.engine.rawValue) : .null),
      ("parameterCount", .int(request.model.parameters.total)),
      ("gpuCount", .optional(plan.minimum) { .int($0.gpus) }),
      ("checkedGPUs", .optional(plan.checked) { .int($0.gpus) }),
      ("searchLimit", .int(plan.searchLimit)),
      ("fits", .bool(plan.fits)),
      ("layout", .optional(headline) { layoutJSON($0.layout) }),
      ("stageLayers", .optional(headline) { .array($0.stageLayers.map(JSON.int)) }),
      ("perGPU", .optional(headline) { memoryJSON($0.memory) }),
      ("recommended", .optional(plan.recommended) { recommendedJSON($0) }),
      (
        "launch",
        .optional(emit.flatMap { plan.layouts?.launchCommand($0) }) {
          LayoutsReport.launchJSON($0)
        }
      ),
      ("remedies", .array(plan.remedies.map(remedyJSON))),
      ("options", .array(plan.options.map(optionJSON))),
    ])
  }

  static func recommendedJSON(_ candidate: LayoutCandidate) -> JSON {
    let evaluation = candidate.evaluation!
    return .object([
      ("layout", layoutJSON(candidate.layout)),
      ("stageLayers", .array(evaluation.placement.stageLayers.map(JSON.int))),
      ("msPerOutputToken", .number(evaluation.step.cycleSeconds * 1e3, decimals: 3)),
      ("outputTokensPerSecond", .number(evaluation.step.tokensPerSecond, decimals: 1)),
    ])
  }

  static func layoutJSON(_ layout: Layout) -> JSON {
    .object([
      ("tp", .int(layout.tp)), ("pp", .int(layout.pp)), ("dp", .int(layout.dp)),
      ("ep", .int(layout.ep)),
    ])
  }

  static func memoryJSON(_ memory: MemoryBreakdown) -> JSON {
    .object([
      ("weightsBytes", .bytes(memory.weights.bytes)),
      ("kvCacheBytes", .bytes(memory.kvCache.bytes)),
      ("activationBytes", .bytes(memory.activation.bytes)),
      ("overheadBytes", .bytes(memory.overhead.bytes)),
      ("totalBytes", .bytes(memory.total)),
      ("capacityBytes", .bytes(memory.capacity.bytes)),
      ("headroomBytes", .bytes(memory.headroom)),
      (
        "rules",
        .object([
          ("weights", .string(memory.weights.rule)),
          ("kvCache", .string(memory.kvCache.rule)),
          ("activation", .string(memory.activation.rule)),
          ("overhead", .string(memory.overhead.rule)),
          ("capacity", .string(memory.capacity.rule)),
        ])
      ),
    ])
  }

  static func remedyJSON(_ remedy: FitPlan.Remedy) -> JSON {
    switch remedy {
    case .moreGPUs(let gpus, let layout):
      .object([("kind", .string("gpus")), ("value", .int(gpus)), ("layout", layoutJSON(layout))])
    case .precision(let precision):
      .object([("kind", .string("precision")), ("value", .string(precision.id))])
    case .context(let context): .object([("kind", .string("context")), ("value", .int(context))])
    case .batch(let batch): .object([("kind", .string("batch")), ("value", .int(batch))])
    }
  }

  static func optionJSON(_ option: FitPlan.Option) -> JSON {
    .object([
      ("gpus", .int(option.gpus)),
      ("layout", .optional(option.placement) { layoutJSON($0.layout) }),
      ("totalBytes", .optional(option.placement) { .bytes($0.memory.total) }),
      ("capacityBytes", .optional(option.placement) { .bytes($0.memory.capacity.bytes) }),
      ("fits", .bool(option.fits)),
      ("rejectedReason", .optional(option.rejection) { .string($0) }),
    ])
  }

  // MARK: CSV

  static let csvHeader = [
    "model", "gpu", "precision", "kv_precision", "context", "batch", "method", "parameter_count",
    "gpu_count", "checked_gpus", "fits", "tp", "pp", "dp", "ep", "weights_bytes", "kv_cache_bytes",
    "activation_bytes", "overhead_bytes", "total_bytes", "capacity_bytes",
  ]

  static func csv(_ plan: FitPlan) -> String {
    let request = plan.request
    var csv = CSV(header: csvHeader)
    let placement = plan.headline?.placement
    let memory = placement?.memory
    func bytes(_ value: Bytes?) -> String { value.map { String($0.rounded) } ?? "" }
    csv.append([
      request.model.id, request.gpu.id, request.precision.id, request.kvPrecision.id,
      String(request.context), String(request.batch), request.method.rawValue,
      String(request.model.parameters.total), plan.minimum.map { String($0.gpus) } ?? "",
      plan.checked.map { String($0.gpus) } ?? "", plan.fits ? "true" : "false",
      placement.map { String($0.layout.tp) } ?? "", placement.map { String($0.layout.pp) } ?? "",
      placement.map { String($0.layout.dp) } ?? "", placement.map { String($0.layout.ep) } ?? "",
      bytes(memory?.weights.bytes), bytes(memory?.kvCache.bytes), bytes(memory?.activation.bytes),
      bytes(memory?.overhead.bytes), bytes(memory?.total), bytes(memory?.capacity.bytes),
    ])
    return csv.rendered()
  }
}
