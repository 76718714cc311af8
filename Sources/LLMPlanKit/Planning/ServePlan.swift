/// A latency objective on a percentile of the simulated requests: "p99 TTFT ≤ 2 s".
public struct LatencyTarget: Sendable, Hashable {
  public enum Metric: String, Sendable, Hashable, CaseIterable {
    case ttft, tpot, e2e
  }

  public let metric: Metric
  /// 50, 90 or 99.
  public let percentile: Int
  public let seconds: Double

  public init(_ metric: Metric, percentile: Int, seconds: Double) {
    self.metric = metric
    self.percentile = percentile
    self.seconds = seconds
  }

  /// Each target against the percentiles simulated.
  public static func results(
    _ targets: [LatencyTarget], ttft: LatencySummary, tpot: LatencySummary, e2e: LatencySummary
  ) -> [Result] {
    targets.map { target in
      let summary =
        switch target.metric {
        case .ttft: ttft
        case .tpot: tpot
        case .e2e: e2e
        }
      return Result(target: target, value: summary.percentile(target.percentile))
    }
  }

  /// A target against what the simulation gave.
  public struct Result: Sendable, Hashable {
    public let target: LatencyTarget
    public let value: Double
    public var met: Bool { value <= target.seconds }
  }
}

/// Percentiles of one latency over the requests, in seconds.
public struct LatencySummary: Sendable, Hashable {
  public let mean: Double
  public let p50: Double
  public let p90: Double
  public let p99: Double

  /// Nearest-rank percentiles of `values`.
  public init(_ values: [Double]) {
    let sorted = values.sorted()
    func rank(_ q: Double) -> Double {
      guard !sorted.isEmpty else { return 0 }
      let index = Int((q * Double(sorted.count)).rounded(.up)) - 1
      return sorted[min(max(index, 0), sorted.count - 1)]
    }
    mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    p50 = rank(0.5)
    p90 = rank(0.9)
    p99 = rank(0.99)
  }

  init(_ histogram: LatencyHistogram) {
    mean = histogram.mean
    p50 = histogram.quantile(0.5)
    p90 = histogram.quantile(0.9)
    p99 = histogram.quantile(0.99)
  }

  public func percentile(_ p: Int) -> Double {
    switch p {
    case ..<51: p50
    case ..<91: p90
    default: p99
    }
  }
}

/// "What latency and throughput does this layout give at this traffic?": requests (Poisson
/// arrivals or a trace) simulated on one layout under the engine profile's scheduler.
public struct ServeRequest: Sendable, Hashable {
  public enum Traffic: Sendable, Hashable {
    /// `count` requests of fixed lengths at `rate` requests/s (`nil`: all at once).
    case poisson(count: Int, rate: Double?, shape: RequestShape, seed: UInt64)
    /// Requests as recorded, sorted by arrival.
    case trace([TracedRequest])
  }

  public let deployment: Deployment
  /// TP × PP per replica; `nil` takes perf's default (the fewest GPUs that hold a request).
  public let tp: Int?
  public let pp: Int?
  public let dp: Int
  public let traffic: Traffic
  public let efficiency: EfficiencySetting
  public let prefixCacheHit: Double
  public let targets: [LatencyTarget]

  public init(
    deployment: Deployment, tp: Int? = nil, pp: Int? = nil, dp: Int = 1, traffic: Traffic,
    efficiency: EfficiencySetting = .calibrated, prefixCacheHit: Double = 0,
    targets: [LatencyTarget] = []
  ) {
    self.deployment = deployment
    self.tp = tp
    self.pp = pp
    self.dp = max(1, dp)
    self.traffic = traffic
    self.efficiency = efficiency
    self.prefixCacheHit = prefixCacheHit
    self.targets = targets
  }

  public var requests: [TracedRequest] {
    switch traffic {
    case .poisson(let count, let rate, let shape, let seed):
      Arrivals.poisson(
        count: count, rate: rate, inputTokens: shape.input, outputTokens: shape.output,
        seed: seed)
    case .trace(let requests): requests
    }
  }
}

/// The simulated serving run and its latency percentiles.
public struct ServePlan: Sendable {
  public let request: ServeRequest
  public let layout: Layout
  public let stageLayers: [Int]
  public let efficiency: EfficiencyRange
  public let settings: ServeSimulation.Settings
  public let simulation: ServeSimulation
  public let ttft: LatencySummary
  public let tpot: LatencySummary
  public let itl: LatencySummary
  public let e2e: LatencySummary
  public let queue: LatencySummary
  public let outputTokensPerSecond: Double
  public let requestsPerSecond: Double
  /// Fraction of requests whose own TTFT, TPOT and end-to-end latency meet the tightest target
  /// of each; `nil` without targets.
  public let goodput: Double?
  public let targetResults: [LatencyTarget.Result]
  public let verdict: Verdict

}

extension Planner {
  /// Most requests one simulation takes.
  public static let serveRequestLimit = 100_000
  /// Most output tokens one simulation decodes (10,000 requests of 1,000): its cost grows with
  /// them, and this many take about half a second.
  public static let serveOutputTokenLimit = 10_000_000

