/// How much KV cache an engine leaves on each GPU of a replica, in the terms engines log:
/// KV cache memory, blocks, tokens, and maximum concurrency at the model length.
public struct KVCapacity: Sendable, Hashable {
  /// Bytes per token for the whole model (no TP split, no windows).
  public let kvBytesPerToken: Double
  /// Bytes per token on the GPU that limits capacity (its stage's layers, KV heads ÷ TP).
  public let kvBytesPerTokenPerGPU: Double
  /// KV budget per GPU (0 when the engine would not start).
  public let kvCacheBytes: Bytes
  /// Budget before clamping at 0: negative means weights and reserves exceed the budget.
  public let kvBudget: Bytes
  public let blockSize: Int
  public let gpuBlocks: Int
  /// `gpuBlocks × blockSize` (vLLM: "GPU KV cache size: N tokens").
  public var kvCacheTokens: Int { gpuBlocks * blockSize }
  public let maxModelLen: Int
  /// Sequences of `maxModelLen` tokens the cache holds at once (vLLM: "Maximum concurrency").
  public let maxConcurrency: Double
  /// The longest single sequence (≤ the model's maximum) the cache can hold; `nil` if none.
  public let largestFittingModelLen: Int?
  public let layout: Layout
  public let stageLayers: [Int]
  /// The pipeline stage that limits capacity (0-based).
  public let limitingStage: Int
  /// That stage's per-GPU memory, with the KV of one `maxModelLen` sequence.
  public let memory: MemoryBreakdown
  /// Bytes one `maxModelLen` sequence needs beyond the limiting GPU's KV cache; 0 when it fits.
  public let shortfall: Bytes

  /// Capacity of a TP × PP replica at `context` tokens per sequence: the minimum over its
  /// pipeline stages, as vLLM takes the minimum number of blocks over workers.
  public static func of(_ deployment: Deployment, tp: Int, pp: Int, context: Int) -> KVCapacity? {
    of(deployment, layout: Layout(tp: tp, pp: pp), context: context)
  }

  /// Capacity of one attention group of `layout` for sequences of `context` tokens (the
  /// engine's max-model-len), with `stageLayers` per stage (default: the balanced split).
  public static func of(
    _ deployment: Deployment, layout: Layout, context: Int, stageLayers: [Int]? = nil
  ) -> KVCapacity? {
    let single = Workload(context: context, sequences: 1)
    guard let placement = deployment.place(layout, single, stageLayers: stageLayers) else {
      return nil
    }
    let model = deployment.kvModel
    let precision = deployment.kvPrecision
    let perLayer = KVCache.bytesPerTokenPerLayer(model, precision: precision, tp: layout.tp)
    let block = deployment.blockSize
    var best: KVCapacity?
    var start = 0
    for (stage, memory) in placement.stageMemory.enumerated() {
      let layers = start..<(start + placement.stageLayers[stage])
      start = layers.upperBound
      let budget =
        memory.capacity.bytes - memory.weights.bytes - memory.activation.bytes
        - memory.overhead.bytes
      let perToken = perLayer * Double(layers.count)
      let blocks =
        perToken > 0 ? Int(max(0, (budget.value / (perToken * Double(block))).rounded(.down))) : 0
      func sequenceBytes(_ length: Int) -> Bytes {
        KVCache.bytes(
          model, precision: precision, context: length, sequences: 1, layers: layers,
          tp: layout.tp, blockSize: block)
      }
      let usable = Bytes(Double(blocks * block) * perToken)
      let concurrency = usable / sequenceBytes(context)
      if let best, concurrency >= best.maxConcurrency { continue }
      let largest = Planner.largest(1...model.maxContext) { sequenceBytes($0) <= usable }
      best = KVCapacity(
        kvBytesPerToken: KVCache.bytesPerToken(model, precision: precision),
        kvBytesPerTokenPerGPU: perToken, kvCacheBytes: max(budget, .zero), kvBudget: budget,
        blockSize: block, gpuBlocks: blocks, maxModelLen: context,
        maxConcurrency: concurrency, largestFittingModelLen: largest,
        layout: layout, stageLayers: placement.stageLayers, limitingStage: stage, memory: memory,
        shortfall: max(.zero, sequenceBytes(context) - usable))
    }
    return best
  }
}

/// What reserving contiguous max-length buffers wastes against paged blocks, for a mix of
/// request lengths (Kwon et al., "Efficient Memory Management for Large Language Model Serving
/// with PagedAttention", SOSP 2023: existing systems waste 60–80 %; paged blocks under 4 %,
/// only in the last block).
public struct PagingWaste: Sendable, Hashable {
  public let requestLengths: [Int]
  public let maxModelLen: Int
  public let blockSize: Int
  /// Tokens actually used: the sum of the lengths.
  public var usedTokens: Int { requestLengths.reduce(0, +) }
  /// Contiguous: every request reserves `maxModelLen` tokens.
  public var contiguousTokens: Int { requestLengths.count * maxModelLen }
  /// Paged: every request holds whole blocks.
  public var pagedTokens: Int {
    requestLengths.map { ($0 + blockSize - 1) / blockSize * blockSize }.reduce(0, +)
  }
  public var contiguousWaste: Double { 1 - Double(usedTokens) / Double(max(contiguousTokens, 1)) }
  public var pagedWaste: Double { 1 - Double(usedTokens) / Double(max(pagedTokens, 1)) }

  public init(requestLengths: [Int], maxModelLen: Int, blockSize: Int) {
    self.requestLengths = requestLengths
    self.maxModelLen = maxModelLen
    self.blockSize = max(blockSize, 1)
  }
}
