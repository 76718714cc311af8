import LLMPlanKit

/// Renders a ``ServePlan``: latency percentiles, throughput, KV use and targets as a table and
/// chart, JSON (schema 1) and CSV.
struct ServeReport: Report {
  let plan: ServePlan
  /// "1,000 requests, Poisson at 20 requests/s (seed 0), 2,000 tokens in, 300 out".
  let traffic: String
  var requirements: RequirementCheck? = nil
  /// The answer's verdict, requirements included.
  var verdict: Verdict? = nil

  var deployment: Deployment { plan.request.deployment }
  var plannedModel: ModelSpec? { deployment.model }

  /// The latencies reported, in order: JSON key stem, table label, summary.
  var metrics: [(name: String, label: String, summary: LatencySummary)] {
    [
      ("ttft", "TTFT", plan.ttft), ("tpot", "TPOT", plan.tpot), ("itl", "ITL", plan.itl),
      ("e2e", "E2E", plan.e2e), ("queue", "queue", plan.queue),
    ]
  }

  func table(_ style: OutputStyle) -> String {
    let layout = plan.layout
    let settings = plan.settings
    var out = "\(deployment.title(gpus: layout.gpus)): \(layout); \(deployment.formats)\n"
    out +=
      "\(deployment.engine.label) scheduler: \(Format.integer(settings.tokensPerIteration)) tokens per iteration, \(Format.integer(settings.maxSequences)) sequence\(settings.maxSequences == 1 ? "" : "s"), \(Format.integer(settings.blocks)) KV blocks of \(settings.blockSize) tokens per replica\n"
    out += "traffic: \(traffic)"
    if plan.request.prefixCacheHit > 0 {
      out += "; \(Format.fixed(plan.request.prefixCacheHit * 100, 0)) % of each prompt cached"
    }
    out += "\n"
    out +=
      "efficiency: \(plan.efficiency.basis.text) — \(plan.efficiency.expected.summary(moe: deployment.model.moe != nil))\n\n"
    var table = TextTable([
      ("latency ms", .left), ("mean", .right), ("p50", .right), ("p90", .right), ("p99", .right),
    ])
    for metric in metrics {
      let summary = metric.summary
      table.append(
        [metric.label] + [summary.mean, summary.p50, summary.p90, summary.p99].map(Self.ms))
    }
    out += table.render(width: style.width) + "\n"
    let simulation = plan.simulation
    out +=
      "throughput: \(Format.fixed(plan.outputTokensPerSecond, 0, grouped: true)) output tokens/s (\(Format.fixed(plan.outputTokensPerSecond / Double(layout.gpus), 0, grouped: true)) per GPU), \(Format.fixed(plan.requestsPerSecond, 2)) requests/s over \(Format.fixed(simulation.span, 1)) s\n"
    out +=
      "KV cache in use: mean \(Format.fixed(simulation.kvUsageMean * 100, 1)) %, peak \(Format.fixed(simulation.kvUsagePeak * 100, 1)) %; \(Format.integer(simulation.preemptions)) preemptions; \(Format.integer(simulation.iterations)) iterations; mean \(Format.fixed(simulation.meanInSystem, 1)) requests in the system\n"
    if !plan.targetResults.isEmpty {
      out += "\ntargets:\n"
      for result in plan.targetResults {
        let target = result.target
        let verdict =
          result.met
          ? style.paint.green("met")
          : style.paint.red("missed by \(Self.ms(result.value - target.seconds)) ms")
        out +=
          "  \(target.metric.label) p\(target.percentile) ≤ \(Self.ms(target.seconds)) ms: \(Self.ms(result.value)) ms, \(verdict)\n"
      }
      if let goodput = plan.goodput {
        out +=
          "  goodput: \(Format.fixed(goodput * 100, 1)) % of requests meet every target (\(Format.fixed(goodput * plan.requestsPerSecond, 2)) requests/s)\n"
      }
    }
    if let requirements { out += requirements.text(paint: style.paint) }
    out += "\n" + chart(style)
    out +=
      "ms = milliseconds; percentiles are nearest-rank over the requests (ITL over every gap between tokens, in ±2 % bins).\n"
    return out
  }

