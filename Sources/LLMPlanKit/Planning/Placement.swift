/// One layout of one replica, evaluated: per-GPU memory of every pipeline stage.
public struct Placement: Sendable, Hashable {
  public let layout: Layout
  /// Layers per pipeline stage.
  public let stageLayers: [Int]
  /// Per-GPU memory of each stage.
  public let stageMemory: [MemoryBreakdown]
  /// The stage with the largest total.
  public let heaviestStage: Int

  public init(layout: Layout, stageLayers: [Int], stageMemory: [MemoryBreakdown]) {
    self.layout = layout
    self.stageLayers = stageLayers
    self.stageMemory = stageMemory
    var heaviest = 0
    for (index, memory) in stageMemory.enumerated()
    where memory.total > stageMemory[heaviest].total {
      heaviest = index
    }
    self.heaviestStage = heaviest
  }

  /// The heaviest stage's per-GPU memory: what must fit.
  public var memory: MemoryBreakdown { stageMemory[heaviestStage] }
  public var fits: Bool { memory.fits }
}

extension Deployment {
  /// Evaluates a TP × PP layout of one replica with balanced stages; `nil` when PP exceeds the
  /// layers.
  public func place(tp: Int, pp: Int, _ workload: Workload) -> Placement? {
    place(Layout(tp: tp, pp: pp), workload)
  }

  /// Evaluates one replica of `layout` holding the workload's sequences per attention group,
  /// with `stageLayers` (default: ``balancedStages(_:_:)``); `nil` when the stages are invalid.
  public func place(_ layout: Layout, _ workload: Workload, stageLayers: [Int]? = nil)
    -> Placement?
  {
    let split = stageLayers ?? balancedStages(layout, workload)
    guard layout.tp >= 1, !split.isEmpty, split.allSatisfy({ $0 >= 1 }),
      split.reduce(0, +) == model.layers
    else { return nil }
    var start = 0
    let memory = split.enumerated().map { stage, layers in
      defer { start += layers }
      return breakdown(
        layout: layout, workload, layers: start..<(start + layers), isFirst: stage == 0,
        isLast: stage == split.count - 1)
    }
    return Placement(layout: layout, stageLayers: split, stageMemory: memory)
  }

  /// Layers per stage that minimise the slowest stage under the per-GPU budget
  /// (``StageBalance``); the even split for the rule-of-thumb method, which has no stages.
  public func balancedStages(_ layout: Layout, _ workload: Workload) -> [Int] {
    guard method == .detailed, layout.pp > 1 else {
      return StageSplit.counts(layers: model.layers, stages: layout.pp)
    }
    let count = parameters
    let tp = Double(max(layout.tp, 1))
    let group = Double(max(layout.expertGroup, 1))
    let kvPerLayer = KVCache.bytesPerTokenPerLayer(model, precision: kvPrecision, tp: layout.tp)
    let layers = (0..<model.layers).map { index -> Double in
      let bytes = weights.layerBytes(count, layer: index)
      let held = KVCache.tokensHeld(kvModel, layer: index, context: workload.context)
      return bytes.dense / tp + bytes.routed / group
        + Double(held * workload.sequences) * kvPerLayer
    }
    let first = WeightMemory.edgeBytes(
      model, format: weights, count: count, first: true, last: false)
    let last = WeightMemory.edgeBytes(
      model, format: weights, count: count, first: false, last: true)
    // The budget left for weights and KV, from a stage holding an even share of the layers.
    let even = StageSplit.ranges(layers: model.layers, stages: layout.pp)
    let sample = breakdown(
      layout: layout, workload, layers: even.first ?? 0..<0, isFirst: true, isLast: false)
    let limit = sample.capacity.bytes - sample.activation.bytes - sample.overhead.bytes
    let costs = StageBalance.Costs(
      layers: layers, firstStageMemory: first / tp, lastStageMemory: last / tp,
      lastStageTime: weights.headMatrixBytes(model) / tp, memoryLimit: limit.value)
    return StageBalance.split(costs, stages: layout.pp)
  }

  /// One stage's per-GPU memory.
  func breakdown(
    layout: Layout, _ workload: Workload, layers: Range<Int>, isFirst: Bool, isLast: Bool
  ) -> MemoryBreakdown {
    let tp = layout.tp
    let gpus = layout.gpusPerReplica
    switch method {
    case .ruleOfThumb:
      let params = Double(parameters.total)
      let weights = RuleOfThumb.weights(parameters: params, bits: precision.bits) / Double(gpus)
      return MemoryBreakdown(
        weights: .init(weights, .ruleOfThumbWeights(bits: precision.bits, gpus: gpus)),
        kvCache: .init(.zero, .insideRuleOfThumb),
        activation: .init(.zero, .insideRuleOfThumb),
        overhead: .init(weights * (RuleOfThumb.overheadFactor - 1), .ruleOfThumbOverhead),
        capacity: .init(
          gpu.memory.marketed, .marketedCapacity(gigabytes: gpu.memory.marketedGB)))
    case .detailed:
      let weightBytes = WeightMemory.perGPU(
        model, format: self.weights, layers: layers, isFirstStage: isFirst, isLastStage: isLast,
        tp: tp, ep: layout.ep, count: parameters)
      let blockSize = self.blockSize
      let kv = KVCache.bytes(
        kvModel, precision: kvPrecision, context: workload.context,
        sequences: workload.sequences, layers: layers, tp: tp, blockSize: blockSize)
      let budget = engine.budget(
        model: model, gpu: gpu, weights: weightBytes, layout: layout,
        maxModelLen: workload.context)
      return MemoryBreakdown(
        weights: .init(
          weightBytes,
          .stageWeights(
            layers: layers.count, totalLayers: model.layers, embeddings: isFirst, lmHead: isLast,
            format: weightsRead,
            tp: tp, expertGPUs: layout.ep > 1 ? layout.expertGroup : nil)),
        kvCache: .init(
          kv,
          .sequencesKV(
            sequences: workload.sequences, context: workload.context, precision: kvPrecision,
            blockSize: blockSize)),
        activation: budget.activation,
        overhead: budget.overhead,
        capacity: budget.capacity)
    }
  }
}
