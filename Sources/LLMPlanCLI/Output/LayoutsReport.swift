import LLMPlanKit

/// Renders a ``LayoutSearch``: a ranked table, JSON (schema 1) and CSV.
enum LayoutsReport {
  static func stagesText(_ layers: [Int]) -> String {
    layers.map(String.init).joined(separator: "/")
  }

  /// Bytes per token in KB (10³) or MB (10⁶), whichever reads better.
  static func perToken(_ bytes: Double) -> String {
    if bytes == 0 { return "0 B" }
    return bytes >= 1e6
      ? Format.fixed(bytes / 1e6, 2) + " MB" : Format.fixed(bytes / 1e3, 1) + " KB"
  }

  static func concurrencyText(_ query: LayoutQuery) -> String {
    if let concurrency = query.concurrency {
      return "concurrency \(Format.integer(concurrency)) sequences in all"
    }
    return
      "concurrency: what the KV cache holds, at most \(query.request.engine.maxRunningSequences) per group (\(query.request.engine.engine.displayName) cap)"
  }

  static func linkText(_ topology: Topology, tp: Int) -> String {
    let link = topology.link(forGroupOf: tp)
    return
      "\(link.name), \(Format.number(link.bytesPerSecond / 1e9, maxDecimals: 0)) GB/s per direction"
  }

  // MARK: table

  static func table(_ search: LayoutSearch, emit: Engine?, paint: Paint) -> String {
    let query = search.query
    let request = query.request
    let topology = query.topology
    var out =
      "\(request.model.name) on \(query.gpus) × \(request.gpu.name) (\(request.gpu.id)), \(topology.gpusPerNode) per node; TP links: \(linkText(topology, tp: topology.maxTensorParallel))\n"
    out +=
      "\(request.precision.id) weights, \(request.kvPrecision.id) KV cache, context \(Format.integer(request.context)) tokens, \(concurrencyText(query))\n"
    out +=
      "ranked by \(query.objective.summary); speeds are a decode-step roofline at \(query.efficiency.summary); GiB = 2^30 bytes\n\n"
    let evaluated = search.candidates.filter { $0.evaluation != nil }
    if let best = search.recommended, let evaluation = best.evaluation {
      out +=
        paint.green("Recommended: \(best.layout)") + " — "
        + "\(Format.fixed(evaluation.step.tokensPerSecondPerGPU, 1, grouped: true)) tokens/s per GPU, \(Format.fixed(evaluation.step.cycleSeconds * 1e3, 2)) ms per output token, \(Format.integer(evaluation.sequencesPerGroup * best.layout.attentionGroups)) sequences running.\n"
      out += stageLines(evaluation)
    } else {
      out +=
        paint.red("No layout of \(query.gpus) × \(request.gpu.id) fits")
        + (evaluated.isEmpty ? "; every layout is rejected." : "; the closest is listed first.")
        + "\n"
    }
    if !evaluated.isEmpty { out += "\n" + rows(evaluated, query: query) }
    out += rejected(search)
    if let emit, search.recommended != nil { out += "\n" + launch(emit, search: search) }
    return out
  }

  static func stageLines(_ evaluation: LayoutEvaluation) -> String {
    let placement = evaluation.placement
    guard placement.layout.pp > 1 else { return "" }
    let memory = placement.stageMemory.map { Format.fixed($0.total.gibibytes, 2) }
    return
      "  stages: \(stagesText(placement.stageLayers)) layers; per GPU \(memory.joined(separator: " / ")) GiB\n"
  }

