/// "Which GPU serves this model best?": one answer per GPU.
public struct CompareRequest: Sendable, Hashable {
  public let setup: ModelSetup
  public let gpus: [GPUSpec]
  /// USD per GPU-hour by GPU id, over the catalog's indicative prices.
  public let prices: [String: Double]
  public let shape: RequestShape
  public let efficiency: EfficiencySetting

  public init(
    setup: ModelSetup, gpus: [GPUSpec]? = nil, prices: [String: Double] = [:],
    shape: RequestShape = .standard, efficiency: EfficiencySetting = .calibrated
  ) {
    self.setup = setup
    self.gpus = gpus ?? CompareRequest.defaultGPUs()
    self.prices = prices
    self.shape = shape
    self.efficiency = efficiency
  }

  /// The GPUs compared when none are named: every one with a price.
  public static func defaultGPUs(_ catalog: GPUCatalog = .builtin) -> [GPUSpec] {
    catalog.gpus.filter { $0.pricePerHour != nil }
  }

  /// The price in force for `gpu`: the request's, else the catalog's.
  public func price(of gpu: GPUSpec) -> Double? { prices[gpu.id] ?? gpu.pricePerHour }
}

/// One row per GPU, cheapest per token first; then unpriced GPUs by tokens/s per GPU; then
/// the GPUs that cannot hold the model.
public struct Comparison: Sendable, Hashable {
  /// One GPU's answer.
  public struct Row: Sendable, Hashable {
    public let gpu: GPUSpec
    public let price: Double?
    /// The fewest GPUs that hold the model and one request; `nil` when none within the limit.
    public let gpus: Int?
    /// A lone request on the chosen layout.
    public let single: ServingEstimate?
    /// The largest batch the KV cache holds, on the chosen layout.
    public let estimate: ServingEstimate?
    public let basis: EfficiencyBasis
    /// Why the engine cannot serve the model on this GPU at all; `nil` when it can.
    public let obstacle: Obstacle?

    /// Output tokens per second of every GPU of the layout together.
    public var tokensPerSecond: Double? {
      estimate.map { $0.outputTokensPerSecond * Double($0.query.layout.dp) }
    }
  }

  /// What keeps an engine off a GPU before memory is counted.
  public enum Obstacle: Sendable, Hashable {
    /// The engine does not run on the GPU's vendor.
    case engine
    /// The engine cannot run the weight format there.
    case format(FormatNeed)
  }

  public let request: CompareRequest
  public let rows: [Row]
  public let searchLimit: Int
  /// Fits when some GPU holds the model.
  public let verdict: Verdict
}

extension Planner {
  /// For each GPU: the fewest GPUs that hold the model and one request (as ``fit(_:)``), that
  /// count's layout with the lowest cost per token (DP and PP included, EP left out), and its
  /// estimates for a lone request and at the largest batch the KV cache holds.
  public static func compare(_ request: CompareRequest) -> Comparison {
    let rows = request.gpus.map { gpu in compareRow(request, gpu: gpu) }
    func key(_ row: Comparison.Row) -> (Int, Double) {
      guard let estimate = row.estimate else { return (2, 0) }
      if let cost = estimate.costPerMillionOutputTokens { return (0, cost) }
      return (1, -estimate.outputTokensPerSecondPerGPU)
    }
    let sorted = rows.enumerated().sorted { a, b in
      let (x, y) = (key(a.element), key(b.element))
      return x != y ? x < y : a.offset < b.offset
    }.map(\.element)
    let fits = rows.contains { $0.estimate != nil }
    return Comparison(
      request: request, rows: sorted, searchLimit: defaultSearchLimit,
      verdict: fits ? .fits : .impossible([.nothingFits(limit: defaultSearchLimit)], remedies: []))
  }

  static func compareRow(_ request: CompareRequest, gpu: GPUSpec) -> Comparison.Row {
    let deployment = request.setup.deployment(on: gpu)
    let price = request.price(of: gpu)
    let range = request.efficiency.resolve(
      gpu: gpu, precision: deployment.precision, engine: deployment.engine.profile)
    func row(
      gpus: Int?, single: ServingEstimate? = nil, estimate: ServingEstimate? = nil,
      obstacle: Comparison.Obstacle? = nil
    ) -> Comparison.Row {
      Comparison.Row(
        gpu: gpu, price: price, gpus: gpus, single: single, estimate: estimate,
        basis: range.basis, obstacle: obstacle)
    }
    if !deployment.engine.engine.runs(on: gpu) { return row(gpus: nil, obstacle: .engine) }
    if case .unsupported(let need) = deployment.formatSupport {
      return row(gpus: nil, obstacle: .format(need))
    }
    let context = request.shape.tokens
    guard
      let fewest = minimum(deployment, Workload(context: context), limit: defaultSearchLimit)?
        .gpus
    else { return row(gpus: nil) }
    // The best configuration up to one server, not the fewest GPUs: each count's cheapest
    // layout per token (DP and PP included, EP left out), the cheapest of them (ties: fewer).
    var best: LayoutCandidate?
    var count = fewest
    for gpus in suggestionCounts(minimum: fewest, node: deployment.topology.gpusPerNode) {
      var query = LayoutQuery(
        deployment: deployment, context: context, gpus: gpus, objective: .cost,
        efficiency: range.expected, pricePerHour: price)
      query.measuresShortLayouts = false
      let search = LayoutSearch(query)
      guard let candidate = search.candidates.first(where: { $0.fits && $0.layout.ep == 1 }),
        let evaluation = candidate.evaluation
      else { continue }
      let perGPU = evaluation.step.tokensPerSecondPerGPU
      if let current = best?.evaluation?.step.tokensPerSecondPerGPU,
        perGPU <= current * worthMoreGPUs
      {
        continue
      }
      best = candidate
      count = gpus
    }
    guard let best else { return row(gpus: fewest) }
    let query = ServingQuery(
      deployment: deployment, layout: best.layout, shape: request.shape,
      efficiency: request.efficiency, pricePerHour: price)
    return row(
      gpus: count, single: query.estimate(batch: 1),
      estimate: query.saturated())
  }
}
