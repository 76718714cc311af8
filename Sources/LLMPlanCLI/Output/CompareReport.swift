import LLMPlanKit

/// Renders `compare`: one row per GPU, cheapest per token first; table, JSON (schema 1), CSV.
struct CompareReport: Report {
  let comparison: Comparison

  var request: CompareRequest { comparison.request }
  var plannedModel: ModelSpec? { request.setup.model }
  var model: ModelSpec { request.setup.model }

  // MARK: table

  func table(_ style: OutputStyle) -> String {
    let paint = style.paint
    let shape = request.shape
    var out =
      "\(model.name), \(request.setup.resolvedPrecision.id) weights, \(request.setup.engine.label) memory rules; requests of \(Format.integer(shape.input)) tokens in, \(Format.integer(shape.output)) out\n\n"
    var table = TextTable(
      [
        ("gpu", .left), ("GPUs", .right), ("layout", .left), ("TTFT ms", .right),
        ("TPOT ms", .right), ("max batch", .right), ("TPOT ms at max", .right),
        ("out tok/s", .right), ("$/h", .right), ("$/M out tok", .right),
      ], priorities: ["$/M out tok": 3, "GPUs": 2, "layout": 2, "out tok/s": 1, "$/h": 1])
    for row in comparison.rows {
      guard let single = row.single, let estimate = row.estimate else {
        let reason =
          switch row.obstacle {
          case .engine:
            "\(request.setup.engine.engine.displayName) does not run on \(row.gpu.vendor.rawValue)"
          case .format(let need): need.short(request.setup.resolvedPrecision)
          case nil:
            row.gpus == nil
              ? "does not fit on \(Format.integer(comparison.searchLimit)) GPUs"
              : "no layout of \(row.gpus!) holds a full request"
          }
        table.append(
          [row.gpu.id, row.gpus.map(Format.integer) ?? "-", paint.red(reason)]
            + Array(repeating: "-", count: 7))
        continue
      }
      table.append([
        row.gpu.id, Format.integer(estimate.query.layout.gpus),
        estimate.query.layout.description,
        Format.fixed(single.expected.ttftSeconds * 1e3, 1, grouped: true),
        Format.fixed(single.expected.tpotSeconds * 1e3, 2),
        Format.integer(estimate.batch),
        Format.fixed(estimate.expected.tpotSeconds * 1e3, 2),
        Format.fixed(row.tokensPerSecond ?? 0, 0, grouped: true),
        estimate.costPerHour.map { Format.fixed($0, 2) } ?? "-",
        estimate.costPerMillionOutputTokens.map { Format.fixed($0, 3) } ?? "-",
      ])
    }
    out += table.render(width: style.width) + "\n"
    out += """
      GPUs and layout: up to one server, the cheapest per token at a full KV cache (more GPUs
      only for 10 % more tokens/s per GPU); from the fewest that hold the model and one request.
      TTFT, TPOT: a lone request. Max batch: sequences per replica the KV cache holds; out tok/s and
      $/M at that batch, every replica together; $/h: every GPU at the catalog's indicative price
      unless --price gives one. Efficiencies: calibrated per GPU family (see README, "Calibration").

      """
    return out
  }

  // MARK: JSON

  func json() -> JSON {
    .object([
      ("schemaVersion", .int(1)),
      ("model", .string(model.id)),
      ("inputTokens", .int(request.shape.input)),
      ("outputTokens", .int(request.shape.output)),
      ("engine", .string(request.setup.engine.engine.rawValue)),
      ("engineProfile", request.setup.engine.profileJSON),
      ("verdict", comparison.verdict.json),
      ("rows", .array(comparison.rows.map(CompareReport.rowJSON))),
    ])
  }

  static func rowJSON(_ row: Comparison.Row) -> JSON {
    let ms = { (seconds: Double) in JSON.number(seconds * 1e3, decimals: 4) }
    let estimate = row.estimate
    return .object([
      ("gpu", .string(row.gpu.id)),
      ("gpus", .optional(estimate?.query.layout.gpus ?? row.gpus) { .int($0) }),
      ("layout", .optional(estimate?.query.layout) { $0.json }),
      ("fits", .bool(estimate != nil)),
      ("obstacle", .optional(row.obstacle) { .string($0.code) }),
      ("ttftMs", .optional(row.single) { ms($0.expected.ttftSeconds) }),
      ("tpotMs", .optional(row.single) { ms($0.expected.tpotSeconds) }),
      ("maxBatch", .optional(estimate) { .int($0.batch) }),
      ("tpotMsAtMaxBatch", .optional(estimate) { ms($0.expected.tpotSeconds) }),
      ("outputTokensPerSecond", .optional(row.tokensPerSecond) { .number($0, decimals: 2) }),
      (
        "outputTokensPerSecondPerGPU",
        .optional(estimate) { .number($0.outputTokensPerSecondPerGPU, decimals: 2) }
      ),
      ("pricePerGPUHour", .optional(row.price) { .number($0, decimals: 4) }),
      ("costPerHour", .optional(estimate?.costPerHour) { .number($0, decimals: 4) }),
      (
        "costPerMillionOutputTokens",
        .optional(estimate?.costPerMillionOutputTokens) { .number($0, decimals: 4) }
      ),
      ("efficiencyBasis", .string(row.basis.text)),
      ("efficiencyBasisCode", .string(row.basis.code)),
    ])
  }

  // MARK: CSV

  func csv() -> String {
    var csv = CSV(header: [
      "model", "gpu", "gpus", "tp", "pp", "dp", "fits", "ttft_ms", "tpot_ms", "max_batch",
      "tpot_ms_at_max_batch", "output_tokens_per_s", "price_per_gpu_hour", "cost_per_hour",
      "cost_per_million_output_tokens",
    ])
    let ms = { (seconds: Double) in Format.number(seconds * 1e3, maxDecimals: 4) }
    let number = { (value: Double?) in value.map { Format.number($0, maxDecimals: 4) } ?? "" }
    for row in comparison.rows {
      let estimate = row.estimate
      let layout = estimate?.query.layout
      csv.append([
        model.id, row.gpu.id, (layout?.gpus ?? row.gpus).map(String.init) ?? "",
        layout.map { String($0.tp) } ?? "", layout.map { String($0.pp) } ?? "",
        layout.map { String($0.dp) } ?? "", estimate == nil ? "false" : "true",
        row.single.map { ms($0.expected.ttftSeconds) } ?? "",
        row.single.map { ms($0.expected.tpotSeconds) } ?? "",
        estimate.map { String($0.batch) } ?? "", estimate.map { ms($0.expected.tpotSeconds) } ?? "",
        number(row.tokensPerSecond), number(row.price), number(estimate?.costPerHour),
        number(estimate?.costPerMillionOutputTokens),
      ])
    }
    return csv.rendered()
  }
}
