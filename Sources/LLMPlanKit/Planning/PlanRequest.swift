/// The two ways to size memory.
public enum MemoryMethod: String, Sendable, Hashable, CaseIterable {
  /// Weights + KV cache + activation peak + runtime overhead per GPU, under vLLM's budget.
  case detailed
  /// The seed's M = P · 4 B / (32 / Q) · 1.2 against the marketed capacity.
  case ruleOfThumb = "rule-of-thumb"
}

/// A fully resolved question: which model, on which GPU, served how.
public struct PlanRequest: Sendable, Hashable {
  public var model: ModelSpec
  public var gpu: GPUSpec
  public var precision: Precision
  public var kvPrecision: Precision
  /// Tokens per sequence (prompt + output) the KV cache must hold.
  public var context: Int
  /// Sequences served at once.
  public var batch: Int
  public var method: MemoryMethod
  /// The engine whose memory rules the detailed method follows.
  public var engine: ServingEngine

  public init(
    model: ModelSpec, gpu: GPUSpec, precision: Precision? = nil, kvPrecision: Precision? = nil,
    context: Int? = nil, batch: Int = 1, method: MemoryMethod = .detailed,
    engine: ServingEngine = .vllm
  ) {
    self.model = model
    self.gpu = gpu
    self.precision = precision ?? model.defaultPrecision
    self.kvPrecision = kvPrecision ?? model.activationPrecision
    self.context = context ?? model.maxContext
    self.batch = batch
    self.method = method
    self.engine = engine
  }
}
