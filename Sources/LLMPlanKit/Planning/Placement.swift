/// One layout of one replica, evaluated: its per-GPU memory at the heaviest stage.
public struct Placement: Sendable, Hashable {
  public let layout: Layout
  /// Layers per pipeline stage.
  public let stageLayers: [Int]
  /// The stage with the largest total.
  public let heaviestStage: Int
  public let memory: MemoryBreakdown

  public var fits: Bool { memory.fits }
}

extension PlanRequest {
  /// Evaluates a TP × PP layout of one replica; `nil` when PP exceeds the layers.
  public func place(tp: Int, pp: Int) -> Placement? {
    let ranges = StageSplit.ranges(layers: model.layers, stages: pp)
    guard !ranges.isEmpty, tp >= 1 else { return nil }
    let count = model.parameters
    var best: (stage: Int, memory: MemoryBreakdown)?
    for (stage, layers) in ranges.enumerated() {
      let memory = breakdown(
        tp: tp, pp: pp, layers: layers, isFirst: stage == 0, isLast: stage == ranges.count - 1,
        count: count)
      if best == nil || memory.total > best!.memory.total { best = (stage, memory) }
    }
    guard let best else { return nil }
    return Placement(
      layout: Layout(tp: tp, pp: pp), stageLayers: ranges.map(\.count),
      heaviestStage: best.stage, memory: best.memory)
  }

  /// One stage's per-GPU memory; `count` is the model's parameter count, computed once by the
  /// caller for all stages.
  func breakdown(
    tp: Int, pp: Int, layers: Range<Int>, isFirst: Bool, isLast: Bool, count: ParameterCount
  ) -> MemoryBreakdown {
    let gpus = tp * pp
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
        tp: tp, count: count)
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
          weights, "\(stageText) at \(precision.id)\(tp > 1 ? ", split over TP \(tp)" : "")"),
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
