/// "How many GPUs does this need?": a deployment and what it must hold, optionally an exact
/// count to check and a search limit.
public struct FitRequest: Sendable, Hashable {
  public let deployment: Deployment
  /// Context and sequences the GPUs must hold at once (one replica: fit plans TP × PP).
  public let workload: Workload
  /// Check exactly this count; `nil`: the minimum only.
  public let gpus: Int?
  /// Search at most this many GPUs; `nil`: ``Planner/defaultSearchLimit`` (or `gpus`, if larger).
  public let maxGPUs: Int?
  /// Build the launch command of the recommended layout on the deployment's engine.
  public let emit: Bool
  /// Also suggest what to deploy up to a server (``DeploymentSuggestion``) and list the
  /// power-of-two counts around the answer, as people read them; a sweep (`check`) leaves
  /// both out.
  public var advise = true

  /// `context` defaults to the model's maximum (as serving engines size the KV cache).
  public init(
    deployment: Deployment, context: Int? = nil, sequences: Int = 1, gpus: Int? = nil,
    maxGPUs: Int? = nil, emit: Bool = false
  ) {
    self.deployment = deployment
    self.workload = Workload(context: context ?? deployment.model.maxContext, sequences: sequences)
    self.gpus = gpus
    self.maxGPUs = maxGPUs
    self.emit = emit
  }

  /// The largest count searched when the request gives none.
  public static let defaultSearchLimit = Planner.defaultSearchLimit

  /// The largest count searched.
  public var searchLimit: Int { maxGPUs ?? max(Self.defaultSearchLimit, gpus ?? 0) }
}

/// The answer to "how many GPUs does this need?".
public struct FitPlan: Sendable, Hashable {
  /// One GPU count considered and the layout chosen for it.
  public struct Option: Sendable, Hashable {
    public let gpus: Int
    /// The chosen placement; `nil` when no layout of this many GPUs exists.
    public let placement: Placement?
    /// Why no layout exists, when `placement` is `nil`.
    public let rejection: LayoutRejection?

    public var fits: Bool { placement?.fits ?? false }
  }

  public let request: FitRequest
  /// The smallest GPU count that fits within ``searchLimit``; `nil` if none does.
  public let minimum: Option?
  /// The count the request asked to check, evaluated.
  public let checked: Option?
  /// Largest count searched.
  public let searchLimit: Int
  /// Counts shown in the options table: powers of two up to the answer, the answer, the checked.
  public let options: [Option]
  /// The TP × PP × DP × EP layouts of the headline count that fit, ranked by throughput per GPU
  /// at the workload's sequences (those that do not fit are left out: `layouts` lists them);
  /// `nil` for the rule-of-thumb method or when nothing fits.
  public let layouts: LayoutSearch?
  /// llama.cpp only: the most layers the asked-for count (else one GPU) holds when the whole
  /// model does not fit it, the rest in host RAM.
  public let offload: PartialOffload?
  /// The launch command of the recommended layout (or of ``offload`` when nothing fits the
  /// asked-for count), when the request asked for one.
  public let launch: LaunchCommand?
  /// Without a count asked for: the deployment up to one server that serves the most tokens
  /// per GPU (``Planner/suggest(_:context:)``).
  public let suggestion: DeploymentSuggestion?
  /// The checked count fits, or a minimum exists within the limit; else why not, with remedies.
  public let verdict: Verdict

  public var deployment: Deployment { request.deployment }
  public var workload: Workload { request.workload }
  /// Ways to make the asked configuration fit, when it does not.
  public var remedies: [Remedy] { verdict.remedies }
  /// The best-ranked layout of the headline count that fits.
  public var recommended: LayoutCandidate? { layouts?.recommended }
  /// The option the answer describes: the checked count, else the minimum.
  public var headline: Option? { checked ?? minimum }
}

/// The planner: one entry point per question, each taking a request value and returning a
/// plan whose ``Verdict`` answers it.
public enum Planner {
  /// Search limit when the request gives none.
  public static let defaultSearchLimit = 1024

