/// What a layout search ranks by.
public enum LayoutObjective: String, Sendable, Hashable, CaseIterable {
  /// Output tokens per second per GPU (the default: what a fixed fleet delivers).
  case throughput
  /// Time per output token of one sequence.
  case latency
  /// Dollars per million output tokens at the GPU's hourly price.
  case cost
  /// Least memory on the fullest GPU.
  case memory
}

/// A question about every layout of a fixed number of GPUs.
public struct LayoutQuery: Sendable, Hashable {
  public let deployment: Deployment
  /// Tokens each sequence holds at its longest.
  public let context: Int
  public let gpus: Int
  /// Sequences served at once by all the GPUs together; `nil`: every attention group runs as
  /// many as its KV cache holds, up to the engine's cap.
  public let concurrency: Int?
  public let objective: LayoutObjective
  /// Default: the GPU's and precision's ``Calibration``.
  public let efficiency: Efficiency
  /// USD per GPU-hour; `nil` takes the catalog's indicative price.
  public let pricePerHour: Double?
  /// Whether layouts that do not fit are measured and listed too (`layouts` shows them, with
  /// their speed); a search that only wants the best that fits (`fit`, `compare`, the
  /// suggestion) leaves them out and skips their step estimates.
  public var measuresShortLayouts = true

  public init(
    deployment: Deployment, context: Int, gpus: Int, concurrency: Int? = nil,
    objective: LayoutObjective = .throughput, efficiency: Efficiency? = nil,
    pricePerHour: Double? = nil
  ) {
    self.deployment = deployment
    self.context = context
    self.gpus = gpus
    self.concurrency = concurrency
    self.objective = objective
    self.efficiency =
      efficiency
      ?? Calibration.of(
        gpu: deployment.gpu, precision: deployment.precision, engine: deployment.engine.profile
      ).efficiency
    self.pricePerHour = pricePerHour
  }

  public var price: Double? { pricePerHour ?? deployment.gpu.pricePerHour }
}

/// One layout of the search: rejected with a reason, or evaluated.
public struct LayoutCandidate: Sendable, Hashable {
  public let layout: Layout
  /// Why the layout cannot run at all; `nil` when it was evaluated.
  public let rejection: LayoutRejection?
  public let evaluation: LayoutEvaluation?
  /// 1 for the best layout that fits; `nil` for layouts that do not fit or were rejected.
  public internal(set) var rank: Int?

  public var fits: Bool { evaluation?.fits ?? false }
}

/// A valid layout, evaluated: memory per stage, KV capacity, decode speed, cost.
public struct LayoutEvaluation: Sendable, Hashable {
  /// Per-GPU memory of every stage while running ``sequencesPerGroup`` sequences.
  public let placement: Placement
  /// KV capacity of one attention group at the query's context; `nil` if it has none.
  public let capacity: KVCapacity?
  /// Sequences each attention group runs.
  public let sequencesPerGroup: Int
  public let step: DecodeStep
  public let fits: Bool
  /// USD per million output tokens; `nil` without a price.
  public let costPerMillionTokens: Double?

  /// Sequences of the full context all GPUs hold at once.
  public var maxConcurrency: Double {
    (capacity?.maxConcurrency ?? 0) * Double(step.layout.attentionGroups)
  }
}

/// Every layout tp · pp · dp · ep = GPUs, checked, evaluated and ranked.
public struct LayoutSearch: Sendable, Hashable {
  public let query: LayoutQuery
  /// Ranked layouts that fit, then valid layouts that do not fit (most headroom first), then
  /// rejected layouts in enumeration order.
  public let candidates: [LayoutCandidate]

  public var recommended: LayoutCandidate? { candidates.first { $0.rank == 1 } }
  public var fitting: [LayoutCandidate] { candidates.filter(\.fits) }