  static func rows(_ candidates: [LayoutCandidate], query: LayoutQuery) -> String {
    var table = TextTable([
      ("rank", .right), ("layout", .left), ("stages", .left), ("GiB/GPU", .right),
      ("headroom", .right), ("max seqs", .right), ("running", .right), ("ms/token", .right),
      ("tok/s/GPU", .right), ("$/M tok", .right), ("comm/token", .right), ("serial", .right),
      ("speedup", .right),
    ])
    for candidate in candidates {
      guard let evaluation = candidate.evaluation else { continue }
      let memory = evaluation.placement.memory
      let step = evaluation.step
      table.append([
        candidate.rank.map(String.init) ?? "-", candidate.layout.description,
        stagesText(evaluation.placement.stageLayers),
        Format.fixed(memory.total.gibibytes, 2, grouped: true),
        evaluation.fits
          ? Format.fixed(memory.headroom.gibibytes, 2, grouped: true)
          : "short " + Format.fixed(max(0, -memory.headroom.gibibytes), 2, grouped: true),
        Format.fixed(evaluation.maxConcurrency, 1, grouped: true),
        Format.integer(evaluation.sequencesPerGroup * candidate.layout.attentionGroups),
        Format.fixed(step.cycleSeconds * 1e3, 2),
        Format.fixed(step.tokensPerSecondPerGPU, 1, grouped: true),
        evaluation.costPerMillionTokens.map { Format.fixed($0, 2) } ?? "n/a",
        perToken(step.communicationBytesPerToken),
        Format.fixed(step.serialFraction * 100, 1) + " %",
        Format.fixed(step.speedup, 2) + "×",
      ])
    }
    return table.render()
      + "max seqs: sequences of the full context the KV cache holds; running: sequences in the step; serial: Amdahl's 1 − p derived from the step against one ideal GPU\n"
  }

  /// Rejected layouts, one line each, at most 12 (JSON and CSV list all).
  static func rejected(_ search: LayoutSearch) -> String {
    let rejected = search.candidates.filter { $0.rejectedReason != nil }
    guard !rejected.isEmpty else { return "" }
    var out = "\nRejected (\(rejected.count)):\n"
    for candidate in rejected.prefix(12) {
      out += "  \(candidate.layout): \(candidate.rejectedReason!)\n"
    }
    if rejected.count > 12 {
      out += "  … and \(rejected.count - 12) more (--format json or csv lists every one)\n"
    }
    return out
  }

  /// The launch block for the recommended layout; empty when nothing fits.
  static func launch(_ engine: Engine, search: LayoutSearch) -> String {
    guard let command = search.launchCommand(engine) else { return "" }
    var out = "Launch (\(LaunchCommand.version(of: engine))):\n  \(command.command)\n"
    for note in command.notes { out += "  note: \(note)\n" }
    return out
  }

  // MARK: JSON

  static func json(_ search: LayoutSearch, emit: Engine?) -> JSON {
    let query = search.query
    let request = query.request
    let best = search.recommended
    return .object([
      ("schemaVersion", .int(1)),
      ("model", .string(request.model.id)),
      ("gpu", .string(request.gpu.id)),
      ("gpus", .int(query.gpus)),
      ("gpusPerNode", .int(query.topology.gpusPerNode)),
      ("precision", .string(request.precision.id)),
      ("kvPrecision", .string(request.kvPrecision.id)),
      ("context", .int(request.context)),
      ("concurrency", .optional(query.concurrency) { .int($0) }),
      ("engine", .string(request.engine.engine.rawValue)),
      ("optimize", .string(query.objective.rawValue)),
      (
        "efficiency", PerfReport.efficiencyJSON(query.efficiency)
      ),
      ("pricePerGPUHour", .optional(query.price) { .number($0, decimals: 4) }),
      ("recommended", .optional(best) { FitReport.layoutJSON($0.layout) }),
      ("launch", .optional(emit.flatMap(search.launchCommand)) { launchJSON($0) }),
      ("layouts", .array(search.candidates.map(candidateJSON))),
    ])
  }

  static func launchJSON(_ command: LaunchCommand) -> JSON {
    .object([
      ("engine", .string(command.engine.rawValue)),
      ("version", .string(LaunchCommand.version(of: command.engine))),
      ("command", .string(command.command)),
      ("notes", .array(command.notes.map(JSON.string))),
    ])
  }