  /// Formats offered as remedies, widest first: those serving engines load directly.
  public static let remedyPrecisions: [Precision] = [
    .fp8, Precision.named("nvfp4")!, Precision.named("awq")!,
  ]

  /// Plans `request`: the minimum count within the search limit, and, when the request names a
  /// count, that count's verdict with remedies if it does not fit.
  public static func fit(_ request: FitRequest) -> FitPlan {
    var counts = CountSearch(request.deployment, request.workload)
    let limit = request.searchLimit
    let minimum = counts.minimum(limit: limit)
    let checked = request.gpus.map { counts.option($0) }
    var shown: Set<Int> = []
    let top = minimum?.gpus ?? checked?.gpus ?? 8
    var power = 1
    while request.advise, power <= max(top, 1) && power <= limit {
      shown.insert(power)
      power *= 2
    }
    if let minimum { shown.insert(minimum.gpus) }
    if let checked { shown.insert(checked.gpus) }
    let options = shown.sorted().map { counts.option($0) }
    var remedies: [Remedy] = []
    let target = checked ?? (minimum == nil ? counts.option(limit) : nil)
    if let target, !target.fits {
      // Beyond a short search limit, say how many would do (within the default limit).
      let reachable =
        minimum ?? (limit < defaultSearchLimit ? counts.minimum(limit: defaultSearchLimit) : nil)
      remedies = self.remedies(request, failing: target, minimum: reachable)
    }
    let verdict: Verdict
    if let checked {
      if checked.fits {
        verdict = .fits
      } else if let placement = checked.placement {
        verdict = .short(by: .zero - placement.memory.headroom, remedies: remedies)
      } else {
        verdict = .impossible(checked.rejection.map { [.layout($0)] } ?? [], remedies: remedies)
      }
    } else {
      verdict =
        minimum != nil ? .fits : .impossible([.nothingFits(limit: limit)], remedies: remedies)
    }
    var layouts: LayoutSearch?
    if request.deployment.method == .detailed, let headline = checked ?? minimum, headline.fits {
      var query = LayoutQuery(
        deployment: request.deployment, context: request.workload.context,
        gpus: headline.gpus, concurrency: request.workload.sequences)
      query.measuresShortLayouts = false
      layouts = LayoutSearch(query)
    }
    var offload: PartialOffload?
    if request.deployment.engine.profile.offloadsLayersToHost,
      case let small = checked ?? counts.option(1),
      !small.fits, minimum.map({ $0.gpus > small.gpus }) ?? true
    {
      offload = request.deployment.partialOffload(gpus: small.gpus, request.workload)
    }
    var launch: LaunchCommand?
    if request.emit {
      if checked?.fits == false, let offload {
        launch = LaunchCommand(
          deployment: request.deployment, context: request.workload.context,
          layout: Layout(tp: 1, pp: offload.gpus), stageLayers: offload.stageLayers,
          sequences: request.workload.sequences,
          offload: offload)
      } else {
        launch = layouts?.launchCommand
      }
    }
    let suggestion =
      request.advise && request.gpus == nil && minimum != nil
      ? suggest(request.deployment, context: request.workload.context) : nil
    return FitPlan(
      request: request, minimum: minimum, checked: checked, searchLimit: limit, options: options,
      layouts: layouts, offload: offload, launch: launch, suggestion: suggestion,
      verdict: verdict)
  }