  /// Every (tp, pp, dp, ep) with product `gpus`, in a fixed order: tp, then pp, then ep
  /// ascending (dp takes the rest). EP is enumerated for MoE models only.
  public static func layouts(gpus: Int, model: ModelSpec) -> [Layout] {
    guard gpus >= 1 else { return [] }
    var layouts: [Layout] = []
    for tp in divisors(gpus) {
      for pp in divisors(gpus / tp) {
        let rest = gpus / tp / pp
        for ep in model.moe == nil ? [1] : divisors(rest) {
          layouts.append(Layout(tp: tp, pp: pp, dp: rest / ep, ep: ep))
        }
      }
    }
    return layouts
  }

  static func divisors(_ n: Int) -> [Int] {
    var small: [Int] = []
    var large: [Int] = []
    var d = 1
    while d * d <= n {
      if n % d == 0 {
        small.append(d)
        if d * d != n { large.append(n / d) }
      }
      d += 1
    }
    return small + large.reversed()
  }

  public init(_ query: LayoutQuery) {
    self.query = query
    let deployment = query.deployment
    let model = deployment.model
    var evaluated: [LayoutCandidate] = []
    var rejected: [LayoutCandidate] = []
    for layout in LayoutSearch.layouts(gpus: query.gpus, model: model) {
      if let reason = deployment.rejection(layout) {
        rejected.append(.init(layout: layout, rejection: reason, evaluation: nil, rank: nil))
      } else if let evaluation = LayoutSearch.evaluate(layout, query: query) {
        evaluated.append(.init(layout: layout, rejection: nil, evaluation: evaluation))
      }
    }
    var fitting = evaluated.filter(\.fits)
    let key = LayoutSearch.sortKey(query.objective)
    fitting = fitting.enumerated().sorted { a, b in
      let (x, y) = (key(a.element.evaluation!), key(b.element.evaluation!))
      return x != y ? x < y : a.offset < b.offset
    }.map(\.element)
    for index in fitting.indices { fitting[index].rank = index + 1 }
    let short = evaluated.filter { !$0.fits }.enumerated().sorted { a, b in
      let x = a.element.evaluation!.placement.memory.headroom
      let y = b.element.evaluation!.placement.memory.headroom
      return x != y ? x > y : a.offset < b.offset
    }.map(\.element)
    candidates = fitting + short + rejected
  }

  /// Smaller is better.
  static func sortKey(_ objective: LayoutObjective) -> (LayoutEvaluation) -> Double {
    switch objective {
    case .throughput: { -$0.step.tokensPerSecondPerGPU }
    case .latency: { $0.step.cycleSeconds }
    case .cost: { $0.costPerMillionTokens ?? -$0.step.tokensPerSecondPerGPU }
    case .memory: { $0.placement.memory.total.value }
    }
  }

  /// The layout evaluated; `nil` when it does not fit and the query leaves such layouts out.
  static func evaluate(_ layout: Layout, query: LayoutQuery) -> LayoutEvaluation? {
    let deployment = query.deployment
    let groups = layout.attentionGroups
    let given = query.concurrency.map { ($0 + groups - 1) / groups }
    let split = deployment.balancedStages(
      layout, Workload(context: query.context, sequences: given ?? 1))
    let capacity = KVCapacity.of(
      deployment, layout: layout, context: query.context, stageLayers: split)
    let holds = Int((capacity?.maxConcurrency ?? 0).rounded(.down))
    let sequences = given ?? max(1, min(deployment.maxSequences, holds))
    let placement = deployment.place(
      layout, Workload(context: query.context, sequences: sequences), stageLayers: split)!
    let fits = placement.fits && (given != nil || holds >= 1)
    if !fits, !query.measuresShortLayouts { return nil }
    let step = DecodeStep.evaluate(
      deployment, layout: layout, stageLayers: split, sequencesPerGroup: sequences,
      context: query.context, tokensPerCycle: query.concurrency, efficiency: query.efficiency)
    let cost = query.price.map { price in
      price * Double(layout.gpus) / 3600 / step.tokensPerSecond * 1e6
    }
    return LayoutEvaluation(
      placement: placement, capacity: capacity, sequencesPerGroup: sequences, step: step,
      fits: fits, costPerMillionTokens: cost)
  }
}
