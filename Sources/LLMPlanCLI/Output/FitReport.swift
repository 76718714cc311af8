import LLMPlanKit

/// Renders a ``FitPlan`` as a table for people, JSON for programs and CSV for spreadsheets.
struct FitReport: Report {
  let plan: FitPlan
  /// With --rate and targets: the cheapest layout that meets them.
  var sizing: TrafficSizing? = nil
  /// With requirements (`--min-headroom`, `--max-tpot-ms`, …): each against its figure.
  var requirements: RequirementCheck? = nil
  /// The answer's verdict, requirements and traffic targets included.
  var verdict: Verdict? = nil
  /// With `--round-to` or `--replicas-headroom`: what is rented.
  var procurement: Procurement? = nil
  var plannedModel: ModelSpec? { plan.deployment.model }

  var deployment: Deployment { plan.deployment }
  var workload: Workload { plan.workload }

  static func layoutText(_ layout: Layout) -> String { "TP\(layout.tp) × PP\(layout.pp)" }

  var description: String {
    let rules =
      deployment.method == .detailed
      ? "detailed, \(deployment.engine.label) memory rules"
      : "rule-of-thumb (M = P · 4 B / (32 / Q) · 1.2)"
    let precision = deployment.precision
    return
      "\(precision.id) weights (\(Format.bits(precision.bits)) bits\(deployment.computeNote.map { "; \($0)" } ?? "")), \(deployment.kvText), context \(Format.integer(workload.context)) tokens, batch \(Format.integer(workload.sequences)), method \(rules)"
  }

  // MARK: table

  func table(_ style: OutputStyle) -> String {
    var out = deployment.title() + "\n"
    out += description + "\n"
    out += "\(Format.integer(deployment.parameters.total)) parameters; GiB = 2^30 bytes\n\n"
    out += verdict(paint: style.paint) + "\n"
    out += recommendation
    out += suggestionText
    if let requirements { out += requirements.text(paint: style.paint) }
    if let procurement { out += Self.procurementText(procurement, gpu: deployment.gpu) }
    if let placement = plan.headline?.placement {
      out += "\n" + MemoryTable.breakdown(placement, width: style.width)
    }
    out += "\n" + options(width: style.width)
    if let sizing { out += "\n" + Self.sizingText(sizing, style: style) }
    if let launch = plan.launch {
      out += "\n" + launch.block(width: style.width)
    } else if plan.request.emit {
      out += "\nNo launch command: nothing fits.\n"
    }
    return out
  }

  /// "Suggested: 8 × h100 as TP8 …": what serves the most tokens per GPU up to one server.
  var suggestionText: String {
    guard let suggestion = plan.suggestion else { return "" }
    let gpu = deployment.gpu.id
    let best = suggestion.suggested
    let minimum = suggestion.minimum
    func describe(_ choice: DeploymentSuggestion.Choice) -> String {
      "\(choice.gpus) × \(gpu) as \(choice.layout), \(Format.fixed(choice.tokensPerSecondPerGPU, 0, grouped: true)) tokens/s per GPU at \(Format.integer(choice.sequencesPerGroup)) sequences per group, \(Format.fixed(choice.msPerOutputToken, 1)) ms per output token"
    }
    var out = ""
    if best.gpus != minimum.gpus || best.layout != minimum.layout {
      let gain = best.tokensPerSecondPerGPU / max(minimum.tokensPerSecondPerGPU, 1e-9)
      out +=
        "Suggested for serving: \(describe(best)) — \(Format.fixed(gain, 1))× the tokens/s per GPU of \(minimum.gpus) × \(gpu) as \(minimum.layout) (KV-cache-full decode steps, up to one server).\n"
    }
    if let fp8 = suggestion.fp8 {
      out += "With fp8 weights: \(describe(fp8)).\n"
    }
    return out
  }

