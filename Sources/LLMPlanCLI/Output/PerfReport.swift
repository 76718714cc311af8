import LLMPlanKit

/// Renders `perf`: one row per batch size as a table, JSON (schema 1) or CSV.
struct PerfReport {
  let query: ServingQuery
  let estimates: [ServingEstimate]
  /// The largest batch the KV cache holds, when `--max-throughput` asked for it.
  let maxBatch: Int?
  let askedMax: Bool

  // MARK: table

  func table(paint: Paint) -> String {
    let request = query.request
    let layout = query.layout
    var out =
      "\(request.model.name) on \(layout.gpus) × \(request.gpu.name) (\(request.gpu.id)): \(layout); TP links: \(LayoutsReport.linkText(query.topology, tp: layout.tp))\n"
    out +=
      "\(request.precision.id) weights, \(request.kvPrecision.id) KV cache, \(request.engine.engine.displayName) memory rules; requests of \(Format.integer(query.inputTokens)) tokens in, \(Format.integer(query.outputTokens)) out\n"
    out += "efficiency: \(query.efficiency.basis) — \(query.efficiency.expected.summary)\n\n"
    var table = TextTable([
      ("batch", .right), ("TTFT ms (low–high)", .right), ("TPOT ms (low–high)", .right),
      ("request s", .right), ("out tok/s", .right), ("tok/s/GPU", .right),
      ("$/M out tok", .right), ("GiB/GPU", .right), ("fits", .left),
    ])
    for estimate in estimates {
      let fits = estimate.fits ? paint.green("yes") : paint.red("no")
      table.append([
        Format.integer(estimate.batch),
        PerfReport.range(estimate.expected.ttft, estimate.low.ttft, estimate.high.ttft),
        PerfReport.range(estimate.expected.tpot, estimate.low.tpot, estimate.high.tpot),
        Format.fixed(estimate.expected.requestLatency, 2),
        Format.fixed(estimate.outputTokensPerSecond, 0, grouped: true),
        Format.fixed(estimate.outputTokensPerSecondPerGPU, 0, grouped: true),
        estimate.costPerMillionOutputTokens.map { Format.fixed($0, 2) } ?? "-",
        Format.fixed(estimate.placement.memory.total.gibibytes, 1), fits,
      ])
    }
    out += estimates.isEmpty ? "" : table.render() + "\n"
    out += notes()
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

  func notes() -> String {
    let context = query.inputTokens + query.outputTokens / 2
    var lines = [
      "TTFT: the batch's prompts prefilled together. TPOT: one decode step at \(Format.integer(context)) tokens of context (input + output/2).",
      "request = TTFT + \(Format.integer(query.outputTokens - 1)) × TPOT; out tok/s = batch × \(Format.integer(query.outputTokens)) / request, for one replica of \(Format.integer(query.replica.gpus)) GPU\(query.replica.gpus == 1 ? "" : "s").",
    ]
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
      lines.append("no price for \(query.request.gpu.id) in the catalog; give --price USD.")
    }
    let model = query.request.model
    if query.sequenceTokens > model.maxContext {
      lines.append(
        "note: \(Format.integer(query.sequenceTokens)) tokens exceed \(model.id)'s maximum context of \(Format.integer(model.maxContext)); engines refuse this without RoPE scaling."
      )
    }
    if askedMax {
      if let maxBatch {
        lines.append(
          "max throughput: \(Format.integer(maxBatch)) sequences per replica, the most the KV cache holds at \(Format.integer(query.sequenceTokens)) tokens each (engine cap \(Format.integer(query.request.engine.maxRunningSequences)))."
        )
      } else {
        lines.append(
          "max throughput: the KV cache of \(query.replica) cannot hold one sequence of \(Format.integer(query.sequenceTokens)) tokens."
        )
      }
    }
    lines.append("GiB = 2^30 bytes, memory per GPU at the batch's full length; ms = milliseconds.")
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: JSON

  func json() -> JSON {
    let request = query.request
    return .object([
      ("schemaVersion", .int(1)),
      ("model", .string(request.model.id)),
      ("gpu", .string(request.gpu.id)),
      ("precision", .string(request.precision.id)),
      ("kvPrecision", .string(request.kvPrecision.id)),
      ("engine", .string(request.engine.engine.rawValue)),
      ("layout", FitReport.layoutJSON(query.layout)),
      ("gpus", .int(query.layout.gpus)),
      ("inputTokens", .int(query.inputTokens)),
      ("outputTokens", .int(query.outputTokens)),
      (
        "efficiency",
        PerfReport.efficiencyJSON(query.efficiency.expected, basis: query.efficiency.basis)
      ),
      ("pricePerGPUHour", .optional(query.price) { .number($0, decimals: 4) }),
      (
        "costPerHour",
        .optional(query.price) { .number($0 * Double(query.layout.gpus), decimals: 4) }
      ),
      ("maxThroughputBatch", .optional(maxBatch) { .int($0) }),
      ("results", .array(estimates.map(PerfReport.resultJSON))),
    ])
  }

  static func resultJSON(_ estimate: ServingEstimate) -> JSON {
    let layout = estimate.query.layout
    let ms = { (seconds: Double) in JSON.number(seconds * 1e3, decimals: 4) }
    return .object([
      ("tp", .int(layout.tp)), ("pp", .int(layout.pp)), ("dp", .int(layout.dp)),
      ("batch", .int(estimate.batch)),
      ("inputTokens", .int(estimate.query.inputTokens)),
      ("outputTokens", .int(estimate.query.outputTokens)),
      ("ttftMs", ms(estimate.expected.ttft)),
      ("ttftMsLow", ms(estimate.low.ttft)),
      ("ttftMsHigh", ms(estimate.high.ttft)),
      ("tpotMs", ms(estimate.expected.tpot)),
      ("tpotMsLow", ms(estimate.low.tpot)),
      ("tpotMsHigh", ms(estimate.high.tpot)),
      ("requestLatencyMs", ms(estimate.expected.requestLatency)),
      ("requestLatencyMsLow", ms(estimate.low.requestLatency)),
      ("requestLatencyMsHigh", ms(estimate.high.requestLatency)),
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

  static func efficiencyJSON(_ efficiency: Efficiency, basis: String? = nil) -> JSON {
    var fields: [(String, JSON)] = [
      ("prefillCompute", .number(efficiency.prefillCompute, decimals: 4)),
      ("decodeCompute", .number(efficiency.decodeCompute, decimals: 4)),
      ("memory", .number(efficiency.memory, decimals: 4)),
      ("attention", .number(efficiency.attention, decimals: 5)),
      (
        "prefillOverheadMicrosecondsPerLayer",
        .number(efficiency.prefillOverhead * 1e6, decimals: 3)
      ),
      ("decodeOverheadMicrosecondsPerLayer", .number(efficiency.decodeOverhead * 1e6, decimals: 3)),
      ("collectiveLatencyScale", .number(efficiency.collectiveLatency, decimals: 4)),
    ]
    if let basis { fields.append(("basis", .string(basis))) }
    return .object(fields)
  }

  // MARK: CSV

  func csv() -> String {
    var csv = CSV(header: [
      "model", "gpu", "precision", "kv_precision", "tp", "pp", "dp", "batch", "input_tokens",
      "output_tokens", "ttft_ms", "ttft_ms_low", "ttft_ms_high", "tpot_ms", "tpot_ms_low",
      "tpot_ms_high", "request_latency_ms", "output_tokens_per_s", "output_tokens_per_s_per_gpu",
      "cost_per_million_output_tokens", "memory_per_gpu_bytes", "fits",
    ])
    let request = query.request
    let ms = { (seconds: Double) in Format.number(seconds * 1e3, maxDecimals: 4) }
    for estimate in estimates {
      csv.append([
        request.model.id, request.gpu.id, request.precision.id, request.kvPrecision.id,
        String(query.layout.tp), String(query.layout.pp), String(query.layout.dp),
        String(estimate.batch), String(query.inputTokens), String(query.outputTokens),
        ms(estimate.expected.ttft), ms(estimate.low.ttft), ms(estimate.high.ttft),
        ms(estimate.expected.tpot), ms(estimate.low.tpot), ms(estimate.high.tpot),
        ms(estimate.expected.requestLatency),
        Format.number(estimate.outputTokensPerSecond, maxDecimals: 2),
        Format.number(estimate.outputTokensPerSecondPerGPU, maxDecimals: 2),
        estimate.costPerMillionOutputTokens.map { Format.number($0, maxDecimals: 4) } ?? "",
        String(estimate.placement.memory.total.rounded), estimate.fits ? "true" : "false",
      ])
    }
    return csv.rendered()
  }
}
