/// KV-cache sizes.
///
/// Per layer and token: 2 (K and V) · KV heads · head dim · bytes (MHA/GQA/MQA), or
/// (kv_lora_rank + qk_rope_head_dim) · bytes for MLA, whose latent is shared by all heads and
/// not split by tensor parallelism. Under TP each rank holds KV heads / TP, at least one (heads
/// are replicated when TP exceeds them). Local-attention layers hold at most their window.
public enum KVCache {
  /// Bytes one layer stores per token on one GPU of a TP group.
  public static func bytesPerTokenPerLayer(_ model: ModelSpec, precision: Precision, tp: Int = 1)
    -> Double
  {
    if let mla = model.latentAttention {
      return Double(mla.kvLoraRank + mla.qkRopeHeadDim) * precision.bytes
    }
    let headsPerRank = max(1, model.kvHeads / max(tp, 1))
    return 2 * Double(headsPerRank * model.headDim) * precision.bytes
  }

  /// Bytes per token for the whole model (all layers, no TP split), ignoring windows:
  /// Llama-2-13B in fp16 = 2 · 40 · 40 · 128 · 2 = 819,200 B.
  public static func bytesPerToken(_ model: ModelSpec, precision: Precision) -> Double {
    Double(model.layers) * bytesPerTokenPerLayer(model, precision: precision)
  }

  /// Tokens layer `index` keeps for a sequence of `context` tokens.
  public static func tokensHeld(_ model: ModelSpec, layer index: Int, context: Int) -> Int {
    if let window = model.slidingWindow, window.isLocal(layer: index) {
      return min(context, window.window)
    }
    return context
  }

  /// KV bytes on one GPU holding `layers` at tensor-parallel size `tp`, for `sequences`
  /// sequences of `context` tokens each, rounded up to whole blocks of `blockSize` tokens.
  public static func bytes(
    _ model: ModelSpec, precision: Precision, context: Int, sequences: Int,
    layers: Range<Int>, tp: Int, blockSize: Int = 1
  ) -> Bytes {
    let perLayer = bytesPerTokenPerLayer(model, precision: precision, tp: tp)
    let block = max(blockSize, 1)
    var tokens = 0
    for index in layers {
      let held = tokensHeld(model, layer: index, context: context)
      tokens += (held + block - 1) / block * block
    }
    return Bytes(Double(tokens) * perLayer * Double(sequences))
  }
}
