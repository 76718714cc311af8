/// The answer every plan ends in: it fits; it is short of memory by so many bytes (with what
/// would make it fit); or it cannot run at all, and why. The CLI maps it to the exit code.
public enum Verdict: Sendable, Hashable {
  case fits
  /// The fullest GPU needs `by` more bytes than its capacity.
  case short(by: Bytes, remedies: [Remedy])
  /// No layout can run it; `reasons` say why.
  case impossible([Impossibility], remedies: [Remedy])
  /// It runs, but these latency targets are not met (simulated value against each).
  case missesTargets([LatencyTarget.Result])
  /// It fits, but these requirements (``Requirement``) fail (the value against each).
  case failsRequirements([Requirement.Result])

  public var fits: Bool {
    if case .fits = self { return true }
    return false
  }

  /// What would make a failing plan fit, best first.
  public var remedies: [Remedy] {
    switch self {
    case .fits, .missesTargets, .failsRequirements: []
    case .short(_, let remedies), .impossible(_, let remedies): remedies
    }
  }

  /// A stable machine name: `fits`, `short` or `impossible`.
  public var code: String {
    switch self {
    case .fits: "fits"
    case .short: "short"
    case .impossible: "impossible"
    case .missesTargets: "misses-targets"
    case .failsRequirements: "fails-requirements"
    }
  }

  /// The verdict of several answers to one question: the first impossibility, else the largest
  /// shortfall, else fits.
  public static func combining(_ verdicts: [Verdict]) -> Verdict {
    var largest: (Bytes, [Remedy])?
    for verdict in verdicts {
      switch verdict {
      case .fits: continue
      case .impossible, .missesTargets, .failsRequirements: return verdict
      case .short(let bytes, let remedies):
        if largest == nil || bytes > largest!.0 { largest = (bytes, remedies) }
      }
    }
    return largest.map { .short(by: $0.0, remedies: $0.1) } ?? .fits
  }
}

/// What would make a failing request fit.
public enum Remedy: Sendable, Hashable {
  /// This many GPUs, laid out so.
  case moreGPUs(Int, Layout)
  /// The same count at a narrower weight format.
  case precision(Precision)
  /// The same count at a context no longer than this.
  case context(Int)
  /// The same count holding no more sequences than this.
  case batch(Int)

  /// A stable machine name.
  public var code: String {
    switch self {
    case .moreGPUs: "gpus"
    case .precision: "precision"
    case .context: "context"
    case .batch: "batch"
    }
  }
}

/// Why nothing can run.
public enum Impossibility: Sendable, Hashable {
  /// No layout of the asked count can run the model.
  case layout(LayoutRejection)
  /// No count of GPUs up to `limit` holds the model and one sequence.
  case nothingFits(limit: Int)
  /// The KV cache of the chosen layout holds not even one sequence of `context` tokens.
  case noSequenceFits(context: Int)
  /// The engine starts on no layout of up to `limit` GPUs.
  case engineDoesNotStart(limit: Int)

  /// A stable machine name (README, "Rule and rejection codes").
  public var code: String {
    switch self {
    case .layout(let rejection): rejection.code
    case .nothingFits: "search.nothing-fits"
    case .noSequenceFits: "kv.no-sequence-fits"
    case .engineDoesNotStart: "engine.does-not-start"
    }
  }
}

/// A question the planner cannot answer as asked: an input error, not a "does not fit".
public enum PlanError: Error, Sendable, Hashable {
  /// The layout given cannot run the model.
  case impossibleLayout(Layout, LayoutRejection)
  /// No TP × PP layout of this many GPUs of `gpu` exists for `model`.
  case noLayout(gpus: Int, model: String, gpu: String, LayoutRejection)
  /// No layout of up to `limit` GPUs holds one request of `tokens` tokens.
  case noLayoutHoldsRequest(tokens: Int, limit: Int)
  /// Request `index` (0-based, in arrival order) needs more KV than one replica holds.
  case requestTooLong(index: Int, tokens: Int, capacity: Int)
  /// Disaggregated serving needs at least two replicas of `replica` in `gpus` GPUs.
  case disaggregationNeedsTwoReplicas(gpus: Int, replica: Layout)
  /// Request `index` is longer than the model's context.
  case requestBeyondContext(index: Int, tokens: Int, context: Int, model: String)
  /// The traffic has more output tokens than the simulations asked for run in well under a
  /// second: `searches` GPUs sized (1 for `serve` and `fit`).
  case tooMuchTraffic(outputTokens: Int, limit: Int, searches: Int)
}
