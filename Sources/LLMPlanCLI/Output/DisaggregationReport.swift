import LLMPlanKit

/// Renders `serve --disaggregate`: every prefill/decode split against aggregated serving.
struct DisaggregationReport: Report {
  let plan: DisaggregationPlan
  let traffic: String
  let request: ServeRequest
  var plannedModel: ModelSpec? { request.deployment.model }

  func table(_ style: OutputStyle) -> String {
    let deployment = request.deployment
    let aggregated = plan.aggregated
    let gpus = aggregated.layout.gpus
    var out =
      "\(deployment.title(gpus: gpus)): prefill/decode pools of \(Layout(tp: aggregated.layout.tp, pp: aggregated.layout.pp)) replicas against \(aggregated.layout); \(deployment.formats); \(deployment.engine.label) scheduler\n"
    out += "traffic: \(traffic)\n"
    if let first = plan.splits.first {
      out +=
        "KV hand-over: \(Format.fixed(first.transferSecondsPerToken * 1e6, 3)) µs per prompt token over \(deployment.topology.link(forGroupOf: gpus).name)\n"
    }
    out += "\n"
    var table = TextTable(
      [
        ("serving", .left), ("TTFT p50 ms", .right), ("TTFT p99 ms", .right),
        ("TPOT p50 ms", .right), ("TPOT p99 ms", .right), ("E2E p99 ms", .right),
        ("out tok/s", .right), ("targets", .left),
      ], priorities: ["targets": 3, "TTFT p99 ms": 2, "TPOT p99 ms": 2, "out tok/s": 1])
    func verdict(_ results: [LatencyTarget.Result]) -> String {
      results.isEmpty ? "-" : results.allSatisfy(\.met) ? "met" : "missed"
    }
    let best = plan.best
    table.append([
      "aggregated \(aggregated.layout)", ServeReport.ms(aggregated.ttft.p50),
      ServeReport.ms(aggregated.ttft.p99), ServeReport.ms(aggregated.tpot.p50),
      ServeReport.ms(aggregated.tpot.p99), ServeReport.ms(aggregated.e2e.p99),
      Format.fixed(aggregated.outputTokensPerSecond, 0, grouped: true),
      verdict(aggregated.targetResults),
    ])
    for split in plan.splits {
      let name = "\(split.prefillReplicas)P\(split.decodeReplicas)D"
      let marked = split.prefillReplicas == best?.prefillReplicas ? name + " (best)" : name
      table.append([
        marked, ServeReport.ms(split.ttft.p50), ServeReport.ms(split.ttft.p99),
        ServeReport.ms(split.tpot.p50), ServeReport.ms(split.tpot.p99),
        ServeReport.ms(split.e2e.p99),
        Format.fixed(split.outputTokensPerSecond, 0, grouped: true), verdict(split.targetResults),
      ])
    }
    out += table.render(width: style.width) + "\n"
    out +=
      "xPyD: x prefill and y decode replicas of \(Layout(tp: aggregated.layout.tp, pp: aggregated.layout.pp)); best: the split with the widest target margin (without targets, the lowest p99 E2E); ms = milliseconds.\n"
    return out
  }

  static func runJSON(_ split: DisaggregatedRun) -> JSON {
    func summary(_ s: LatencySummary) -> JSON {
      .object([
        ("mean", .number(s.mean * 1e3, decimals: 3)), ("p50", .number(s.p50 * 1e3, decimals: 3)),
        ("p90", .number(s.p90 * 1e3, decimals: 3)), ("p99", .number(s.p99 * 1e3, decimals: 3)),
      ])
    }
    return .object([
      ("prefillReplicas", .int(split.prefillReplicas)),
      ("decodeReplicas", .int(split.decodeReplicas)),
      ("ttftMs", summary(split.ttft)), ("tpotMs", summary(split.tpot)),
      ("e2eMs", summary(split.e2e)),
      ("outputTokensPerSecond", .number(split.outputTokensPerSecond, decimals: 2)),
      ("targets", .array(split.targetResults.map(\.json))),
    ])
  }

  func json() -> JSON {
    let aggregated = ServeReport(plan: plan.aggregated, traffic: traffic).json()
    return .object([
      ("schemaVersion", .int(1)),
      ("model", .string(request.deployment.model.id)),
      ("gpu", .string(request.deployment.gpu.id)),
      ("gpus", .int(plan.aggregated.layout.gpus)),
      ("replica", Layout(tp: plan.aggregated.layout.tp, pp: plan.aggregated.layout.pp).json),
      ("engine", .string(request.deployment.engine.profile.id)),
      ("aggregated", aggregated),
      ("splits", .array(plan.splits.map(Self.runJSON))),
      ("best", .optional(plan.best) { .string("\($0.prefillReplicas)P\($0.decodeReplicas)D") }),
      ("verdict", plan.verdict.json),
    ])
  }

  func csv() -> String {
    var csv = CSV(header: [
      "serving", "prefill_replicas", "decode_replicas", "ttft_p50_ms", "ttft_p99_ms",
      "tpot_p50_ms", "tpot_p99_ms", "e2e_p99_ms", "output_tokens_per_s",
    ])
    let a = plan.aggregated
    csv.append([
      "aggregated", "", "", Format.fixed(a.ttft.p50 * 1e3, 3), Format.fixed(a.ttft.p99 * 1e3, 3),
      Format.fixed(a.tpot.p50 * 1e3, 3), Format.fixed(a.tpot.p99 * 1e3, 3),
      Format.fixed(a.e2e.p99 * 1e3, 3), Format.fixed(a.outputTokensPerSecond, 2),
    ])
    for s in plan.splits {
      csv.append([
        "disaggregated", String(s.prefillReplicas), String(s.decodeReplicas),
        Format.fixed(s.ttft.p50 * 1e3, 3), Format.fixed(s.ttft.p99 * 1e3, 3),
        Format.fixed(s.tpot.p50 * 1e3, 3), Format.fixed(s.tpot.p99 * 1e3, 3),
        Format.fixed(s.e2e.p99 * 1e3, 3), Format.fixed(s.outputTokensPerSecond, 2),
      ])
    }
    return csv.rendered()
  }
}
