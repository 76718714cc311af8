/// "What does this layout deliver?": TTFT, TPOT, throughput and cost at some batch sizes.
public struct PerfRequest: Sendable, Hashable {
  public let deployment: Deployment
  public let shape: RequestShape
  /// Tensor-parallel GPUs and pipeline stages of a replica; both `nil`: the fewest GPUs that
  /// hold one request.
  public let tp: Int?
  public let pp: Int?
  /// Data-parallel replicas (default 1).
  public let dp: Int
  /// Sequences per replica to estimate; `nil`: one, unless ``maxThroughput``.
  public let batches: [Int]?
  /// Add the largest batch the KV cache holds.
  public let maxThroughput: Bool
  public let efficiency: EfficiencySetting
  /// USD per GPU-hour; `nil`: the catalog's.
  public let pricePerHour: Double?

  public init(
    deployment: Deployment, shape: RequestShape = .standard, tp: Int? = nil, pp: Int? = nil,
    dp: Int = 1, batches: [Int]? = nil, maxThroughput: Bool = false,
    efficiency: EfficiencySetting = .calibrated, pricePerHour: Double? = nil
  ) {
    self.deployment = deployment
    self.shape = shape
    self.tp = tp
    self.pp = pp
    self.dp = dp
    self.batches = batches
    self.maxThroughput = maxThroughput
    self.efficiency = efficiency
    self.pricePerHour = pricePerHour
  }
}

/// The estimates of one layout, in the order asked, and the verdict.
public struct PerfPlan: Sendable, Hashable {
  public let request: PerfRequest
  /// The layout estimated; `nil` when no count up to ``searchLimit`` holds one request.
  public let query: ServingQuery?
  public let estimates: [ServingEstimate]
  /// With ``PerfRequest/maxThroughput``: sequences per replica the KV cache holds; `nil` if
  /// not even one.
  public let maxBatch: Int?
  public let searchLimit: Int
  /// Fits when every batch fits in memory.
  public let verdict: Verdict
}

extension Planner {
  /// Estimates the request's layout (default: the fewest GPUs that hold one request, TP inside
  /// the fast domain) at each batch size. Throws when the given layout cannot run the model.
  public static func perf(_ request: PerfRequest) throws(PlanError) -> PerfPlan {
    let deployment = request.deployment
    let replica: Layout
    if request.tp != nil || request.pp != nil {
      replica = Layout(tp: request.tp ?? 1, pp: request.pp ?? 1)
    } else if let minimum = minimum(
      deployment, Workload(context: request.shape.tokens), limit: defaultSearchLimit)?.placement
    {
      replica = minimum.layout
    } else {
      return PerfPlan(
        request: request, query: nil, estimates: [], maxBatch: nil,
        searchLimit: defaultSearchLimit,
        verdict: .impossible([.nothingFits(limit: defaultSearchLimit)], remedies: []))
    }
    let layout = Layout(tp: replica.tp, pp: replica.pp, dp: request.dp)
    if let rejection = deployment.rejection(layout) {
      throw .impossibleLayout(layout, rejection)
    }
    let query = ServingQuery(
      deployment: deployment, layout: layout, shape: request.shape,
      efficiency: request.efficiency, pricePerHour: request.pricePerHour)
    let sizes = request.batches ?? (request.maxThroughput ? [] : [1])
    var estimates = sizes.map(query.estimate(batch:))
    let saturated = request.maxThroughput ? query.saturated() : nil
    if let saturated { estimates.append(saturated) }
    let maxBatch = saturated?.batch
    let verdict: Verdict =
      estimates.isEmpty
      ? .impossible([.noSequenceFits(context: request.shape.tokens)], remedies: [])
      : .combining(
        estimates.map { estimate in
          estimate.fits
            ? .fits
            : .short(by: .zero - estimate.placement.memory.headroom, remedies: [])
        })
    return PerfPlan(
      request: request, query: query, estimates: estimates, maxBatch: maxBatch,
      searchLimit: defaultSearchLimit, verdict: verdict)
  }
}
