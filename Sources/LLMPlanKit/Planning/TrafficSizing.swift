/// "How many GPUs, laid out how, serve this traffic within these latency targets?": every
/// replica layout (TP × PP) that holds a request, with the fewest replicas that meet every
/// target, each candidate simulated (``Planner/serve(_:)``); the cheapest (fewest GPUs at one
/// price per GPU) wins.
public struct TrafficSizingRequest: Sendable, Hashable {
  public let deployment: Deployment
  public let shape: RequestShape
  /// Requests/s; `nil`: all at once.
  public let rate: Double?
  /// Requests simulated per candidate.
  public let requests: Int
  public let seed: UInt64
  public let targets: [LatencyTarget]
  public let maxGPUs: Int
  public let efficiency: EfficiencySetting
  /// Pipeline depths a replica may have.
  public let pipelineDepths: [Int]

  public init(
    deployment: Deployment, shape: RequestShape, rate: Double?, requests: Int = 500,
    seed: UInt64 = 0, targets: [LatencyTarget], maxGPUs: Int = 64,
    efficiency: EfficiencySetting = .calibrated, pipelineDepths: [Int] = [1, 2, 3, 4, 6, 8]
  ) {
    self.pipelineDepths = pipelineDepths
    self.deployment = deployment
    self.shape = shape
    self.rate = rate
    self.requests = max(1, requests)
    self.seed = seed
    self.targets = targets
    self.maxGPUs = max(1, maxGPUs)
    self.efficiency = efficiency
  }

  /// Largest GPU count searched by default: a few 8-GPU nodes.
  public static let defaultMaxGPUs = 64

  /// Most output tokens a sizing simulates, over all its GPUs: it replays the traffic on a
  /// few dozen candidates, and 400,000 tokens take about half a second.
  public static let outputTokenLimit = 400_000

  /// Throws when a request of `shape` is longer than the model's context, or when `searches`
  /// sizings of `requests` requests exceed ``outputTokenLimit`` output tokens.
  public static func check(
    shape: RequestShape, requests: Int, model: ModelSpec, searches: Int = 1
  ) throws(PlanError) {
    if shape.tokens > model.maxContext {
      throw .requestBeyondContext(
        index: 0, tokens: shape.tokens, context: model.maxContext, model: model.id)
    }
    let (perSearch, overflow) = requests.multipliedReportingOverflow(by: shape.output)
    let (total, overflowAll) = perSearch.multipliedReportingOverflow(by: max(1, searches))
    if overflow || overflowAll || total > outputTokenLimit {
      throw .tooMuchTraffic(
        outputTokens: overflow || overflowAll ? Int.max : total, limit: outputTokenLimit,
        searches: searches)
    }
  }
}

/// The answer: the cheapest candidate meeting every target, the next ones, and the closest
/// miss when none does.
public struct TrafficSizing: Sendable {
  public struct Candidate: Sendable {
    public let layout: Layout
    public let plan: ServePlan
    /// Worst ratio of simulated value to target (≤ 1 meets every target).
    public let worstRatio: Double
    public var meets: Bool { worstRatio <= 1 }
    public var gpus: Int { layout.gpus }
  }

  public let request: TrafficSizingRequest
  /// Every candidate simulated, in the order tried (GPU count, then TP, then PP).
  public let candidates: [Candidate]
  public let best: Candidate?
  /// The closest candidate when none meets the targets.
  public let closest: Candidate?

  /// Up to three more candidates that meet the targets, cheapest first (one per replica
  /// layout: the fewest replicas that meet).
  public var alternatives: [Candidate] {
    var seen: Set<Layout> = []
    if let best { seen.insert(Layout(tp: best.layout.tp, pp: best.layout.pp)) }
    let meeting = candidates.filter(\.meets).sorted {
      ($0.gpus, $0.worstRatio) < ($1.gpus, $1.worstRatio)
    }
    var out: [Candidate] = []
    for candidate in meeting where out.count < 3 {
      let replica = Layout(tp: candidate.layout.tp, pp: candidate.layout.pp)
      guard seen.insert(replica).inserted else { continue }
      out.append(candidate)
    }
    return out
  }

  public var verdict: Verdict {
    if best != nil { return .fits }
    guard let closest else {
      return .impossible([.nothingFits(limit: request.maxGPUs)], remedies: [])
    }
    return .missesTargets(closest.plan.targetResults)
  }
}

