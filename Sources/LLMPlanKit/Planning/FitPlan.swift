/// The answer to "how many GPUs does this need?".
public struct FitPlan: Sendable, Hashable {
  /// One GPU count considered and the layout chosen for it.
  public struct Option: Sendable, Hashable {
    public let gpus: Int
    /// The chosen placement; `nil` when no layout of this many GPUs exists.
    public let placement: Placement?
    /// Why no layout exists, when `placement` is `nil`.
    public let rejection: String?

    public var fits: Bool { placement?.fits ?? false }
  }

  /// What would make a failing request fit.
  public enum Remedy: Sendable, Hashable {
    case moreGPUs(Int, Layout)
    case precision(Precision)
    case context(Int)
    case batch(Int)
  }

  public let request: PlanRequest
  /// The smallest GPU count that fits within ``searchLimit``; `nil` if none does.
  public let minimum: Option?
  /// The count the user asked to check (`--gpus`), evaluated.
  public let checked: Option?
  /// Largest count searched (`--max-gpus`, or the default).
  public let searchLimit: Int
  /// Counts shown in the options table: powers of two up to the answer, the answer, the checked.
  public let options: [Option]
  /// Ways to make the asked configuration fit, when it does not.
  public let remedies: [Remedy]
  /// Every TP × PP × DP × EP layout of the headline count, ranked by throughput per GPU at
  /// ``PlanRequest/batch`` sequences; `nil` for the rule-of-thumb method.
  public let layouts: LayoutSearch?

  /// The best-ranked layout of the headline count that fits.
  public var recommended: LayoutCandidate? { layouts?.recommended }

  /// The verdict for the CI gate: the checked count fits, or a minimum exists within the limit.
  public var fits: Bool {
    if let checked { return checked.fits }
    return minimum != nil
  }

  /// The option the answer describes: the checked count, else the minimum.
  public var headline: Option? { checked ?? minimum }
}

/// Finds the minimum number of GPUs and its layout.
public enum Planner {
  /// Search limit when the user gives none.
  public static let defaultSearchLimit = 1024

  /// Formats offered as remedies, widest first: those serving engines load directly.
  public static let remedyPrecisions: [Precision] = [
    .fp8, Precision.named("nvfp4")!, Precision.named("awq")!,
  ]

  /// Evaluates one GPU count: among TP sizes allowed for the model and GPU that divide it, with
  /// PP = count / TP ≤ layers, prefers the largest TP that fits (TP inside the scale-up domain,
  /// pipeline stages beyond it); when none fits, reports the one closest to fitting.
  public static func option(_ request: PlanRequest, gpus: Int, topology: Topology? = nil)
    -> FitPlan.Option
  {
    guard gpus >= 1 else {
      return .init(gpus: gpus, placement: nil, rejection: "needs at least one GPU")
    }
    let allowed = TensorParallel.allowed(
      model: request.model, topology: topology ?? Topology(gpu: request.gpu))
    var fitting: Placement?
    var closest: Placement?
    for tp in allowed.reversed() where gpus % tp == 0 {
      guard let placement = request.place(tp: tp, pp: gpus / tp) else { continue }
      if placement.fits {
        fitting = placement
        break
      }
      if closest == nil || placement.memory.headroom > closest!.memory.headroom {
        closest = placement
      }
    }
    if let placement = fitting ?? closest {
      return .init(gpus: gpus, placement: placement, rejection: nil)
    }
    let sizes = allowed.map(String.init).joined(separator: ",")
    let most = (allowed.last ?? 1) * request.model.layers
    return .init(
      gpus: gpus, placement: nil,
      rejection:
        "no layout: \(gpus) is not TP × PP with TP in \(sizes) and PP ≤ \(request.model.layers) layers (max \(most) GPUs)"
    )
  }

  /// The smallest count in 1...limit that fits.
  public static func minimum(_ request: PlanRequest, limit: Int, topology: Topology? = nil)
    -> FitPlan.Option?
  {
    let topology = topology ?? Topology(gpu: request.gpu)
    let maxTP = TensorParallel.allowed(model: request.model, topology: topology).last ?? 1
    let ceiling = min(limit, maxTP * request.model.layers)
    guard ceiling >= 1 else { return nil }
    for gpus in 1...ceiling {
      let candidate = option(request, gpus: gpus, topology: topology)
      if candidate.fits { return candidate }
    }
    return nil
  }

