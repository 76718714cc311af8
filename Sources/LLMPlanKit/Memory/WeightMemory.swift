/// Bytes of weights: the checkpoint's stored bytes when its headers were read, else exact
/// parameters × bits of each module's format (``WeightFormat``).
///
/// Under a uniform quantized format only the decoder layers are quantized; the embedding, LM
/// head and final norm stay in the model's 16-bit activation dtype, as quantized checkpoints
/// ship them (vLLM logs 33.88 GiB per GPU for Llama-3.3-70B-FP8 at TP 2; this rule gives it
/// within 0.2 %).
public enum WeightMemory {
  /// The whole model's weights at `precision` (uniform).
  public static func total(_ model: ModelSpec, precision: Precision) -> Bytes {
    total(model, format: WeightFormat(precision, for: model))
  }

  /// The whole model's weights in `format`.
  public static func total(_ model: ModelSpec, format: WeightFormat) -> Bytes {
    if let stored = format.stored { return Bytes(stored.total) }
    let count = model.parameters
    var bytes = 0.0
    for index in count.layers.indices {
      let layer = format.layerBytes(count, layer: index)
      bytes += layer.dense + layer.routed
    }
    return Bytes(bytes + format.embeddingBytes(count) + format.headBytes(count, tiedCopy: false))
  }

  /// One GPU's share of a pipeline stage holding `layers`, split `tp` ways by tensor parallelism
  /// and, for routed experts, a further `ep` ways by expert parallelism (experts live on the
  /// tp · ep GPUs of an expert-parallel group). The first stage holds the embedding (and an
  /// encoder), the last the final norm and LM head.
  public static func perGPU(
    _ model: ModelSpec, format: WeightFormat, layers: Range<Int>, isFirstStage: Bool,
    isLastStage: Bool, tp: Int, ep: Int = 1, count: ParameterCount
  ) -> Bytes {
    let tp = Double(max(tp, 1))
    let group = tp * Double(max(ep, 1))
    var share = 0.0
    for index in layers {
      let layer = format.layerBytes(count, layer: index)
      share += layer.dense / tp + layer.routed / group
    }
    return Bytes(
      share
        + edgeBytes(model, format: format, count: count, first: isFirstStage, last: isLastStage)
        / tp)
  }

  /// Embedding, encoder, final norm and LM head bytes a stage holds (before the TP split).
  static func edgeBytes(
    _ model: ModelSpec, format: WeightFormat, count: ParameterCount, first: Bool, last: Bool
  ) -> Double {
    var bytes = 0.0
    if first { bytes += format.embeddingBytes(count) }
    if last {
      // The last stage keeps its own copy of a tied head when the embedding is elsewhere.
      bytes += format.headBytes(count, tiedCopy: model.tiedEmbeddings && !first)
    }
    return bytes
  }
}
