/// Peak activation memory of one forward pass, estimated from the architecture.
///
/// Per token in the step, live at the peak: 4 hidden-size tensors (residual, normed input,
/// attention output, MLP output), the Q/K/V projections and 3 MLP-width tensors (gate, up and
/// their product; routed experts' widths for MoE), all split by TP, in the activation dtype;
/// plus fp32 logits for up to `sampledRows` rows. A lower bound: engines add workspaces and
/// CUDA-graph pools; vLLM's sampler is modelled apart (``VLLMMemory``).
public enum ActivationEstimate {
  /// vLLM's default `max_num_sequences`: rows whose logits a step samples.
  public static let defaultSampledRows = 256

  public static func forward(_ model: ModelSpec, tokens: Int, tp: Int, sampledRows: Int? = nil)
    -> Bytes
  {
    let tp = Double(max(tp, 1))
    let h = Double(model.hidden)
    let qkv = Double((model.heads + 2 * model.kvHeads) * model.headDim) / tp
    var width = Double(model.intermediate)
    if let moe = model.moe {
      width = Double(
        moe.expertsPerToken * moe.expertIntermediate + moe.sharedExperts * moe.sharedIntermediate)
    }
    let perToken = (4 * h + qkv + 3 * width / tp) * model.activationPrecision.bytes
    let rows = Double(min(tokens, sampledRows ?? defaultSampledRows))
    let logits = rows * Double(model.vocab) / tp * 4
    return Bytes(Double(tokens) * perToken + logits)
  }
}