  /// The best layout of the headline count by throughput per GPU, and how many were ranked.
  var recommendation: String {
    guard let search = plan.layouts, let best = search.recommended,
      let evaluation = best.evaluation
    else { return "" }
    let step = evaluation.step
    let count = search.fitting.count
    return
      "Recommended layout: \(best.layout) — \(Format.fixed(step.cycleSeconds * 1e3, 2)) ms per output token, \(Format.fixed(step.tokensPerSecond, 1, grouped: true)) tokens/s at batch \(Format.integer(workload.sequences)) (best of \(count) layout\(count == 1 ? "" : "s") that fit by throughput per GPU; 'llmplan layouts' ranks them).\n"
  }

  func verdict(paint: Paint) -> String {
    let gpu = deployment.gpu.id
    var lines: [String] = []
    if let checked = plan.checked {
      if checked.fits, let placement = checked.placement {
        lines.append(
          paint.green("Fits on \(checked.gpus) × \(gpu)")
            + ": \(Self.layoutText(placement.layout)), \(Format.gib(placement.memory.headroom)) headroom per GPU."
        )
      } else if let placement = checked.placement {
        lines.append(
          paint.red("Does not fit on \(checked.gpus) × \(gpu)")
            + ": \(Self.layoutText(placement.layout)) needs \(Format.gib(placement.memory.total)) per GPU, capacity \(Format.gib(placement.memory.capacity.bytes)), short by \(Format.gib(Bytes.zero - placement.memory.headroom))."
        )
      } else {
        lines.append(
          paint.red("Does not fit on \(checked.gpus) × \(gpu)")
            + ": \(checked.rejection?.text ?? "no layout").")
      }
      if let minimum = plan.minimum, minimum.gpus != checked.gpus, let placement = minimum.placement
      {
        lines.append(
          "Minimum that fits: \(minimum.gpus) GPUs, \(Self.layoutText(placement.layout)).")
      }
    } else if let minimum = plan.minimum, let placement = minimum.placement {
      let stages =
        placement.layout.pp > 1
        ? " (stages of \(placement.stageLayers.map(String.init).joined(separator: ", ")) layers)"
        : ""
      lines.append(
        paint.green("Fits on \(minimum.gpus) × \(gpu)")
          + ": \(Self.layoutText(placement.layout))\(stages), \(Format.gib(placement.memory.headroom)) headroom per GPU."
      )
    } else {
      lines.append(
        paint.red(
          "Does not fit on any layout of up to \(Format.integer(plan.searchLimit)) × \(gpu)")
          + ".")
    }
    if !plan.remedies.isEmpty {
      lines.append(
        "Would fit: " + plan.remedies.map(remedyText).joined(separator: "; or ") + ".")
    }
    if let offloadText { lines.append(offloadText) }
    return lines.joined(separator: "\n")
  }

  func remedyText(_ remedy: Remedy) -> String {
    let count = plan.checked?.gpus ?? plan.searchLimit
    let gpus = count == 1 ? "1 GPU" : "\(Format.integer(count)) GPUs"
    switch remedy {
    case .moreGPUs(let gpus, let layout): return "\(gpus) GPUs (\(Self.layoutText(layout)))"
    case .precision(let precision): return "--precision \(precision.id) on \(gpus)"
    case .context(let context): return "--context \(context) or less on \(gpus)"
    case .batch(let batch): return "--batch \(batch) or less on \(gpus)"
    }
  }

  /// llama.cpp's partial offload of the count that does not fit.
  var offloadText: String? {
    guard let offload = plan.offload else { return nil }
    return
      "With llama.cpp's partial offload on \(offload.gpus) × \(deployment.gpu.id): -ngl \(offload.gpuLayers) keeps \(offload.gpuLayers) of \(offload.totalLayers) layers on the GPU\(offload.gpus == 1 ? "" : "s") (\(Format.gib(offload.memory.total)) of \(Format.gib(offload.memory.capacity.bytes)) per GPU); \(Format.gib(offload.hostBytes)) (\(Format.gb(offload.hostBytes))) of weights and KV cache stay in host RAM and run on the CPU, so decoding slows to the host's memory bandwidth."
  }

