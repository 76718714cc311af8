/// Tensor parallelism cuts each quantized matrix into shards, and every shard must hold whole
/// scale groups: a row-parallel shard's input width (down_proj, o_proj) and a column-parallel
/// shard's output width (gate_up) must be multiples of the group, or of the block edge for FP8
/// block scales.
///
/// Sources (vLLM v0.11): `model_executor/layers/quantization/utils/fp8_utils.py`
/// (`validate_fp8_block_shape`: "is not divisible by weight quantization block_k") and
/// `fp8.py` (`Fp8MoEMethod`: the experts' `intermediate_size_per_partition` % block_n);
/// `awq.py` and `gptq.py` ("The input size is not aligned with the quantized weight shape.
/// This can be caused by too large tensor parallel size."). Expert parallelism keeps routed
/// experts whole, so their width is checked only when TP splits them (EP 1).
public enum QuantizationShards {
  /// A matrix family TP splits.
  public enum Module: String, Sendable, Hashable {
    case mlp = "MLP"
    case experts = "routed experts' MLP"
    case sharedExperts = "shared experts' MLP"
    case attentionOutput = "attention output"
  }

  /// Why TP `tp` breaks a scale group of `weights`, or `nil` when every shard holds whole
  /// groups (or TP is 1, or no module has groups).
  public static func rejection(tp: Int, ep: Int, model: ModelSpec, weights: WeightFormat)
    -> LayoutRejection?
  {
    guard tp > 1 else { return nil }
    var widths: [(Module, Int, Precision)] = []
    if let moe = model.moe {
      if ep == 1 { widths.append((.experts, moe.expertIntermediate, weights.experts)) }
      if moe.sharedExperts > 0 {
        widths.append((.sharedExperts, moe.sharedIntermediate, weights.mlp))
      }
      let dense =
        moe.firstDenseLayers > 0 || moe.moeEvery > 1 || moe.layers?.contains(false) == true
      if dense { widths.append((.mlp, model.intermediate, weights.mlp)) }
    } else {
      widths.append((.mlp, model.intermediate, weights.mlp))
    }
    if model.latentAttention == nil {
      widths.append((.attentionOutput, model.heads * model.headDim, weights.attention))
    }
    for (module, width, precision) in widths {
      guard let group = precision.group, group > 0, width % tp == 0 else { continue }
      let shard = width / tp
      if shard % group != 0 {
        return .quantizationGroupSplit(
          tp: tp, module: module, width: width, group: group, format: precision.id)
      }
    }
    return nil
  }
}
