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

extension PlanRequest {
  /// Evaluates a TP × PP layout of one replica with balanced stages; `nil` when PP exceeds the
  /// layers.
  public func place(tp: Int, pp: Int) -> Placement? {
    place(Layout(tp: tp, pp: pp))
  }

  /// Evaluates one replica of `layout` holding ``batch`` sequences per attention group, with
  /// `stageLayers` (default: ``balancedStages(_:count:)``); `nil` when the stages are invalid.
  public func place(_ layout: Layout, stageLayers: [Int]? = nil, count: ParameterCount? = nil)
    -> Placement?
  {
    let count = count ?? model.parameters
    let split = stageLayers ?? balancedStages(layout, count: count)
    guard layout.tp >= 1, !split.isEmpty, split.allSatisfy({ $0 >= 1 }),
      split.reduce(0, +) == model.layers
    else { return nil }
    var start = 0
    let memory = split.enumerated().map { stage, layers in
      defer { start += layers }
      return breakdown(
        layout: layout, layers: start..<(start + layers), isFirst: stage == 0,
        isLast: stage == split.count - 1, count: count)
    }
    return Placement(layout: layout, stageLayers: split, stageMemory: memory)
  }

  /// Layers per stage that minimise the slowest stage under the per-GPU budget
  /// (``StageBalance``); the even split for the rule-of-thumb method, which has no stages.
  public func balancedStages(_ layout: Layout, count: ParameterCount? = nil) -> [Int] {
    guard method == .detailed, layout.pp > 1 else {
      return StageSplit.counts(layers: model.layers, stages: layout.pp)
    }
    let count = count ?? model.parameters
    let tp = Double(max(layout.tp, 1))
    let group = Double(max(layout.expertGroup, 1))
    let kvPerLayer = KVCache.bytesPerTokenPerLayer(model, precision: kvPrecision, tp: layout.tp)
    let layers = (0..<model.layers).map { index -> Double in
      let routed = Double(count.routedExperts[index])
      let weights = ((Double(count.layers[index]) - routed) / tp + routed / group) * precision.bytes
      let held = KVCache.tokensHeld(model, layer: index, context: context)
      return weights + Double(held * batch) * kvPerLayer
    }
    let edge = WeightMemory.edgeBits(model, precision) / 8 / tp
    let first = WeightMemory.edgeParameters(model, count, isFirstStage: true, isLastStage: false)
    let last = WeightMemory.edgeParameters(model, count, isFirstStage: false, isLastStage: true)
    // The budget left for weights and KV, from a stage holding an even share of the layers.
    let even = StageSplit.ranges(layers: model.layers, stages: layout.pp)
    let sample = breakdown(
      layout: layout, layers: even.first ?? 0..<0, isFirst: true, isLast: false, count: count)
    let limit = sample.capacity.bytes - sample.activation.bytes - sample.overhead.bytes
    let costs = StageBalance.Costs(
      layers: layers, firstStageMemory: Double(first) * edge, lastStageMemory: Double(last) * edge,
      lastStageTime: Double(model.vocab * model.hidden) * edge, memoryLimit: limit.value)
    return StageBalance.split(costs, stages: layout.pp)
  }

  /// One stage's per-GPU memory; `count` is the model's parameter count, computed once by the
  /// caller for all stages.
  func breakdown(
    layout: Layout, layers: Range<Int>, isFirst: Bool, isLast: Bool, count: ParameterCount
  ) -> MemoryBreakdown {
    let tp = layout.tp
    let gpus = layout.gpusPerReplica
    switch method {
    case .ruleOfThumb:
      let params = Double(count.total)
      let weights = RuleOfThumb.weights(parameters: params, bits: precision.bits) / Double(gpus)
      return MemoryBreakdown(
        weights: .init(
          weights,
          "P · 4 B / (32 / \(Format.bits(precision.bits))) over \(gpus == 1 ? "1 GPU" : "\(gpus) GPUs")"
        ),
        kvCache: .init(.zero, "not modelled; inside the 20 %"),
        activation: .init(.zero, "not modelled; inside the 20 %"),
        overhead: .init(
          weights * (RuleOfThumb.overheadFactor - 1), "20 % of weights (seed formula ×1.2)"),
        capacity: .init(
          gpu.memory.marketed,
          "marketed \(Format.number(gpu.memory.marketedGB)) GB, as the seed compares"))
    case .detailed:
      let weights = WeightMemory.perGPU(
        model, precision: precision, layers: layers, isFirstStage: isFirst, isLastStage: isLast,
        tp: tp, ep: layout.ep, count: count)
      let blockSize = engine.effectiveBlockSize
      let kv = KVCache.bytes(
        model, precision: kvPrecision, context: context, sequences: batch, layers: layers, tp: tp,
        blockSize: blockSize)
      let budget = engine.budget(
        model: model, gpu: gpu, weights: weights, tp: tp, gpusPerReplica: gpus)
      let stageText =
        "\(layers.count) of \(model.layers) layers\(isFirst ? " + embeddings" : "")\(isLast ? " + LM head" : "")"
      let paging = blockSize > 1 ? ", blocks of \(blockSize)" : ""
      return MemoryBreakdown(
        weights: .init(
          weights,
          "\(stageText) at \(precision.id)\(tp > 1 ? ", split over TP \(tp)" : "")\(layout.ep > 1 ? ", experts over \(layout.expertGroup) GPUs" : "")"
        ),
        kvCache: .init(
          kv,
          "\(Format.integer(batch)) × \(Format.integer(context)) tokens at \(kvPrecision.id)\(paging)"
        ),
        activation: budget.activation,
        overhead: budget.overhead,
        capacity: budget.capacity)
    }
  }
}