  static func offloadJSON(_ offload: PartialOffload) -> JSON {
    .object([
      ("gpus", .int(offload.gpus)), ("gpuLayers", .int(offload.gpuLayers)),
      ("totalLayers", .int(offload.totalLayers)),
      ("stageLayers", .array(offload.stageLayers.map(JSON.int))),
      ("perGPU", offload.memory.json), ("hostWeightsBytes", .bytes(offload.hostWeights)),
      ("hostKVCacheBytes", .bytes(offload.hostKV)),
    ])
  }

  func options(width: Int) -> String {
    var table = TextTable([
      ("GPUs", .right), ("layout", .left), ("per GPU GiB", .right), ("capacity GiB", .right),
      ("headroom GiB", .right), ("fits", .left),
    ])
    for option in plan.options {
      guard let placement = option.placement else {
        table.append([
          "\(option.gpus)", "-", "-", "-", "-", "no: \(option.rejection?.text ?? "no layout")",
        ])
        continue
      }
      let memory = placement.memory
      table.append([
        "\(option.gpus)", Self.layoutText(placement.layout),
        Format.fixed(memory.total.gibibytes, 2, grouped: true),
        Format.fixed(memory.capacity.bytes.gibibytes, 2, grouped: true),
        Format.fixed(memory.headroom.gibibytes, 2, grouped: true), memory.fits ? "yes" : "no",
      ])
    }
    return table.render(width: width)
  }

  // MARK: JSON

  func json() -> JSON {
    let headline = plan.headline?.placement
    return .object(
      deployment.jsonIdentity + [
        ("context", .int(workload.context)),
        ("batch", .int(workload.sequences)),
        ("method", .string(deployment.method.rawValue)),
        (
          "engine",
          deployment.method == .detailed ? .string(deployment.engine.engine.rawValue) : .null
        ),
        (
          "engineProfile",
          deployment.method == .detailed ? deployment.engine.profileJSON : .null
        ),
        ("parameterCount", .int(deployment.parameters.total)),
        ("gpuCount", .optional(plan.minimum) { .int($0.gpus) }),
        ("checkedGPUs", .optional(plan.checked) { .int($0.gpus) }),
        ("searchLimit", .int(plan.searchLimit)),
        ("fits", .bool(plan.verdict.fits)),
        ("verdict", (verdict ?? plan.verdict).json),
        ("requirements", .optional(requirements) { $0.json }),
        ("procurement", .optional(procurement, Self.procurementJSON)),
        ("layout", .optional(headline) { $0.layout.json }),
        ("stageLayers", .optional(headline) { .array($0.stageLayers.map(JSON.int)) }),
        ("perGPU", .optional(headline) { $0.memory.json }),
        ("recommended", .optional(plan.recommended) { Self.recommendedJSON($0) }),
        ("suggested", .optional(plan.suggestion, Self.suggestionJSON)),
        ("partialOffload", .optional(plan.offload, Self.offloadJSON)),
        ("traffic", .optional(sizing, Self.sizingJSON)),
        ("launch", .optional(plan.launch) { $0.json }),
        ("remedies", .array(plan.remedies.map(Self.remedyJSON))),
        ("options", .array(plan.options.map(Self.optionJSON))),
      ])
  }

  static func recommendedJSON(_ candidate: LayoutCandidate) -> JSON {
    guard let evaluation = candidate.evaluation else { return .null }
    return .object([
      ("layout", candidate.layout.json),
      ("stageLayers", .array(evaluation.placement.stageLayers.map(JSON.int))),
      ("msPerOutputToken", .number(evaluation.step.cycleSeconds * 1e3, decimals: 3)),
      ("outputTokensPerSecond", .number(evaluation.step.tokensPerSecond, decimals: 1)),
    ])
  }

  static func remedyJSON(_ remedy: Remedy) -> JSON {
    switch remedy {
    case .moreGPUs(let gpus, let layout):
      .object([("kind", .string(remedy.code)), ("value", .int(gpus)), ("layout", layout.json)])
    case .precision(let precision):
      .object([("kind", .string(remedy.code)), ("value", .string(precision.id))])
    case .context(let value), .batch(let value):
      .object([("kind", .string(remedy.code)), ("value", .int(value))])
    }
  }

