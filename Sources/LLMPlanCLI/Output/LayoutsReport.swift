import LLMPlanKit

/// Renders a ``LayoutTable``: a ranked table, JSON (schema 1) and CSV.
struct LayoutsReport: Report {
  let plan: LayoutTable
  var plannedModel: ModelSpec? { deployment.model }

  var request: LayoutsRequest { plan.request }
  var deployment: Deployment { plan.request.deployment }

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
    let deployment = query.deployment
    return
      "concurrency: what the KV cache holds, at most \(Format.integer(deployment.maxSequences)) per group (\(deployment.engine.engine.displayName) cap)"
  }

  static func linkText(_ topology: Topology, tp: Int) -> String {
    let link = topology.link(forGroupOf: tp)
    return
      "\(link.name), \(Format.number(link.bytesPerSecond / 1e9, maxDecimals: 0)) GB/s per direction"
  }

  // MARK: table

  func table(_ style: OutputStyle) -> String {
    plan.search.map { ranked($0, paint: style.paint, width: style.width) }
      ?? deployment.nothingFits(upTo: plan.searchLimit)
      + "; give --gpus N to see why each is short.\n"
  }

  /// The header, the ranked layouts, the rejected ones and the launch line.
  func ranked(_ search: LayoutSearch, paint: Paint, width: Int) -> String {
    let query = search.query
    let topology = deployment.topology
    var out =
      "\(deployment.title(gpus: query.gpus)), \(topology.gpusPerNode) per node; TP links: \(Self.linkText(topology, tp: topology.maxTensorParallel))\n"
    out +=
      "\(deployment.formats), context \(Format.integer(query.context)) tokens, \(Self.concurrencyText(query))\n"
    out +=
      "ranked by \(query.objective.summary); speeds are a decode-step roofline at \(query.efficiency.summary(moe: query.deployment.model.moe != nil)); GiB = 2^30 bytes\n\n"
    let evaluated = search.candidates.filter { $0.evaluation != nil }
    if let best = search.recommended, let evaluation = best.evaluation {
      out +=
        paint.green("Recommended: \(best.layout)") + " — "
        + "\(Format.fixed(evaluation.step.tokensPerSecondPerGPU, 1, grouped: true)) tokens/s per GPU, \(Format.fixed(evaluation.step.cycleSeconds * 1e3, 2)) ms per output token, \(Format.integer(evaluation.sequencesPerGroup * best.layout.attentionGroups)) sequences running.\n"
      out += Self.stageLines(evaluation)
    } else {
      out +=
        paint.red("No layout of \(query.gpus) × \(deployment.gpu.id) fits")
        + (evaluated.isEmpty ? "; every layout is rejected." : "; the closest is listed first.")
        + "\n"
    }
    if !evaluated.isEmpty { out += "\n" + Self.rows(evaluated, width: width) }
    out += Self.rejected(search)
    if let launch = plan.launch { out += "\n" + launch.block(width: width) }
    return out
  }

  static func stageLines(_ evaluation: LayoutEvaluation) -> String {
    let placement = evaluation.placement
    guard placement.layout.pp > 1 else { return "" }
    let memory = placement.stageMemory.map { Format.fixed($0.total.gibibytes, 2) }
    return
      "  stages: \(stagesText(placement.stageLayers)) layers; per GPU \(memory.joined(separator: " / ")) GiB\n"
  }

  /// What a narrow terminal keeps longest: the ranking figures, then memory; the Amdahl and
  /// traffic columns go first.
  static let columnPriorities = [
    "layout": 9, "tok/s/GPU": 3, "ms/token": 3, "$/M tok": 2, "headroom": 2, "GiB/GPU": 1,
    "running": 1, "comm/token": -1, "serial": -1, "speedup": -1,
  ]

  static func rows(_ candidates: [LayoutCandidate], width: Int) -> String {
    var table = TextTable(
      [
        ("rank", .right), ("layout", .left), ("stages", .left), ("GiB/GPU", .right),
        ("headroom", .right), ("max seqs", .right), ("running", .right), ("ms/token", .right),
        ("tok/s/GPU", .right), ("$/M tok", .right), ("comm/token", .right), ("serial", .right),
        ("speedup", .right),
      ], priorities: Self.columnPriorities)
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
    return table.render(width: width)
      + "max seqs: sequences of the full context the KV cache holds; running: sequences in the step; serial: Amdahl's 1 − p derived from the step against one ideal GPU\n"
  }

  /// Rejected layouts, one line each, at most 12 (JSON and CSV list all).
  static func rejected(_ search: LayoutSearch) -> String {
    let rejected = search.candidates.compactMap { candidate in
      candidate.rejection.map { (candidate.layout, $0) }
    }
    guard !rejected.isEmpty else { return "" }
    var out = "\nRejected (\(rejected.count)):\n"
    for (layout, rejection) in rejected.prefix(12) {
      out += "  \(layout): \(rejection.text)\n"
    }
    if rejected.count > 12 {
      out += "  … and \(rejected.count - 12) more (--format json or csv lists every one)\n"
    }
    return out
  }

  // MARK: JSON

  func json() -> JSON {
    let search = plan.search
    let query = search?.query
    return .object([
      ("schemaVersion", .int(1)),
      ("model", .string(deployment.model.id)),
      ("gpu", .string(deployment.gpu.id)),
      ("gpus", .optional(query) { .int($0.gpus) }),
      ("gpusPerNode", .int(deployment.topology.gpusPerNode)),
      ("precision", .string(deployment.precision.id)),
      ("kvPrecision", .string(deployment.kvPrecision.id)),
      ("context", .int(request.context)),
      ("concurrency", .optional(request.concurrency) { .int($0) }),
      ("engine", .string(deployment.engine.engine.rawValue)),
      ("engineProfile", deployment.engine.profileJSON),
      ("optimize", .string(request.objective.rawValue)),
      ("efficiency", .optional(query) { $0.efficiency.json() }),
      (
        "pricePerGPUHour",
        .optional(request.pricePerHour ?? deployment.gpu.pricePerHour) { .number($0, decimals: 4) }
      ),
      ("verdict", plan.verdict.json),
      ("recommended", .optional(search?.recommended) { $0.layout.json }),
      ("launch", .optional(plan.launch) { $0.json }),
      ("layouts", .array((search?.candidates ?? []).map(Self.candidateJSON))),
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
      ("memory", .optional(evaluation) { $0.placement.memory.json }),
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
      ("rejectedReason", .optional(candidate.rejection) { .string($0.text) }),
      ("rejectionCode", .optional(candidate.rejection) { .string($0.code) }),
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

  func csv() -> String {
    var csv = CSV(header: Self.csvHeader)
    guard let search = plan.search else {
      let none = plan.verdict
      csv.append(
        [deployment.model.id, deployment.gpu.id, "", String(request.context)]
          + [CSV.cell(request.concurrency)] + Array(repeating: "", count: 5) + ["false"]
          + Array(repeating: "", count: 12) + [Self.verdictReason(none)])
      return csv.rendered()
    }
    let query = search.query
    for candidate in search.candidates {
      let layout = candidate.layout
      let evaluation = candidate.evaluation
      let step = evaluation?.step
      csv.append([
        deployment.model.id, deployment.gpu.id, String(query.gpus), String(query.context),
        CSV.cell(query.concurrency), CSV.cell(candidate.rank),
        String(layout.tp), String(layout.pp), String(layout.dp), String(layout.ep),
        CSV.cell(candidate.fits),
        CSV.cell(evaluation?.placement.memory.total),
        CSV.cell(evaluation?.placement.memory.headroom),
        evaluation.map { CSV.list($0.placement.stageLayers) } ?? "",
        CSV.cell(evaluation?.maxConcurrency, decimals: 2),
        CSV.cell(evaluation.map { $0.sequencesPerGroup * layout.attentionGroups }),
        CSV.cell(step.map { $0.cycleSeconds * 1e3 }, decimals: 3),
        CSV.cell(step?.tokensPerSecond, decimals: 1),
        CSV.cell(step?.tokensPerSecondPerGPU, decimals: 1),
        CSV.cell(evaluation?.costPerMillionTokens, decimals: 4),
        CSV.cell(step?.communicationBytesPerToken, decimals: 0),
        CSV.cell(step?.serialFraction, decimals: 4), CSV.cell(step?.speedup, decimals: 3),
        candidate.rejection?.text ?? "",
      ])
    }
    return csv.rendered()
  }

  /// Why nothing was laid out, for the CSV's reason column.
  static func verdictReason(_ verdict: Verdict) -> String {
    if case .impossible(let reasons, _) = verdict {
      return reasons.map(\.text).joined(separator: "; ")
    }
    return ""
  }
}