  /// Mean TTFT of the requests arriving in each tenth of the run.
  func chart(_ style: OutputStyle) -> String {
    let outcomes = plan.simulation.outcomes
    guard let first = outcomes.first?.arrival, let last = outcomes.last?.arrival, last > first
    else { return "" }
    let bins = 10
    let width = (last - first) / Double(bins)
    var sums = [Double](repeating: 0, count: bins)
    var counts = [Int](repeating: 0, count: bins)
    for outcome in outcomes {
      let index = min(bins - 1, Int((outcome.arrival - first) / width))
      sums[index] += outcome.ttft
      counts[index] += 1
    }
    let rows = (0..<bins).map { index in
      let mean = counts[index] > 0 ? sums[index] / Double(counts[index]) : 0
      let start = first + Double(index) * width
      return (
        label: "\(Format.fixed(start, 1))–\(Format.fixed(start + width, 1)) s",
        value: mean * 1e3, text: Self.ms(mean) + " ms"
      )
    }
    return "mean TTFT by arrival time\n"
      + BarChart(ascii: style.ascii, columns: style.width).render(rows: rows, markers: [])
      + "\n"
  }

  static func ms(_ seconds: Double) -> String { Format.fixed(seconds * 1e3, 1, grouped: true) }

  func json() -> JSON {
    let layout = plan.layout
    let rate: JSON =
      switch plan.request.traffic {
      case .poisson(_, let rate?, _, _): .number(rate, decimals: 6)
      case .poisson(_, nil, _, _): .string("inf")
      case .trace: .null
      }
    let seed: JSON =
      if case .poisson(_, _, _, let seed) = plan.request.traffic { .int(Int(seed)) } else { .null }
    var fields: [(String, JSON)] = [
      ("schemaVersion", .int(1)),
      ("model", .string(deployment.model.id)),
      ("gpu", .string(deployment.gpu.id)),
      ("layout", layout.json),
      ("engine", .string(deployment.engine.profile.id)),
      ("engineProfile", deployment.engine.profileJSON),
      ("precision", .string(deployment.precision.id)),
      ("kvPrecision", .string(deployment.kvPrecision.id)),
      ("requests", .int(plan.simulation.outcomes.count)),
      ("rate", rate),
      ("seed", seed),
      ("prefixCacheHit", .number(plan.request.prefixCacheHit, decimals: 4)),
    ]
    for metric in metrics {
      let summary = metric.summary
      fields.append(
        (
          "\(metric.name)Ms",
          .object([
            ("mean", .number(summary.mean * 1e3, decimals: 3)),
            ("p50", .number(summary.p50 * 1e3, decimals: 3)),
            ("p90", .number(summary.p90 * 1e3, decimals: 3)),
            ("p99", .number(summary.p99 * 1e3, decimals: 3)),
          ])
        ))
    }
    let simulation = plan.simulation
    fields += [
      ("outputTokensPerSecond", .number(plan.outputTokensPerSecond, decimals: 2)),
      ("requestsPerSecond", .number(plan.requestsPerSecond, decimals: 4)),
      (
        "kvUsage",
        .object([
          ("mean", .number(simulation.kvUsageMean, decimals: 4)),
          ("peak", .number(simulation.kvUsagePeak, decimals: 4)),
        ])
      ),
      ("preemptions", .int(simulation.preemptions)),
      ("iterations", .int(simulation.iterations)),
      ("durationSeconds", .number(simulation.span, decimals: 4)),
      (
        "scheduler",
        .object([
          ("tokensPerIteration", .int(plan.settings.tokensPerIteration)),
          ("maxSequences", .int(plan.settings.maxSequences)),
          ("blockSize", .int(plan.settings.blockSize)),
          ("kvBlocks", .int(plan.settings.blocks)),
        ])
      ),
      (
        "efficiency",
        plan.efficiency.expected.json(basis: plan.efficiency.basis)
      ),
      ("targets", .array(plan.targetResults.map(\.json))),
      ("goodput", .optional(plan.goodput) { .number($0, decimals: 4) }),
      ("verdict", (verdict ?? plan.verdict).json),
      ("requirements", .optional(requirements) { $0.json }),
    ]
    return .object(fields)
  }

  func csv() -> String {
    var csv = CSV(header: ["metric", "mean_ms", "p50_ms", "p90_ms", "p99_ms"])
    for metric in metrics {
      let summary = metric.summary
      csv.append(
        [metric.name]
          + [summary.mean, summary.p50, summary.p90, summary.p99].map {
            Format.fixed($0 * 1e3, 3)
          })
    }
    return csv.rendered()
  }
}

extension LatencyTarget.Result {
  var json: JSON {
    .object([
      ("metric", .string(target.metric.rawValue)),
      ("percentile", .int(target.percentile)),
      ("targetMs", .number(target.seconds * 1e3, decimals: 3)),
      ("valueMs", .number(value * 1e3, decimals: 3)),
      ("met", .bool(met)),
    ])
  }
}
