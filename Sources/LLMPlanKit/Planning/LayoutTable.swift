/// "How should these GPUs be laid out?": every layout of a count, ranked.
public struct LayoutsRequest: Sendable, Hashable {
  public let deployment: Deployment
  /// Tokens each sequence holds at its longest.
  public let context: Int
  /// GPUs to lay out; `nil`: the fewest that hold the model and the sequences.
  public let gpus: Int?
  /// Sequences served at once by all the GPUs; `nil`: what each group's KV cache holds.
  public let concurrency: Int?
  public let objective: LayoutObjective
  /// USD per GPU-hour; `nil`: the catalog's.
  public let pricePerHour: Double?
  /// Build the launch command of the recommended layout on the deployment's engine.
  public let emit: Bool

  /// `context` defaults to the model's maximum.
  public init(
    deployment: Deployment, context: Int? = nil, gpus: Int? = nil, concurrency: Int? = nil,
    objective: LayoutObjective = .throughput, pricePerHour: Double? = nil, emit: Bool = false
  ) {
    self.deployment = deployment
    self.context = context ?? deployment.model.maxContext
    self.gpus = gpus
    self.concurrency = concurrency
    self.objective = objective
    self.pricePerHour = pricePerHour
    self.emit = emit
  }
}

/// Every layout of the count, ranked, with the launch line and the verdict.
public struct LayoutTable: Sendable, Hashable {
  public let request: LayoutsRequest
  /// `nil` when no count up to ``searchLimit`` holds the model (only without a given count).
  public let search: LayoutSearch?
  public let searchLimit: Int
  public let launch: LaunchCommand?
  /// Fits when a layout fits; short by the closest layout's shortfall; impossible when every
  /// layout is rejected or no count fits.
  public let verdict: Verdict
}

extension Planner {
  /// Lays out the request's count (default: the fewest GPUs that fit) every way the model
  /// allows and ranks the layouts by the request's objective.
  public static func layouts(_ request: LayoutsRequest) -> LayoutTable {
    let deployment = request.deployment
    let count =
      request.gpus
      ?? minimum(
        deployment, Workload(context: request.context, sequences: request.concurrency ?? 1),
        limit: defaultSearchLimit)?.gpus
    guard let count else {
      return LayoutTable(
        request: request, search: nil, searchLimit: defaultSearchLimit, launch: nil,
        verdict: .impossible([.nothingFits(limit: defaultSearchLimit)], remedies: []))
    }
    let search = LayoutSearch(
      LayoutQuery(
        deployment: deployment, context: request.context, gpus: count,
        concurrency: request.concurrency, objective: request.objective,
        pricePerHour: request.pricePerHour))
    return LayoutTable(
      request: request, search: search, searchLimit: defaultSearchLimit,
      launch: request.emit ? search.launchCommand : nil, verdict: search.verdict)
  }
}

extension LayoutSearch {
  /// Fits when a layout fits; else short by the closest valid layout's shortfall; else
  /// impossible, with every distinct rejection.
  public var verdict: Verdict {
    if recommended != nil { return .fits }
    if let closest = candidates.first(where: { $0.evaluation != nil })?.evaluation {
      return .short(by: max(.zero, .zero - closest.placement.memory.headroom), remedies: [])
    }
    var reasons: [Impossibility] = []
    for candidate in candidates {
      guard let rejection = candidate.rejection else { continue }
      if !reasons.contains(.layout(rejection)) { reasons.append(.layout(rejection)) }
    }
    return .impossible(reasons, remedies: [])
  }
}
