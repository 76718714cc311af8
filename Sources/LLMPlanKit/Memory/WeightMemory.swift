/// Bytes of weights, exact from the parameter count.
///
/// Rule: parameters × bits / 8. Below 16 bits only the decoder layers are quantized; the
/// embedding, LM head and final norm stay in the model's 16-bit activation dtype, as quantized
/// checkpoints ship them (formats.md; vLLM's Llama-3.3-70B-FP8 log of 33.88 GiB per GPU at TP 2
/// matches this within 0.2 %).
public enum WeightMemory {
  /// Bits used for the embedding, LM head and final norm under `precision`.
  static func edgeBits(_ model: ModelSpec, _ precision: Precision) -> Double {
    precision.isQuantized ? model.activationPrecision.bits : precision.bits
  }

  /// The whole model's weights.
  public static func total(_ model: ModelSpec, precision: Precision) -> Bytes {
    let count = model.parameters
    let edges = Double(count.embedding + count.lmHead + count.finalNorm)
    return Bytes(
      Double(count.layerTotal) * precision.bytes + edges * edgeBits(model, precision) / 8)
  }

  /// One GPU's share of a pipeline stage holding `layers`, split `tp` ways by tensor parallelism.
  /// The first stage holds the embedding, the last the final norm and LM head. Pass `count`
  /// when the caller already has it (a layout search evaluates many stages of one model).
  public static func perGPU(
    _ model: ModelSpec, precision: Precision, layers: Range<Int>, isFirstStage: Bool,
    isLastStage: Bool, tp: Int, count: ParameterCount? = nil
  ) -> Bytes {
    let count = count ?? model.parameters
    let layerParams = count.layers[layers].reduce(0, +)
    var edges = 0
    if isFirstStage { edges += count.embedding }
    if isLastStage { edges += count.finalNorm + count.lmHead }
    if isLastStage && model.tiedEmbeddings && !isFirstStage {
      edges += count.embedding  // the last stage keeps its own copy of a tied head
    }
    let bytes =
      Double(layerParams) * precision.bytes + Double(edges) * edgeBits(model, precision) / 8
    return Bytes(bytes / Double(max(tp, 1)))
  }
}
