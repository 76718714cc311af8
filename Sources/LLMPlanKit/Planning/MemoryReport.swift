/// A model's memory at rest: parameters, weights at every precision, training, KV per token.
public struct MemoryReport: Sendable {
  /// One weight format.
  public struct Row: Sendable, Hashable {
    public let precision: Precision
    public let weights: Bytes
    /// The rule of thumb M = P · 4 B / (32 / Q) · 1.2.
    public let ruleOfThumb: Bytes
    /// accelerate's rule: weights + gradients + two Adam moments.
    public let training: Bytes
  }

  public let model: ModelSpec
  public let parameters: ParameterCount
  /// The checkpoint's own weights when it was read from files or mixes formats (gpt-oss):
  /// module by module, or the bytes its headers give.
  public let checkpoint: Bytes?
  /// Every format but fp16 (which bf16 stands for).
  public let rows: [Row]
  /// Training with Adam at the activation dtype, term by term.
  public let nativeTraining: (weights: Bytes, gradients: Bytes, adam: Bytes)
  /// Mixed-precision Adam, 16 bytes per parameter.
  public let mixedPrecisionTraining: Bytes
  /// The KV cache at the activation dtype: per token and for one full-context sequence.
  public let kvPrecision: Precision
  public let kvBytesPerToken: Double
  public let fullContextSequence: Bytes
}

extension Planner {
  public static func memory(_ model: ModelSpec) -> MemoryReport {
    let parameters = model.parameters
    let count = Double(parameters.total)
    let rows = Precision.all.filter { $0 != .fp16 }.map { precision in
      let weights = WeightMemory.total(model, precision: precision)
      let training = TrainingMemory.accelerate(weights: weights)
      return MemoryReport.Row(
        precision: precision, weights: weights,
        ruleOfThumb: RuleOfThumb.memory(parameters: count, bits: precision.bits),
        training: training.weights + training.gradients + training.adam)
    }
    let native = model.activationPrecision
    return MemoryReport(
      model: model, parameters: parameters,
      checkpoint: model.checkpointFormat.map { WeightMemory.total(model, format: $0) }, rows: rows,
      nativeTraining: TrainingMemory.accelerate(
        weights: WeightMemory.total(model, precision: native)),
      mixedPrecisionTraining: TrainingMemory.mixedPrecisionAdam(parameters: parameters.total),
      kvPrecision: native, kvBytesPerToken: KVCache.bytesPerToken(model, precision: native),
      fullContextSequence: KVCache.bytes(
        model, precision: native, context: model.maxContext, sequences: 1,
        layers: 0..<model.layers, tp: 1))
  }
}