  static func candidateJSON(_ candidate: LayoutCandidate) -> JSON {
    let layout = candidate.layout
    let evaluation = candidate.evaluation
    let step = evaluation?.step
    func number(_ value: Double?, _ decimals: Int) -> JSON {
      value.map { .number($0, decimals: decimals) } ?? .null
    }
    return .object([
      ("tp", .int(layout.tp)), ("pp", .int(layout.pp)), ("dp", .int(layout.dp)),
      ("ep", .int(layout.ep)),
      ("fits", .bool(candidate.fits)),
      ("perGPU", .optional(evaluation) { .bytes($0.placement.memory.total) }),
      ("capacityBytes", .optional(evaluation) { .bytes($0.placement.memory.capacity.bytes) }),
      ("headroomBytes", .optional(evaluation) { .bytes($0.placement.memory.headroom) }),
      ("memory", .optional(evaluation) { FitReport.memoryJSON($0.placement.memory) }),
      ("stageLayers", .optional(evaluation) { .array($0.placement.stageLayers.map(JSON.int)) }),
      (
        "stageBytes",
        .optional(evaluation) { .array($0.placement.stageMemory.map { .bytes($0.total) }) }
      ),
      ("maxConcurrency", number(evaluation?.maxConcurrency, 2)),
      (
        "runningSequences",
        .optional(evaluation) { .int($0.sequencesPerGroup * layout.attentionGroups) }
      ),
      ("msPerOutputToken", number(step.map { $0.cycleSeconds * 1e3 }, 3)),
      ("outputTokensPerSecond", number(step?.tokensPerSecond, 1)),
      ("outputTokensPerSecondPerGPU", number(step?.tokensPerSecondPerGPU, 1)),
      ("costPerMillionOutputTokens", number(evaluation?.costPerMillionTokens, 4)),
      ("communicationBytesPerToken", number(step?.communicationBytesPerToken, 0)),
      ("serialFraction", number(step?.serialFraction, 4)),
      ("speedup", number(step?.speedup, 3)),
      ("rank", .optional(candidate.rank) { .int($0) }),
      ("rejectedReason", .optional(candidate.rejectedReason) { .string($0) }),
    ])
  }

  // MARK: CSV

  static let csvHeader = [
    "model", "gpu", "gpus", "context", "concurrency", "rank", "tp", "pp", "dp", "ep", "fits",
    "per_gpu_bytes", "headroom_bytes", "stage_layers", "max_concurrency", "running_sequences",
    "ms_per_output_token", "output_tokens_per_s", "output_tokens_per_s_per_gpu",
    "cost_per_million_output_tokens", "communication_bytes_per_token", "serial_fraction",
    "speedup", "rejected_reason",
  ]

  static func csv(_ search: LayoutSearch) -> String {
    let query = search.query
    let request = query.request
    var csv = CSV(header: csvHeader)
    for candidate in search.candidates {
      let layout = candidate.layout
      let evaluation = candidate.evaluation
      let step = evaluation?.step
      func number(_ value: Double?, _ decimals: Int) -> String {
        value.map { Format.number($0, maxDecimals: decimals) } ?? ""
      }
      csv.append([
        request.model.id, request.gpu.id, String(query.gpus), String(request.context),
        query.concurrency.map(String.init) ?? "", candidate.rank.map(String.init) ?? "",
        String(layout.tp), String(layout.pp), String(layout.dp), String(layout.ep),
        candidate.fits ? "true" : "false",
        evaluation.map { String($0.placement.memory.total.rounded) } ?? "",
        evaluation.map { String($0.placement.memory.headroom.rounded) } ?? "",
        evaluation.map { stagesText($0.placement.stageLayers) } ?? "",
        number(evaluation?.maxConcurrency, 2),
        evaluation.map { String($0.sequencesPerGroup * layout.attentionGroups) } ?? "",
        number(step.map { $0.cycleSeconds * 1e3 }, 3), number(step?.tokensPerSecond, 1),
        number(step?.tokensPerSecondPerGPU, 1), number(evaluation?.costPerMillionTokens, 4),
        number(step?.communicationBytesPerToken, 0), number(step?.serialFraction, 4),
        number(step?.speedup, 3), candidate.rejectedReason ?? "",
      ])
    }
    return csv.rendered()
  }
}