  /// Simulates the request's traffic on its layout.
  public static func serve(_ request: ServeRequest) throws(PlanError) -> ServePlan {
    let deployment = request.deployment
    let requests = request.requests
    let longest = requests.map { $0.inputTokens + $0.outputTokens }.max() ?? 1
    try checkTraffic(requests, model: deployment.model)
    let replica: Layout
    if request.tp != nil || request.pp != nil {
      replica = Layout(tp: request.tp ?? 1, pp: request.pp ?? 1)
    } else if let minimum = minimum(
      deployment, Workload(context: longest), limit: defaultSearchLimit)?.placement
    {
      replica = minimum.layout
    } else {
      throw .noLayoutHoldsRequest(tokens: longest, limit: defaultSearchLimit)
    }
    let layout = Layout(tp: replica.tp, pp: replica.pp, dp: request.dp)
    if let rejection = deployment.rejection(layout) {
      throw .impossibleLayout(layout, rejection)
    }
    let stages = deployment.balancedStages(replica, Workload(context: longest))
    guard
      let capacity = KVCapacity.of(
        deployment, layout: replica, context: longest, stageLayers: stages)
    else { throw .noLayoutHoldsRequest(tokens: longest, limit: defaultSearchLimit) }
    let settings = deployment.servingSettings(
      replica: replica, capacity: capacity, context: longest,
      prefixCacheHit: request.prefixCacheHit)
    let blockTokens = settings.blocks * settings.blockSize
    if let index = requests.firstIndex(where: {
      ($0.inputTokens + $0.outputTokens + settings.blockSize - 1) / settings.blockSize
        > settings.blocks
    }) {
      throw .requestTooLong(
        index: index, tokens: requests[index].inputTokens + requests[index].outputTokens,
        capacity: blockTokens)
    }
    let range = request.efficiency.resolve(
      gpu: deployment.gpu, precision: deployment.precision, engine: deployment.engine.profile)
    let clock = IterationClock(
      deployment, layout: replica, stageLayers: stages, efficiency: range.expected)
    let simulation = ServeSimulation.run(
      requests, replicas: layout.dp, settings: settings, clock: clock)
    let outcomes = simulation.outcomes
    let ttft = LatencySummary(outcomes.map(\.ttft))
    let tpot = LatencySummary(outcomes.filter { $0.outputTokens > 1 }.map(\.tpot))
    let e2e = LatencySummary(outcomes.map(\.e2e))
    let queue = LatencySummary(outcomes.map(\.queue))
    let tokens = outcomes.reduce(0) { $0 + $1.outputTokens }
    let results = LatencyTarget.results(request.targets, ttft: ttft, tpot: tpot, e2e: e2e)
    var goodput: Double?
    if !request.targets.isEmpty {
      func tightest(_ metric: LatencyTarget.Metric) -> Double {
        request.targets.filter { $0.metric == metric }.map(\.seconds).min() ?? .infinity
      }
      let limits = (tightest(.ttft), tightest(.tpot), tightest(.e2e))
      let good = outcomes.filter {
        $0.ttft <= limits.0 && $0.tpot <= limits.1 && $0.e2e <= limits.2
      }.count
      goodput = outcomes.isEmpty ? 0 : Double(good) / Double(outcomes.count)
    }
    return ServePlan(
      request: request, layout: layout, stageLayers: stages, efficiency: range,
      settings: settings, simulation: simulation, ttft: ttft, tpot: tpot,
      itl: LatencySummary(simulation.interTokenLatency), e2e: e2e, queue: queue,
      outputTokensPerSecond: Double(tokens) / simulation.span,
      requestsPerSecond: Double(outcomes.count) / simulation.span, goodput: goodput,
      targetResults: results,
      verdict: results.allSatisfy(\.met) ? .fits : .missesTargets(results))
  }
}

extension Planner {
  /// Throws when a request is longer than the model's context or the traffic is more than
  /// one simulation takes (``serveOutputTokenLimit``).
  static func checkTraffic(_ requests: [TracedRequest], model: ModelSpec) throws(PlanError) {
    if let index = requests.firstIndex(where: {
      $0.inputTokens + $0.outputTokens > model.maxContext
    }) {
      throw .requestBeyondContext(
        index: index, tokens: requests[index].inputTokens + requests[index].outputTokens,
        context: model.maxContext, model: model.id)
    }
    let output = requests.reduce(0) { $0 + $1.outputTokens }
    if output > serveOutputTokenLimit {
      throw .tooMuchTraffic(outputTokens: output, limit: serveOutputTokenLimit, searches: 1)
    }
  }
}

extension Deployment {
  /// The scheduler limits of one replica of `replica` whose KV cache is `capacity`, for
  /// requests up to `context` tokens: the engine release's token budget, sequence cap and
  /// admission rule.
  func servingSettings(
    replica: Layout, capacity: KVCapacity, context: Int, prefixCacheHit: Double = 0
  ) -> ServeSimulation.Settings {
    let engine = engineSettings(layout: replica, context: context)
    return ServeSimulation.Settings(
      tokensPerIteration: engine.batchedTokens, maxSequences: engine.maxSequences,
      blockSize: capacity.blockSize, blocks: capacity.gpuBlocks, prefixCacheHit: prefixCacheHit,
      reserveFullLength: self.engine.profile.reservesFullLength,
      chunkedPrefill: engine.chunkedPrefill)
  }
}
