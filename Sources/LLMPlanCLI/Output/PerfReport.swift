import LLMPlanKit

/// Renders `perf`: one row per batch size as a table, JSON (schema 1) or CSV.
struct PerfReport: Report {
  let plan: PerfPlan
  /// With requirement options: each against the rows' worst figure.
  var requirements: RequirementCheck? = nil
  /// The answer's verdict, requirements included.
  var verdict: Verdict? = nil
  var plannedModel: ModelSpec? { deployment.model }

  var deployment: Deployment { plan.request.deployment }

  // MARK: table

  func table(_ style: OutputStyle) -> String {
    if let query = plan.query { return estimates(query, paint: style.paint, width: style.width) }
    return deployment.nothingFits(upTo: plan.searchLimit)
      + " at \(Format.integer(plan.request.shape.tokens)) tokens; give --tp to see one anyway.\n"
  }

  /// The header, one row per batch size, and the notes.
  func estimates(_ query: ServingQuery, paint: Paint, width: Int) -> String {
    let layout = query.layout
    var out =
      "\(deployment.title(gpus: layout.gpus)): \(layout); TP links: \(LayoutsReport.linkText(deployment.topology, tp: layout.tp))\n"
    out +=
      "\(deployment.formats), \(deployment.engine.label) memory rules; requests of \(Format.integer(query.shape.input)) tokens in, \(Format.integer(query.shape.output)) out\n"
    out +=
      "efficiency: \(query.efficiency.basis.text) — \(query.efficiency.expected.summary(moe: query.deployment.model.moe != nil))\n\n"
    var table = TextTable(
      [
        ("batch", .right), ("TTFT ms (low–high)", .right), ("TPOT ms (low–high)", .right),
        ("request s", .right), ("out tok/s", .right), ("tok/s/GPU", .right),
        ("$/M out tok", .right), ("GiB/GPU", .right), ("fits", .left),
      ], priorities: ["fits": 3, "TTFT ms (low–high)": 2, "TPOT ms (low–high)": 2, "out tok/s": 1])
    for estimate in plan.estimates {
      let fits = estimate.fits ? paint.green("yes") : paint.red("no")
      table.append([
        Format.integer(estimate.batch),
        PerfReport.range(
          estimate.expected.ttftSeconds, estimate.low.ttftSeconds, estimate.high.ttftSeconds),
        PerfReport.range(
          estimate.expected.tpotSeconds, estimate.low.tpotSeconds, estimate.high.tpotSeconds),
        Format.fixed(estimate.expected.requestLatencySeconds, 2),
        Format.fixed(estimate.outputTokensPerSecond, 0, grouped: true),
        Format.fixed(estimate.outputTokensPerSecondPerGPU, 0, grouped: true),
        estimate.costPerMillionOutputTokens.map { Format.fixed($0, 2) } ?? "-",
        Format.fixed(estimate.placement.memory.total.gibibytes, 1), fits,
      ])
    }
    out += plan.estimates.isEmpty ? "" : table.render(width: width) + "\n"
    if let requirements { out += requirements.text(paint: paint) + "\n" }
    out += notes(query)
    return out
  }

  /// "121.3 (101.2–146.0)": milliseconds with one decimal, three significant for small values.
  static func range(_ expected: Double, _ low: Double, _ high: Double) -> String {
    let decimals = expected < 0.01 ? 2 : 1
    let text = Format.fixed(expected * 1e3, decimals, grouped: true)
    guard high > low else { return text }
    return text
      + " (\(Format.fixed(low * 1e3, decimals, grouped: true))–\(Format.fixed(high * 1e3, decimals, grouped: true)))"
  }

  /// How the steady state's iterations are filled.
  static func pace(_ steady: SteadyState, budget: Int) -> String {
    let budgetText = "budget \(Format.integer(budget)) tokens"
    guard steady.promptsApart > 0 else {
      return
        "each iteration decodes \(Format.integer(steady.decodes)) and prefills \(Format.integer(steady.prefillTokens)) prompt tokens (\(budgetText))"
    }
    return
      "iterations decode \(Format.integer(steady.decodes)); prompts, too long to ride along without chunked prefill, run whole, \(Format.integer(steady.promptsApart)) per iteration of their own (\(budgetText)); TPOT includes their share"
  }

