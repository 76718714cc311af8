/// Which replica layout `kv` reports the engine's budget on.
public enum KVLayoutChoice: Sendable, Hashable {
  /// The fewest GPUs on which the engine starts and holds at least one token.
  case fewest
  /// The planner's TP × PP layout of this many GPUs.
  case gpus(Int)
  /// Exactly this layout.
  case explicit(tp: Int, pp: Int)
}

/// "How much KV cache is there?": growth over context and batch, paging waste, and on each GPU
/// the engine's KV budget as it would log it.
public struct KVRequest: Sendable, Hashable {
  public let setup: ModelSetup
  /// GPUs to report the engine's budget on (none: growth and paging only).
  public let gpus: [GPUSpec]
  /// Tokens per request (the engine's max-model-len).
  public let maxModelLen: Int
  public let layout: KVLayoutChoice
  /// Context lengths of the growth table.
  public let contexts: [Int]
  /// Batch sizes of the growth table.
  public let batches: [Int]
  /// Request lengths for paged against contiguous waste.
  public let requests: [Int]

  /// Batch sizes of the growth table when none are given.
  public static let defaultBatches = [8, 32, 128]

  /// `maxModelLen` defaults to the model's maximum; `contexts` to powers of two from 1,024 up to
  /// it and it; `requests` to a spread of 1/16 to 1/2 of it, none on a block boundary.
  public init(
    setup: ModelSetup, gpus: [GPUSpec] = [], maxModelLen: Int? = nil,
    layout: KVLayoutChoice = .fewest, contexts: [Int]? = nil, batches: [Int]? = nil,
    requests: [Int]? = nil
  ) {
    let length = maxModelLen ?? setup.model.maxContext
    self.setup = setup
    self.gpus = gpus
    self.maxModelLen = length
    self.layout = layout
    self.contexts = contexts ?? KVRequest.defaultContexts(upTo: length)
    self.batches = batches ?? KVRequest.defaultBatches
    self.requests = requests ?? [16, 8, 4, 2].map { max(1, length / $0 - 5) }
  }

  /// Powers of two from 1,024 below `length`, and `length`.
  public static func defaultContexts(upTo length: Int) -> [Int] {
    var contexts: [Int] = []
    var value = 1024
    while value < length {
      contexts.append(value)
      value *= 2
    }
    return contexts + [length]
  }
}

/// KV bytes over context lengths and batch sizes, for the whole model.
public struct KVGrowth: Sendable, Hashable {
  public let model: ModelSpec
  public let kvPrecision: Precision
  public let contexts: [Int]
  public let batches: [Int]

  /// Whole-model KV for one sequence (windows applied, no paging).
  public func perSequence(_ context: Int) -> Bytes {
    KVCache.bytes(
      model, precision: kvPrecision, context: context, sequences: 1, layers: 0..<model.layers,
      tp: 1)
  }

  /// Bytes per token for the whole model (all layers, no TP split, no windows).
  public var bytesPerToken: Double { KVCache.bytesPerToken(model, precision: kvPrecision) }
}

/// The `kv` answer.
public struct KVPlan: Sendable, Hashable {
  /// One GPU's engine budget.
  public struct GPUBudget: Sendable, Hashable {
    public let gpu: GPUSpec
    /// `nil` when no GPU count within the search limit lets the engine start.
    public let layout: Layout?
    public let capacity: KVCapacity?
  }

  public let request: KVRequest
  public let engine: ServingEngine
  public let growth: KVGrowth
  public let paging: PagingWaste
  public let budgets: [GPUBudget]
  public let searchLimit: Int
  /// Fits when every GPU holds one max-model-len request.
  public let verdict: Verdict
}

extension Planner {
  /// KV growth and paging for the model, and each GPU's KV budget on the request's layout.
  /// Throws when the layout asked for cannot run the model.
  public static func kv(_ request: KVRequest) throws(PlanError) -> KVPlan {
    let setup = request.setup
    var budgets: [KVPlan.GPUBudget] = []
    for gpu in request.gpus {
      let deployment = setup.deployment(on: gpu)
      let layout = try kvLayout(deployment, request.layout)
      let capacity = layout.flatMap {
        KVCapacity.of(deployment, tp: $0.tp, pp: $0.pp, context: request.maxModelLen)
      }
      budgets.append(.init(gpu: gpu, layout: layout, capacity: capacity))
    }
    let verdicts = budgets.map { budget -> Verdict in
      guard let capacity = budget.capacity else {
        return .impossible([.engineDoesNotStart(limit: defaultSearchLimit)], remedies: [])
      }
      return capacity.maxConcurrency >= 1 ? .fits : .short(by: capacity.shortfall, remedies: [])
    }
    let growth = KVGrowth(
      model: setup.model, kvPrecision: setup.resolvedKVPrecision, contexts: request.contexts,
      batches: request.batches)
    let block = request.gpus.first.map { setup.deployment(on: $0).blockSize } ?? 16
    let paging = PagingWaste(
      requestLengths: request.requests, maxModelLen: request.maxModelLen,
      blockSize: max(block, 16))
    return KVPlan(
      request: request, engine: setup.engine, growth: growth, paging: paging, budgets: budgets,
      searchLimit: defaultSearchLimit, verdict: .combining(verdicts))
  }

  /// The replica layout: explicit, the planner's layout of a count, or the fewest GPUs on which
  /// the engine starts and holds at least one token (`nil` when none within the limit does).
  static func kvLayout(_ deployment: Deployment, _ choice: KVLayoutChoice) throws(PlanError)
    -> Layout?
  {
    let starting = Workload(context: 1)
    switch choice {
    case .explicit(let tp, let pp):
      let layout = Layout(tp: tp, pp: pp)
      if let rejection = deployment.rejection(layout) {
        throw .impossibleLayout(layout, rejection)
      }
      return layout
    case .gpus(let count):
      let option = option(deployment, starting, gpus: count)
      guard let layout = option.placement?.layout else {
        throw .noLayout(
          gpus: count, model: deployment.model.id, gpu: deployment.gpu.id,
          option.rejection ?? .degreeBelowOne)
      }
      return layout
    case .fewest:
      return minimum(deployment, starting, limit: defaultSearchLimit)?.placement?.layout
    }
  }
}