  static func optionJSON(_ option: FitPlan.Option) -> JSON {
    .object([
      ("gpus", .int(option.gpus)),
      ("layout", .optional(option.placement) { $0.layout.json }),
      ("totalBytes", .optional(option.placement) { .bytes($0.memory.total) }),
      ("capacityBytes", .optional(option.placement) { .bytes($0.memory.capacity.bytes) }),
      ("fits", .bool(option.fits)),
      ("rejectedReason", .optional(option.rejection) { .string($0.text) }),
      ("rejectionCode", .optional(option.rejection) { .string($0.code) }),
    ])
  }

  // MARK: CSV

  static let csvHeader = [
    "model", "gpu", "precision", "kv_precision", "context", "batch", "method", "parameter_count",
    "gpu_count", "checked_gpus", "fits", "tp", "pp", "dp", "ep", "weights_bytes", "kv_cache_bytes",
    "activation_bytes", "overhead_bytes", "total_bytes", "capacity_bytes",
  ]

  func csv() -> String {
    var csv = CSV(header: Self.csvHeader)
    let placement = plan.headline?.placement
    let memory = placement?.memory
    let layout = placement?.layout
    csv.append([
      deployment.model.id, deployment.gpu.id, deployment.precision.id, deployment.kvPrecision.id,
      String(workload.context), String(workload.sequences), deployment.method.rawValue,
      String(deployment.parameters.total), CSV.cell(plan.minimum?.gpus),
      CSV.cell(plan.checked?.gpus), CSV.cell(plan.verdict.fits), CSV.cell(layout?.tp),
      CSV.cell(layout?.pp), CSV.cell(layout?.dp), CSV.cell(layout?.ep),
      CSV.cell(memory?.weights.bytes), CSV.cell(memory?.kvCache.bytes),
      CSV.cell(memory?.activation.bytes), CSV.cell(memory?.overhead.bytes),
      CSV.cell(memory?.total), CSV.cell(memory?.capacity.bytes),
    ])
    return csv.rendered()
  }
}

/// A stage's per-GPU memory, term by term with its rule.
enum MemoryTable {
  static func breakdown(_ placement: Placement, width: Int) -> String {
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
    row("weights", memory.weights.bytes, memory.weights.rule.text)
    row("KV cache", memory.kvCache.bytes, memory.kvCache.rule.text)
    row("activations", memory.activation.bytes, memory.activation.rule.text)
    row("overhead", memory.overhead.bytes, memory.overhead.rule.text)
    row("total", memory.total, "")
    row("capacity", memory.capacity.bytes, memory.capacity.rule.text)
    row("headroom", memory.headroom, memory.fits ? "fits" : "does not fit")
    return table.render(width: width)
  }
}

extension FitReport {
  /// "Sized for 20 requests/s …: 8 × h100 as TP4 × PP1 × DP2", the targets with their margins,
  /// the alternatives and every candidate tried.
  static func sizingText(_ sizing: TrafficSizing, style: OutputStyle) -> String {
    let request = sizing.request
    let gpu = request.deployment.gpu.id
    let rate =
      request.rate.map { "\(Format.number($0, maxDecimals: 3)) requests/s" } ?? "all at once"
    let targets = request.targets.map {
      "\($0.metric.label) p\($0.percentile) ≤ \(ServeReport.ms($0.seconds)) ms"
    }.joined(separator: ", ")
    var out =
      "Sized for \(rate) of \(Format.integer(request.shape.input)) tokens in, \(Format.integer(request.shape.output)) out (\(Format.integer(request.requests)) simulated requests), \(targets):\n"
    if let best = sizing.best {
      out +=
        style.paint.green("  \(best.gpus) × \(gpu) as \(best.layout)")
        + ": " + resultsText(best) + "\n"
      for alternative in sizing.alternatives {
        out +=
          "  or \(alternative.gpus) × \(gpu) as \(alternative.layout): \(resultsText(alternative))\n"
      }
    } else if let closest = sizing.closest {
      out +=
        style.paint.red("  nothing up to \(Format.integer(request.maxGPUs)) × \(gpu) meets them")
        + "; closest: \(closest.gpus) × \(gpu) as \(closest.layout): \(resultsText(closest))\n"
    } else {
      out +=
        style.paint.red(
          "  no layout of up to \(Format.integer(request.maxGPUs)) × \(gpu) holds a request") + "\n"
    }
    var table = TextTable([
      ("GPUs", .right), ("layout", .left), ("TTFT p99 ms", .right), ("TPOT p99 ms", .right),
      ("out tok/s", .right), ("meets", .left),
    ])
    let sorted = sizing.candidates.sorted {
      ($0.gpus, $0.layout.tp, $0.layout.pp) < ($1.gpus, $1.layout.tp, $1.layout.pp)
    }
    // The cheaper candidates that failed and those at the answer's count: why it is the answer.
    let limit = sizing.best?.gpus ?? Int.max
    let shown = Array(sorted.filter { $0.gpus <= limit }.suffix(15))
    for candidate in shown {
      let plan = candidate.plan
      table.append([
        Format.integer(candidate.gpus), candidate.layout.description,
        ServeReport.ms(plan.ttft.p99), ServeReport.ms(plan.tpot.p99),
        Format.fixed(plan.outputTokensPerSecond, 0, grouped: true),
        candidate.meets ? "yes" : "no",
      ])
    }
    out += "\ncandidates simulated ('llmplan serve' on each):\n" + table.render(width: style.width)
    if shown.count < sorted.count {
      out += "(\(sorted.count - shown.count) more candidates in --format json)\n"
    }
    return out
  }