extension Planner {
  /// Searches replica layouts × replica counts up to ``TrafficSizingRequest/maxGPUs`` and
  /// returns the fewest GPUs that meet every target (ties: the largest margin).
  public static func sizeTraffic(_ request: TrafficSizingRequest) -> TrafficSizing {
    let deployment = request.deployment
    let tokens = request.shape.tokens
    // Replica layouts that hold one request: TP among the allowed sizes, PP up to 8.
    var replicas: [Layout] = []
    for tp in deployment.allowedTensorParallel.reversed() {
      for pp in request.pipelineDepths where tp * pp <= request.maxGPUs {
        let layout = Layout(tp: tp, pp: pp)
        guard deployment.rejection(layout) == nil,
          let capacity = KVCapacity.of(deployment, tp: tp, pp: pp, context: tokens),
          capacity.maxConcurrency >= 1
        else { continue }
        replicas.append(layout)
      }
    }
    var candidates: [TrafficSizing.Candidate] = []
    // One draw of the arrivals, replayed on every candidate.
    let arrivals = Arrivals.poisson(
      count: request.requests, rate: request.rate, inputTokens: request.shape.input,
      outputTokens: request.shape.output, seed: request.seed)
    func simulate(_ replica: Layout, dp: Int) -> TrafficSizing.Candidate? {
      guard
        let plan = try? serve(
          ServeRequest(
            deployment: deployment, tp: replica.tp, pp: replica.pp, dp: dp,
            traffic: .trace(arrivals), efficiency: request.efficiency, targets: request.targets))
      else { return nil }
      let worst = plan.targetResults.map { $0.value / $0.target.seconds }.max() ?? 0
      let candidate = TrafficSizing.Candidate(layout: plan.layout, plan: plan, worstRatio: worst)
      candidates.append(candidate)
      return candidate
    }
    // More replicas share the traffic, so latency falls as they are added: per layout, the
    // most replicas first (infeasible if even they miss), then the fewest that meet, by
    // bisection.
    var meeting: [TrafficSizing.Candidate] = []
    for replica in replicas {
      let most = request.maxGPUs / replica.gpusPerReplica
      guard most >= 1, let top = simulate(replica, dp: most), top.meets else { continue }
      var low = 1
      var high = most
      var found = top
      while low < high {
        let middle = (low + high) / 2
        if let candidate = simulate(replica, dp: middle), candidate.meets {
          found = candidate
          high = middle
        } else {
          low = middle + 1
        }
      }
      meeting.append(found)
    }
    let best = meeting.min {
      ($0.gpus, $0.worstRatio) < ($1.gpus, $1.worstRatio)
    }
    let closest =
      best == nil ? candidates.min(by: { $0.worstRatio < $1.worstRatio }) : nil
    return TrafficSizing(
      request: request, candidates: candidates, best: best, closest: closest)
  }
}

/// `compare` with traffic: per GPU, the cheapest configuration that meets the targets
/// (``Planner/sizeTraffic(_:)``, replicas of TP with at most 2 pipeline stages), priced by the
/// hour and per million output tokens at the traffic's rate, cheapest first.
public struct TrafficComparison: Sendable {
  public struct Row: Sendable {
    public let gpu: GPUSpec
    public let sizing: TrafficSizing?
    /// USD per hour of the answer's GPUs; `nil` without a price or an answer.
    public let costPerHour: Double?
    /// USD per million output tokens served at the rate.
    public let costPerMillionOutputTokens: Double?
  }

  public let rows: [Row]
  public var verdict: Verdict {
    rows.contains { $0.sizing?.best != nil }
      ? .fits : rows.compactMap { $0.sizing?.verdict }.first ?? .impossible([], remedies: [])
  }
}

extension Planner {
  public static func compareTraffic(
    _ request: CompareRequest, rate: Double?, requests: Int, seed: UInt64,
    targets: [LatencyTarget], maxGPUs: Int
  ) -> TrafficComparison {
    let rows = request.gpus.map { gpu -> TrafficComparison.Row in
      let deployment = request.setup.deployment(on: gpu)
      guard deployment.engine.engine.runs(on: gpu) else {
        return .init(gpu: gpu, sizing: nil, costPerHour: nil, costPerMillionOutputTokens: nil)
      }
      let sizing = sizeTraffic(
        TrafficSizingRequest(
          deployment: deployment, shape: request.shape, rate: rate, requests: requests,
          seed: seed, targets: targets, maxGPUs: maxGPUs, efficiency: request.efficiency,
          pipelineDepths: [1, 2]))
      let price = request.price(of: gpu)
      let hourly = sizing.best.flatMap { best in price.map { $0 * Double(best.gpus) } }
      let perMillion = hourly.flatMap { hourly -> Double? in
        guard let best = sizing.best else { return nil }
        let tokens =
          rate.map { $0 * Double(request.shape.output) }
          ?? best.plan
          .outputTokensPerSecond
        return hourly / 3600 / tokens * 1e6
      }
      return .init(
        gpu: gpu, sizing: sizing, costPerHour: hourly, costPerMillionOutputTokens: perMillion)
    }
    let sorted = rows.sorted { a, b in
      switch (a.costPerHour, b.costPerHour) {
      case (let x?, let y?): x < y
      case (.some, nil): true
      case (nil, .some): false
      case (nil, nil): (a.sizing?.best != nil) && (b.sizing?.best == nil)
      }
    }
    return TrafficComparison(rows: sorted)
  }
}