  /// Plans `request`: the minimum count within `maxGPUs`, and, when `gpus` is given, that
  /// count's verdict with remedies if it does not fit.
  public static func fit(
    _ request: PlanRequest, gpus: Int? = nil, maxGPUs: Int? = nil, topology: Topology? = nil
  ) -> FitPlan {
    let topology = topology ?? Topology(gpu: request.gpu)
    let limit = maxGPUs ?? max(defaultSearchLimit, gpus ?? 0)
    let minimum = minimum(request, limit: limit, topology: topology)
    let checked = gpus.map { option(request, gpus: $0, topology: topology) }
    var counts: Set<Int> = []
    let top = minimum?.gpus ?? checked?.gpus ?? 8
    var power = 1
    while power <= max(top, 1) && power <= limit {
      counts.insert(power)
      power *= 2
    }
    if let minimum { counts.insert(minimum.gpus) }
    if let checked { counts.insert(checked.gpus) }
    let options = counts.sorted().map { count in
      count == minimum?.gpus
        ? minimum!
        : count == checked?.gpus ? checked! : option(request, gpus: count, topology: topology)
    }
    var remedies: [FitPlan.Remedy] = []
    if let target = checked
      ?? (minimum == nil ? option(request, gpus: limit, topology: topology) : nil),
      !target.fits
    {
      // Beyond a user's --max-gpus, say how many would do (within the default search limit).
      let reachable =
        minimum
        ?? (limit < defaultSearchLimit
          ? self.minimum(request, limit: defaultSearchLimit, topology: topology) : nil)
      remedies = self.remedies(request, failing: target, minimum: reachable, topology: topology)
    }
    let headline = checked ?? minimum
    var layouts: LayoutSearch?
    if request.method == .detailed, let headline, headline.fits {
      layouts = LayoutSearch(
        LayoutQuery(
          request: request, gpus: headline.gpus, topology: topology, concurrency: request.batch))
    }
    return FitPlan(
      request: request, minimum: minimum, checked: checked, searchLimit: limit, options: options,
      remedies: remedies, layouts: layouts)
  }

  static func remedies(
    _ request: PlanRequest, failing: FitPlan.Option, minimum: FitPlan.Option?, topology: Topology
  ) -> [FitPlan.Remedy] {
    var remedies: [FitPlan.Remedy] = []
    if let minimum, let placement = minimum.placement, minimum.gpus > failing.gpus {
      remedies.append(.moreGPUs(minimum.gpus, placement.layout))
    }
    let count = failing.gpus
    // The widest serving format below the current one that fits on the same count.
    let narrower = Planner.remedyPrecisions.filter { $0.bits < request.precision.bits }
    for precision in narrower {
      var smaller = request
      smaller.precision = precision
      if option(smaller, gpus: count, topology: topology).fits {
        remedies.append(.precision(precision))
        break
      }
    }
    if request.method == .detailed {
      // The largest value of a size setting that fits on the same count (memory grows with it).
      func largestFitting(_ setting: WritableKeyPath<PlanRequest, Int>) -> Int? {
        let current = request[keyPath: setting]
        let found = largest(1...current) { value in
          var smaller = request
          smaller[keyPath: setting] = value
          return option(smaller, gpus: count, topology: topology).fits
        }
        return found.flatMap { $0 < current ? $0 : nil }
      }
      if let context = largestFitting(\.context) { remedies.append(.context(context)) }
      if let batch = largestFitting(\.batch) { remedies.append(.batch(batch)) }
    }
    return remedies
  }

  /// The largest value in `range` satisfying a predicate that is true up to some point and false
  /// after it; `nil` if it fails at the lower bound.
  static func largest(_ range: ClosedRange<Int>, where holds: (Int) -> Bool) -> Int? {
    guard holds(range.lowerBound) else { return nil }
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let mid = low + (high - low + 1) / 2
      if holds(mid) { low = mid } else { high = mid - 1 }
    }
    return low
  }
}