  /// "TTFT p99 1,234.5 ms (margin 765.5 ms), …".
  static func resultsText(_ candidate: TrafficSizing.Candidate) -> String {
    candidate.plan.targetResults.map { result in
      let margin = result.target.seconds - result.value
      return
        "\(result.target.metric.label) p\(result.target.percentile) \(ServeReport.ms(result.value)) ms ("
        + (margin >= 0
          ? "margin \(ServeReport.ms(margin)) ms" : "misses by \(ServeReport.ms(-margin)) ms")
        + ")"
    }.joined(separator: ", ")
  }

  static func candidateJSON(_ candidate: TrafficSizing.Candidate) -> JSON {
    .object([
      ("gpus", .int(candidate.gpus)), ("layout", candidate.layout.json),
      ("meets", .bool(candidate.meets)),
      ("targets", .array(candidate.plan.targetResults.map(\.json))),
      ("outputTokensPerSecond", .number(candidate.plan.outputTokensPerSecond, decimals: 2)),
    ])
  }

  static func sizingJSON(_ sizing: TrafficSizing) -> JSON {
    .object([
      ("rate", sizing.request.rate.map { .number($0, decimals: 6) } ?? .string("inf")),
      ("inputTokens", .int(sizing.request.shape.input)),
      ("outputTokens", .int(sizing.request.shape.output)),
      ("requests", .int(sizing.request.requests)),
      ("maxGPUs", .int(sizing.request.maxGPUs)),
      ("best", .optional(sizing.best, candidateJSON)),
      ("alternatives", .array(sizing.alternatives.map(candidateJSON))),
      ("closest", .optional(sizing.closest, candidateJSON)),
      ("candidates", .array(sizing.candidates.map(candidateJSON))),
      ("verdict", sizing.verdict.json),
    ])
  }
}

extension FitReport {
  static func choiceJSON(_ choice: DeploymentSuggestion.Choice) -> JSON {
    .object([
      ("gpus", .int(choice.gpus)), ("precision", .string(choice.precision.id)),
      ("layout", choice.layout.json), ("sequencesPerGroup", .int(choice.sequencesPerGroup)),
      ("outputTokensPerSecondPerGPU", .number(choice.tokensPerSecondPerGPU, decimals: 1)),
      ("msPerOutputToken", .number(choice.msPerOutputToken, decimals: 3)),
    ])
  }

  static func suggestionJSON(_ suggestion: DeploymentSuggestion) -> JSON {
    .object([
      ("suggested", choiceJSON(suggestion.suggested)),
      ("minimum", choiceJSON(suggestion.minimum)),
      ("fp8", .optional(suggestion.fp8, choiceJSON)),
    ])
  }
}
