/// A threshold a plan must meet, for CI sizing checks: a minimum or a maximum on one figure of
/// the deployment `fit` recommends.
public struct Requirement: Sendable, Hashable {
  /// The figures a requirement can bound.
  public enum Metric: String, Sendable, Hashable, CaseIterable {
    /// Memory left on the fullest GPU, as a percentage of its capacity (minimum).
    case headroomPercent
    /// Sequences of the plan's context the KV cache holds at once (minimum).
    case concurrency
    /// Milliseconds to the first token of one prompt alone (maximum).
    case ttftMs
    /// Milliseconds per output token at the plan's batch (maximum).
    case tpotMs
    /// Output tokens per second of the layout at the plan's batch (minimum).
    case tokensPerSecond
    /// USD per million output tokens at the plan's batch (maximum).
    case costPerMillionTokens

    /// Whether the limit is a floor (else a ceiling).
    public var isMinimum: Bool {
      switch self {
      case .headroomPercent, .concurrency, .tokensPerSecond: true
      case .ttftMs, .tpotMs, .costPerMillionTokens: false
      }
    }
  }

  public let metric: Metric
  public let limit: Double

  public init(_ metric: Metric, _ limit: Double) {
    self.metric = metric
    self.limit = limit
  }

  /// A requirement against the value the plan gives (`nil`: the plan has no such figure, e.g.
  /// no price, which fails the requirement).
  public struct Result: Sendable, Hashable {
    public let requirement: Requirement
    public let value: Double?

    public init(requirement: Requirement, value: Double?) {
      self.requirement = requirement
      self.value = value
    }

    public var met: Bool {
      guard let value else { return false }
      return requirement.metric.isMinimum ? value >= requirement.limit : value <= requirement.limit
    }
    /// How far inside (positive) or outside (negative) the limit the value is, in its unit.
    public var margin: Double? {
      value.map { requirement.metric.isMinimum ? $0 - requirement.limit : requirement.limit - $0 }
    }
  }
}

/// The figures of one deployment that requirements bound (``Requirement/Metric``).
public struct DeploymentFigures: Sendable, Hashable {
  /// The layout they belong to.
  public let layout: Layout
  /// Prompt tokens of the TTFT figure.
  public let promptTokens: Int
  public let values: [Requirement.Metric: Double]
}

extension FitPlan {
  /// The figures of the recommended layout (``FitPlan/recommended``) at the plan's batch: its
  /// fullest GPU's headroom, its KV cache's concurrency at the plan's context, one prompt of
  /// `promptTokens` alone (TTFT), its decode step (TPOT, tokens/s) and cost per million
  /// output tokens; `nil` when nothing fits. The TTFT prefill is estimated only when `metrics`
  /// (default all) asks for it.
  public func figures(
    promptTokens: Int, metrics: [Requirement.Metric] = Requirement.Metric.allCases
  ) -> DeploymentFigures? {
    guard let candidate = recommended, let evaluation = candidate.evaluation, evaluation.fits
    else { return nil }
    let memory = evaluation.placement.memory
    let efficiency = Calibration.of(
      gpu: deployment.gpu, precision: deployment.precision, engine: deployment.engine.profile
    ).efficiency
    let replica = Layout(tp: candidate.layout.tp, pp: candidate.layout.pp)
    let prompt = max(1, min(promptTokens, workload.context))
    var values: [Requirement.Metric: Double] = [
      .headroomPercent: memory.headroom.value / memory.capacity.bytes.value * 100,
      .concurrency: evaluation.maxConcurrency,
      .tpotMs: evaluation.step.cycleSeconds * 1e3,
      .tokensPerSecond: evaluation.step.tokensPerSecond,
    ]
    if metrics.contains(.ttftMs) {
      values[.ttftMs] =
        PrefillStep.evaluate(
          deployment, layout: replica, stageLayers: evaluation.placement.stageLayers,
          sequences: 1, promptTokens: prompt, efficiency: efficiency
        ).seconds * 1e3
    }
    values[.costPerMillionTokens] = evaluation.costPerMillionTokens
    return DeploymentFigures(layout: candidate.layout, promptTokens: prompt, values: values)
  }
}

extension PerfPlan {
  /// The figures of the estimated layout, the worst of its rows for each: the least headroom,
  /// the highest TTFT, TPOT and cost, the fewest tokens/s; concurrency is the KV cache's at the
  /// request's tokens. `nil` when no row was estimated.
  public var figures: DeploymentFigures? {
    guard let query, !estimates.isEmpty else { return nil }
    let headroom = estimates.map {
      $0.placement.memory.headroom.value / $0.placement.memory.capacity.bytes.value * 100
    }
    var values: [Requirement.Metric: Double] = [
      .headroomPercent: headroom.min()!,
      .ttftMs: estimates.map { $0.expected.ttftSeconds * 1e3 }.max()!,
      .tpotMs: estimates.map { $0.expected.tpotSeconds * 1e3 }.max()!,
      .tokensPerSecond: estimates.map(\.outputTokensPerSecond).min()!,
    ]
    values[.concurrency] =
      KVCapacity.of(
        query.deployment, layout: query.replica, context: query.sequenceTokens,
        stageLayers: query.stageLayers)?.maxConcurrency
    let costs = estimates.compactMap(\.costPerMillionOutputTokens)
    if costs.count == estimates.count { values[.costPerMillionTokens] = costs.max() }
    return DeploymentFigures(layout: query.layout, promptTokens: query.shape.input, values: values)
  }
}

extension ServePlan {
  /// The metrics a simulated run gives a figure for: TTFT and TPOT are distributions here,
  /// bounded by the percentile targets (``LatencyTarget``), not by a single requirement.
  public static let requirementMetrics: [Requirement.Metric] = [
    .headroomPercent, .concurrency, .tokensPerSecond, .costPerMillionTokens,
  ]

  /// The figures of the simulated run: one replica's fullest GPU holding its longest request
  /// (headroom), the sequences of that length its KV cache holds at once, the run's output
  /// tokens/s and its cost per million output tokens at `pricePerHour` per GPU (default: the
  /// catalog's).
  public func figures(pricePerHour: Double? = nil) -> DeploymentFigures {
    let deployment = request.deployment
    let replica = Layout(tp: layout.tp, pp: layout.pp)
    let longest = request.requests.map { $0.inputTokens + $0.outputTokens }.max() ?? 1
    var values: [Requirement.Metric: Double] = [.tokensPerSecond: outputTokensPerSecond]
    if let placement = deployment.place(
      replica, Workload(context: longest), stageLayers: stageLayers)
    {
      let memory = placement.memory
      values[.headroomPercent] = memory.headroom.value / memory.capacity.bytes.value * 100
    }
    values[.concurrency] =
      KVCapacity.of(deployment, layout: replica, context: longest, stageLayers: stageLayers)?
      .maxConcurrency
    if let price = pricePerHour ?? deployment.gpu.pricePerHour, outputTokensPerSecond > 0 {
      values[.costPerMillionTokens] =
        price * Double(layout.gpus) / 3600 / outputTokensPerSecond * 1e6
    }
    return DeploymentFigures(layout: layout, promptTokens: longest, values: values)
  }
}
