import LLMPlanKit

/// Renders `compare`: one row per GPU, cheapest per token first; table, JSON (schema 1), CSV.
struct CompareReport {
  /// One GPU's answer.
  struct Row {
    let gpu: GPUSpec
    let price: Double?
    /// The fewest GPUs that hold the model and one request; `nil` when none within the limit.
    let gpus: Int?
    /// A lone request on the chosen layout.
    let single: ServingEstimate?
    /// The largest batch the KV cache holds, on the chosen layout.
    let estimate: ServingEstimate?
    let basis: String

    static func evaluate(
      _ request: PlanRequest, tokens: (input: Int, output: Int), efficiency: EfficiencyChoice,
      price: Double?
    ) -> Row {
      let topology = Topology(gpu: request.gpu)
      let range = efficiency.resolve(gpu: request.gpu, precision: request.precision)
      let none = Row(
        gpu: request.gpu, price: price, gpus: nil, single: nil, estimate: nil, basis: range.basis)
      guard
        let count = Planner.minimum(request, limit: Planner.defaultSearchLimit, topology: topology)?
          .gpus
      else { return none }
      let search = LayoutSearch(
        LayoutQuery(
          request: request, gpus: count, topology: topology, objective: .cost,
          efficiency: range.expected, pricePerHour: price))
      guard let best = search.candidates.first(where: { $0.fits && $0.layout.ep == 1 }) else {
        return Row(
          gpu: request.gpu, price: price, gpus: count, single: nil, estimate: nil,
          basis: range.basis)
      }
      let query = ServingQuery(
        request: request, layout: best.layout, inputTokens: tokens.input,
        outputTokens: tokens.output, topology: topology, efficiency: efficiency,
        pricePerHour: price)
      return Row(
        gpu: request.gpu, price: price, gpus: count, single: query.estimate(batch: 1),
        estimate: query.maxBatch.map(query.estimate(batch:)), basis: range.basis)
    }

    /// Output tokens per second of every GPU of the layout together.
    var tokensPerSecond: Double? {
      estimate.map { $0.outputTokensPerSecond * Double($0.query.layout.dp) }
    }
  }

  let model: ModelSpec
  let tokens: (input: Int, output: Int)
  let rows: [Row]
  let context: Int

  /// Cheapest per token first; then unpriced by tokens/s per GPU; then those that do not fit.
  static func sorted(_ rows: [Row]) -> [Row] {
    func key(_ row: Row) -> (Int, Double) {
      guard let estimate = row.estimate else { return (2, 0) }
      if let cost = estimate.costPerMillionOutputTokens { return (0, cost) }
      return (1, -estimate.outputTokensPerSecondPerGPU)
    }
    return rows.enumerated().sorted { a, b in
      let (x, y) = (key(a.element), key(b.element))
      return x != y ? x < y : a.offset < b.offset
    }.map(\.element)
  }

  // MARK: table

  func table(paint: Paint) -> String {
    let precision = rows.first?.single?.query.request.precision.id ?? "default"
    var out =
      "\(model.name), \(precision) weights; requests of \(Format.integer(tokens.input)) tokens in, \(Format.integer(tokens.output)) out\n\n"
    var table = TextTable([
      ("gpu", .left), ("GPUs", .right), ("layout", .left), ("TTFT ms", .right),
      ("TPOT ms", .right), ("max batch", .right), ("TPOT ms at max", .right),
      ("out tok/s", .right), ("$/h", .right), ("$/M out tok", .right),
    ])
    for row in rows {
      guard let single = row.single, let estimate = row.estimate else {
        let reason =
          row.gpus == nil
          ? "does not fit on \(Format.integer(Planner.defaultSearchLimit)) GPUs"
          : "no layout of \(row.gpus!) holds a full request"
        table.append(
          [row.gpu.id, row.gpus.map(Format.integer) ?? "-", paint.red(reason)]
            + Array(repeating: "-", count: 7))
        continue
      }
      table.append([
        row.gpu.id, Format.integer(estimate.query.layout.gpus),
        estimate.query.layout.description,
        Format.fixed(single.expected.ttft * 1e3, 1, grouped: true),
        Format.fixed(single.expected.tpot * 1e3, 2),
        Format.integer(estimate.batch),
        Format.fixed(estimate.expected.tpot * 1e3, 2),
        Format.fixed(row.tokensPerSecond ?? 0, 0, grouped: true),
        estimate.costPerHour.map { Format.fixed($0, 2) } ?? "-",
        estimate.costPerMillionOutputTokens.map { Format.fixed($0, 3) } ?? "-",
      ])
    }
    out += table.render() + "\n"
    out += """
      GPUs: the fewest that hold the model and one request; layout: that count's cheapest per token.
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
      ("inputTokens", .int(tokens.input)),
      ("outputTokens", .int(tokens.output)),
      ("rows", .array(rows.map(CompareReport.rowJSON))),
    ])
  }

  static func rowJSON(_ row: Row) -> JSON {
    let ms = { (seconds: Double) in JSON.number(seconds * 1e3, decimals: 4) }
    let estimate = row.estimate
    return .object([
      ("gpu", .string(row.gpu.id)),
      ("gpus", .optional(estimate?.query.layout.gpus ?? row.gpus) { .int($0) }),
      ("layout", .optional(estimate?.query.layout) { FitReport.layoutJSON($0) }),
      ("fits", .bool(estimate != nil)),
      ("ttftMs", .optional(row.single) { ms($0.expected.ttft) }),
      ("tpotMs", .optional(row.single) { ms($0.expected.tpot) }),
      ("maxBatch", .optional(estimate) { .int($0.batch) }),
      ("tpotMsAtMaxBatch", .optional(estimate) { ms($0.expected.tpot) }),
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
      ("efficiencyBasis", .string(row.basis)),
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
    for row in rows {
      let estimate = row.estimate
      let layout = estimate?.query.layout
      csv.append([
        model.id, row.gpu.id, (layout?.gpus ?? row.gpus).map(String.init) ?? "",
        layout.map { String($0.tp) } ?? "", layout.map { String($0.pp) } ?? "",
        layout.map { String($0.dp) } ?? "", estimate == nil ? "false" : "true",
        row.single.map { ms($0.expected.ttft) } ?? "",
        row.single.map { ms($0.expected.tpot) } ?? "",
        estimate.map { String($0.batch) } ?? "", estimate.map { ms($0.expected.tpot) } ?? "",
        number(row.tokensPerSecond), number(row.price), number(estimate?.costPerHour),
        number(estimate?.costPerMillionOutputTokens),
      ])
    }
    return csv.rendered()
  }
}