  func notes(_ query: ServingQuery) -> String {
    let shape = query.shape
    let context = shape.input + shape.output / 2
    let gpus =
      "one replica of \(Format.integer(query.replica.gpus)) GPU\(query.replica.gpus == 1 ? "" : "s")"
    var lines: [String] = []
    if plan.estimates.contains(where: { $0.expected.steady == nil }) {
      lines += [
        "batch N: a static batch, its prompts prefilled together (TTFT), then one decode step at \(Format.integer(context)) tokens of context (input + output/2) per token (TPOT).",
        "request = TTFT + \(Format.integer(shape.output - 1)) × TPOT; out tok/s = batch × \(Format.integer(shape.output)) / request, for \(gpus).",
      ]
    }
    if query.efficiency.optimistic != query.efficiency.pessimistic {
      lines.append(
        "low–high: efficiencies scaled by the calibration's spread (see README, \"Calibration\").")
    }
    if let price = query.price {
      let source = query.pricePerHour == nil ? "catalog indicative" : "given"
      lines.append(
        "$ at \(Format.number(price)) USD per GPU-hour (\(source)) × \(Format.integer(query.layout.gpus)) GPUs = \(Format.number(price * Double(query.layout.gpus))) USD/h; $/M at full batches."
      )
    } else {
      lines.append("no price for \(deployment.gpu.id) in the catalog; give --price USD.")
    }
    let model = deployment.model
    if query.sequenceTokens > model.maxContext {
      lines.append(
        "note: \(Format.integer(query.sequenceTokens)) tokens exceed \(model.id)'s maximum context of \(Format.integer(model.maxContext)); engines refuse this without RoPE scaling."
      )
    }
    if plan.request.maxThroughput {
      if let steady = plan.estimates.last?.expected.steady {
        let settings = query.deployment.engineSettings(
          layout: query.replica, context: query.sequenceTokens)
        lines.append(
          "max throughput: continuous batching at full load (steady state): \(Format.integer(steady.running)) sequences running per replica (KV cache at \(Format.integer(steady.heldTokens)) tokens each, engine cap \(Format.integer(settings.maxSequences))); \(PerfReport.pace(steady, budget: settings.batchedTokens))."
        )
        lines.append(
          "at full load: TPOT = one iteration; TTFT = \(Format.integer(steady.prefillIterations)) iteration\(steady.prefillIterations == 1 ? "" : "s") once admitted (queueing not counted); out tok/s = decodes / iteration, for \(gpus)."
        )
      } else {
        lines.append(
          "max throughput: the KV cache of \(query.replica) cannot hold one sequence of \(Format.integer(query.sequenceTokens)) tokens."
        )
      }
    }
    lines.append(
      plan.request.maxThroughput
        ? "GiB = 2^30 bytes, memory per GPU with the batch at its full length (at full load: at the tokens each sequence holds on average); ms = milliseconds."
        : "GiB = 2^30 bytes, memory per GPU at the batch's full length; ms = milliseconds.")
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: JSON

  func json() -> JSON {
    let query = plan.query
    let price = query?.price ?? plan.request.pricePerHour ?? deployment.gpu.pricePerHour
    let gpus = query?.layout.gpus
    return .object(
      deployment.jsonIdentity + [
        ("engine", .string(deployment.engine.engine.rawValue)),
        ("engineProfile", deployment.engine.profileJSON),
        ("layout", .optional(query) { $0.layout.json }),
        ("gpus", .optional(gpus) { .int($0) }),
        ("inputTokens", .int(plan.request.shape.input)),
        ("outputTokens", .int(plan.request.shape.output)),
        (
          "efficiency",
          .optional(query) { $0.efficiency.expected.json(basis: $0.efficiency.basis) }
        ),
        ("pricePerGPUHour", .optional(price) { .number($0, decimals: 4) }),
        (
          "costPerHour",
          .optional(gpus.flatMap { count in price.map { $0 * Double(count) } }) {
            .number($0, decimals: 4)
          }
        ),
        ("maxThroughputBatch", .optional(plan.maxBatch) { .int($0) }),
        ("verdict", (verdict ?? plan.verdict).json),
        ("requirements", .optional(requirements) { $0.json }),
        ("results", .array(plan.estimates.map(PerfReport.resultJSON))),
      ])
  }

  static func resultJSON(_ estimate: ServingEstimate) -> JSON {
    let layout = estimate.query.layout
    let ms = { (seconds: Double) in JSON.number(seconds * 1e3, decimals: 4) }
    return .object([
      ("tp", .int(layout.tp)), ("pp", .int(layout.pp)), ("dp", .int(layout.dp)),
      ("batch", .int(estimate.batch)),
      ("inputTokens", .int(estimate.query.shape.input)),
      ("outputTokens", .int(estimate.query.shape.output)),
      ("ttftMs", ms(estimate.expected.ttftSeconds)),
      ("ttftMsLow", ms(estimate.low.ttftSeconds)),
      ("ttftMsHigh", ms(estimate.high.ttftSeconds)),
      ("tpotMs", ms(estimate.expected.tpotSeconds)),
      ("tpotMsLow", ms(estimate.low.tpotSeconds)),
      ("tpotMsHigh", ms(estimate.high.tpotSeconds)),
      ("requestLatencyMs", ms(estimate.expected.requestLatencySeconds)),
      ("requestLatencyMsLow", ms(estimate.low.requestLatencySeconds)),
      ("requestLatencyMsHigh", ms(estimate.high.requestLatencySeconds)),
      ("outputTokensPerSecond", .number(estimate.outputTokensPerSecond, decimals: 2)),
      ("outputTokensPerSecondPerGPU", .number(estimate.outputTokensPerSecondPerGPU, decimals: 2)),
      (
        "costPerMillionOutputTokens",
        .optional(estimate.costPerMillionOutputTokens) { .number($0, decimals: 4) }
      ),
      ("memoryPerGPU", .bytes(estimate.placement.memory.total)),
      ("fits", .bool(estimate.fits)),
      (
        "prefill",
        passJSON(
          estimate.expected.prefill.stages,
          extra: estimate.expected.prefill.transferSeconds * Double(layout.pp - 1))
      ),
      (
        "decode",
        passJSON(
          estimate.expected.decode.stages,
          extra: estimate.expected.decode.cycleSeconds
            - estimate.expected.decode.stages.map(\.seconds).reduce(0, +))
      ),
    ])
  }

  /// A pass's terms summed over its stages, in milliseconds; `pipelineMs` is what the
  /// pipeline adds (transfers, or waiting on the slowest stage).
  static func passJSON(_ stages: [StageTime], extra: Double) -> JSON {
    let sum = { (term: (StageTime) -> Double) in
      JSON.number(stages.map(term).reduce(0, +) * 1e3, decimals: 4)
    }
    return .object([
      ("computeMs", sum(\.computeSeconds)),
      ("memoryMs", sum(\.memorySeconds)),
      ("attentionMs", sum(\.attentionSeconds)),
      ("tensorParallelMs", sum(\.tensorParallelSeconds)),
      ("expertParallelMs", sum(\.expertParallelSeconds)),
      ("overheadMs", sum(\.overheadSeconds)),
      ("pipelineMs", .number(extra * 1e3, decimals: 4)),
    ])
  }

  // MARK: CSV

  static let csvHeader = [
    "model", "gpu", "precision", "kv_precision", "tp", "pp", "dp", "batch", "input_tokens",
    "output_tokens", "ttft_ms", "ttft_ms_low", "ttft_ms_high", "tpot_ms", "tpot_ms_low",
    "tpot_ms_high", "request_latency_ms", "output_tokens_per_s", "output_tokens_per_s_per_gpu",
    "cost_per_million_output_tokens", "memory_per_gpu_bytes", "fits",
  ]

  func csv() -> String {
    var csv = CSV(header: Self.csvHeader)
    let shape = plan.request.shape
    let identity = [
      deployment.model.id, deployment.gpu.id, deployment.precision.id, deployment.kvPrecision.id,
    ]
    guard let query = plan.query else {
      csv.append(
        identity + Array(repeating: "", count: 4) + [String(shape.input), String(shape.output)]
          + Array(repeating: "", count: 11) + ["false"])
      return csv.rendered()
    }
    let ms = { (seconds: Double) in Format.number(seconds * 1e3, maxDecimals: 4) }
    for estimate in plan.estimates {
      csv.append(
        identity + [
          String(query.layout.tp), String(query.layout.pp), String(query.layout.dp),
          String(estimate.batch), String(shape.input), String(shape.output),
          ms(estimate.expected.ttftSeconds), ms(estimate.low.ttftSeconds),
          ms(estimate.high.ttftSeconds),
          ms(estimate.expected.tpotSeconds), ms(estimate.low.tpotSeconds),
          ms(estimate.high.tpotSeconds),
          ms(estimate.expected.requestLatencySeconds),
          CSV.cell(estimate.outputTokensPerSecond, decimals: 2),
          CSV.cell(estimate.outputTokensPerSecondPerGPU, decimals: 2),
          CSV.cell(estimate.costPerMillionOutputTokens, decimals: 4),
          CSV.cell(estimate.placement.memory.total), CSV.cell(estimate.fits),
        ])
    }
    return csv.rendered()
  }
}