  /// Evaluates one GPU count: among TP sizes allowed for the model and GPU that divide it, with
  /// PP = count / TP ≤ layers, prefers the largest TP that fits (TP inside the scale-up domain,
  /// pipeline stages beyond it); when none fits, reports the one closest to fitting.
  public static func option(_ deployment: Deployment, _ workload: Workload, gpus: Int)
    -> FitPlan.Option
  {
    let allowed = deployment.allowedTensorParallel
    guard gpus >= 1 else {
      return .init(gpus: gpus, placement: nil, rejection: .degreeBelowOne)
    }
    var fitting: Placement?
    var closest: Placement?
    for tp in allowed.reversed() where gpus % tp == 0 {
      guard let placement = deployment.place(tp: tp, pp: gpus / tp, workload) else { continue }
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
    return .init(
      gpus: gpus, placement: nil,
      rejection: .noTensorPipelineLayout(
        gpus: gpus, allowedTP: allowed, layers: deployment.model.layers))
  }

  /// The smallest count in 1...limit that fits.
  public static func minimum(_ deployment: Deployment, _ workload: Workload, limit: Int)
    -> FitPlan.Option?
  {
    var counts = CountSearch(deployment, workload)
    return counts.minimum(limit: limit)
  }

  static func remedies(_ request: FitRequest, failing: FitPlan.Option, minimum: FitPlan.Option?)
    -> [Remedy]
  {
    let deployment = request.deployment
    let workload = request.workload
    var remedies: [Remedy] = []
    if let minimum, let placement = minimum.placement, minimum.gpus > failing.gpus {
      remedies.append(.moreGPUs(minimum.gpus, placement.layout))
    }
    let count = failing.gpus
    // The widest serving format below the current one that fits on the same count.
    let narrower = remedyPrecisions.filter { precision in
      guard precision.bits < deployment.precision.bits else { return false }
      if case .unsupported = deployment.engine.profile.support(precision, on: deployment.gpu) {
        return false
      }
      return deployment.engine.profile.loads(precision)
    }
    for precision in narrower
    where option(deployment.with(precision: precision), workload, gpus: count).fits {
      remedies.append(.precision(precision))
      break
    }
    if deployment.method == .detailed {
      // The largest context, then the most sequences, that fit on the same count (memory grows
      // with both).
      let context = largest(1...workload.context) { value in
        option(deployment, Workload(context: value, sequences: workload.sequences), gpus: count)
          .fits
      }
      if let context, context < workload.context { remedies.append(.context(context)) }
      let batch = largest(1...workload.sequences) { value in
        option(deployment, Workload(context: workload.context, sequences: value), gpus: count)
          .fits
      }
      if let batch, batch < workload.sequences { remedies.append(.batch(batch)) }
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

/// GPU counts of one deployment and workload, each evaluated once however often the plan asks.
struct CountSearch {
  let deployment: Deployment
  let workload: Workload
  private var evaluated: [Int: FitPlan.Option] = [:]

  init(_ deployment: Deployment, _ workload: Workload) {
    self.deployment = deployment
    self.workload = workload
  }

  mutating func option(_ gpus: Int) -> FitPlan.Option {
    if let known = evaluated[gpus] { return known }
    let option = Planner.option(deployment, workload, gpus: gpus)
    evaluated[gpus] = option
    return option
  }

  /// The smallest count in 1...limit that fits. Counts below ``lowerBound(single:)`` cannot
  /// fit and are skipped unevaluated.
  mutating func minimum(limit: Int) -> FitPlan.Option? {
    let maxTP = deployment.allowedTensorParallel.last ?? 1
    let ceiling = min(limit, maxTP * deployment.model.layers)
    guard ceiling >= 1 else { return nil }
    let single = option(1)
    if single.fits { return single }
    let first = max(2, Self.lowerBound(single: single, gpu: deployment.gpu))
    guard first <= ceiling else { return nil }
    for gpus in first...ceiling {
      let candidate = option(gpus)
      if candidate.fits { return candidate }
    }
    return nil
  }

  /// The fewest GPUs that could hold one GPU's weights and KV cache between them: however a
  /// layout shards them, its GPUs hold at least the whole model's weights and KV (tensor
  /// parallelism splits or replicates, stages partition the layers), and no engine's capacity
  /// exceeds the memory marketed, read as GiB, or the usable memory. 1 when `single` has no
  /// placement.
  static func lowerBound(single: FitPlan.Option, gpu: GPUSpec) -> Int {
    guard let placement = single.placement, placement.stageMemory.count == 1 else { return 1 }
    let held = placement.memory.weights.bytes + placement.memory.kvCache.bytes
    let capacity = Bytes.gib(max(gpu.memory.marketedGB, gpu.memory.usableGiB))
    guard capacity.value > 0, held.value.isFinite else { return 1 }
    let ratio = held.value / capacity.value
    return ratio >= 1e6 ? 1_000_000 : max(1, Int(ratio.rounded(.up)))
  }
}
