/// Bytes of weights, exact from the parameter count.
///
/// Rule: parameters × bits / 8. Below 16 bits only the decoder layers are quantized; the
/// embedding, LM head and final norm stay in the model's 16-bit activation dtype, as quantized
/// checkpoints ship them (vLLM logs 33.88 GiB per GPU for Llama-3.3-70B-FP8 at TP 2; this rule
/// gives it within 0.2 %).
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

  /// One GPU's share of a pipeline stage holding `layers`, split `tp` ways by tensor parallelism
  /// and, for routed experts, a further `ep` ways by expert parallelism (experts live on the
  /// tp · ep GPUs of an expert-parallel group). The first stage holds the embedding, the last
  /// the final norm and LM head. Pass `count` when the caller already has it (a layout search
  /// evaluates many stages of one model).
  public static func perGPU(
    _ model: ModelSpec, precision: Precision, layers: Range<Int>, isFirstStage: Bool,
    isLastStage: Bool, tp: Int, ep: Int = 1, count: ParameterCount? = nil
  ) -> Bytes {
    let count = count ?? model.parameters
    let tp = Double(max(tp, 1))
    var layerShare = 0.0
    for index in layers {
      let routed = Double(count.routedExperts[index])
      layerShare += (Double(count.layers[index]) - routed) / tp + routed / (tp * Double(max(ep, 1)))
    }
    return Bytes(
      layerShare * precision.bytes
        + Double(edgeParameters(model, count, isFirstStage: isFirstStage, isLastStage: isLastStage))
        * edgeBits(model, precision) / 8 / tp)
  }

  /// Embedding, final norm and LM head parameters a stage holds.
  static func edgeParameters(
    _ model: ModelSpec, _ count: ParameterCount, isFirstStage: Bool, isLastStage: Bool
  ) -> Int {
    var edges = 0
    if isFirstStage { edges += count.embedding }
    if isLastStage { edges += count.finalNorm + count.lmHead }
    if isLastStage && model.tiedEmbeddings && !isFirstStage {
      edges += count.embedding  // the last stage keeps its own copy of a tied head
    }
    return edges
  }
}
