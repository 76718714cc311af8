/// "How does speed scale with GPUs?": plain Amdahl's law, or derived from a model.
public enum ScaleRequest: Sendable, Hashable {
  /// S(N) = 1 / ((1 − p) + p / N) at each count.
  case amdahl(parallelFraction: Double, gpus: [Int])
  /// Each count's fastest layout of `deployment` serving `concurrency` sequences of `context`
  /// tokens (default: the model's maximum).
  case derived(Deployment, context: Int?, concurrency: Int, gpus: [Int])

  /// GPU counts when none are given.
  public static let defaultGPUCounts = [1, 2, 4, 8]
}

/// The curve and what it was computed for.
public struct ScalePlan: Sendable, Hashable {
  public let request: ScaleRequest
  public let curve: ScaleCurve
  /// The context of a derived curve.
  public let context: Int?
  /// Always answered: a curve has no "does not fit" (its points say which fit).
  public var verdict: Verdict { .fits }
}

extension Planner {
  public static func scale(_ request: ScaleRequest) -> ScalePlan {
    switch request {
    case .amdahl(let p, let gpus):
      return ScalePlan(
        request: request, curve: .amdahl(parallelFraction: p, gpus: gpus), context: nil)
    case .derived(let deployment, let context, let concurrency, let gpus):
      let context = context ?? deployment.model.maxContext
      return ScalePlan(
        request: request,
        curve: .derived(deployment, context: context, gpus: gpus, concurrency: concurrency),
        context: context)
    }
  }
}
