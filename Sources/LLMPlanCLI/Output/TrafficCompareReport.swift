import LLMPlanKit

/// Renders `compare --rate … --ttft-p99 …`: per GPU the cheapest configuration that meets the
/// targets, cheapest first; table, JSON (schema 1), CSV.
struct TrafficCompareReport: Report {
  let comparison: TrafficComparison
  let request: CompareRequest
  var plannedModel: ModelSpec? { request.setup.model }

  func table(_ style: OutputStyle) -> String {
    let first = comparison.rows.compactMap(\.sizing).first?.request
    let rate =
      first?.rate.map { "\(Format.number($0, maxDecimals: 3)) requests/s" } ?? "all at once"
    let targets = (first?.targets ?? []).map {
      "\($0.metric.label) p\($0.percentile) ≤ \(ServeReport.ms($0.seconds)) ms"
    }.joined(separator: ", ")
    var out =
      "\(request.setup.model.name), \(request.setup.resolvedPrecision.id) weights, \(request.setup.engine.label); \(rate) of \(Format.integer(request.shape.input)) tokens in, \(Format.integer(request.shape.output)) out; \(targets)\n\n"
    var table = TextTable([
      ("gpu", .left), ("GPUs", .right), ("layout", .left), ("TTFT p99 ms", .right),
      ("TPOT p99 ms", .right), ("$/h", .right), ("$/M out tok", .right),
    ])
    for row in comparison.rows {
      guard let sizing = row.sizing else {
        table.append(
          [
            row.gpu.id, "-",
            style.paint.red("\(request.setup.engine.engine.displayName) does not run on it"),
          ]
            + Array(repeating: "-", count: 4))
        continue
      }
      guard let best = sizing.best else {
        let reason =
          sizing.closest == nil
          ? "no layout holds a request"
          : "nothing up to \(sizing.request.maxGPUs) GPUs meets them ('fit --rate' shows the closest)"
        table.append(
          [row.gpu.id, "-", style.paint.red(reason)] + Array(repeating: "-", count: 4))
        continue
      }
      table.append([
        row.gpu.id, Format.integer(best.gpus), best.layout.description,
        ServeReport.ms(best.plan.ttft.p99), ServeReport.ms(best.plan.tpot.p99),
        row.costPerHour.map { Format.fixed($0, 2) } ?? "-",
        row.costPerMillionOutputTokens.map { Format.fixed($0, 3) } ?? "-",
      ])
    }
    out += table.render(width: style.width) + "\n"
    out +=
      "Each row: the fewest GPUs of that kind whose simulated p-percentiles ('llmplan serve', \(Format.integer(first?.requests ?? 0)) requests) meet every target, as TP × PP (PP ≤ 2) × DP replicas; $/M out tok at the rate's output tokens/s.\n"
    return out
  }

  func json() -> JSON {
    .object([
      ("schemaVersion", .int(1)),
      ("model", .string(request.setup.model.id)),
      ("engine", .string(request.setup.engine.profile.id)),
      (
        "rows",
        .array(
          comparison.rows.map { row in
            .object([
              ("gpu", .string(row.gpu.id)),
              ("best", .optional(row.sizing?.best, FitReport.candidateJSON)),
              ("closest", .optional(row.sizing?.closest, FitReport.candidateJSON)),
              ("costPerHour", .optional(row.costPerHour) { .number($0, decimals: 4) }),
              (
                "costPerMillionOutputTokens",
                .optional(row.costPerMillionOutputTokens) { .number($0, decimals: 4) }
              ),
            ])
          })
      ),
      ("verdict", comparison.verdict.json),
    ])
  }

  func csv() -> String {
    var csv = CSV(header: [
      "gpu", "gpus", "tp", "pp", "dp", "ttft_p99_ms", "tpot_p99_ms", "cost_per_hour",
      "cost_per_million_output_tokens",
    ])
    for row in comparison.rows {
      let best = row.sizing?.best
      csv.append([
        row.gpu.id, CSV.cell(best?.gpus), CSV.cell(best?.layout.tp), CSV.cell(best?.layout.pp),
        CSV.cell(best?.layout.dp), CSV.cell(best.map { $0.plan.ttft.p99 * 1e3 }, decimals: 3),
        CSV.cell(best.map { $0.plan.tpot.p99 * 1e3 }, decimals: 3),
        CSV.cell(row.costPerHour, decimals: 4),
        CSV.cell(row.costPerMillionOutputTokens, decimals: 4),
      ])
    }
    return csv.rendered()
  }
}
