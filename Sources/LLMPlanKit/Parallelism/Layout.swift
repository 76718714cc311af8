/// How GPUs are arranged: tensor × pipeline × data (× expert) parallel.
///
/// GPUs = tp · pp · dp (as vLLM counts them: tensor_parallel_size × pipeline_parallel_size per
/// replica, times data-parallel replicas). Expert parallelism re-uses the TP (or DP) ranks for
/// MoE layers, so ep does not multiply the count; 1 means experts are sharded like dense layers.
public struct Layout: Sendable, Hashable, CustomStringConvertible {
  public let tp: Int
  public let pp: Int
  public let dp: Int
  public let ep: Int

  public init(tp: Int, pp: Int, dp: Int = 1, ep: Int = 1) {
    self.tp = tp
    self.pp = pp
    self.dp = dp
    self.ep = ep
  }

  public var gpus: Int { tp * pp * dp }
  /// GPUs holding one copy of the model.
  public var gpusPerReplica: Int { tp * pp }

  public var description: String { "TP\(tp) × PP\(pp) × DP\(dp)" }
}

/// Which tensor-parallel sizes a model and GPU allow.
public enum TensorParallel {
  /// Why `tp` is not allowed, or `nil` when it is. Rules (vLLM's): TP divides the attention
  /// heads; KV heads divide TP or TP divides KV heads (then heads are replicated); TP stays
  /// within the GPU's largest TP group (scale-up domain, or one server over PCIe).
  public static func rejection(_ tp: Int, model: ModelSpec, gpu: GPUSpec) -> String? {
    guard tp >= 1 else { return "TP must be at least 1" }
    if model.heads % tp != 0 {
      return "TP \(tp) does not divide \(model.heads) attention heads"
    }
    if model.latentAttention == nil, model.kvHeads % tp != 0, tp % model.kvHeads != 0 {
      return "TP \(tp) and \(model.kvHeads) KV heads do not divide one another"
    }
    if tp > gpu.maxTensorParallel {
      return "TP \(tp) exceeds the \(gpu.maxTensorParallel)-GPU TP group of \(gpu.id)"
    }
    return nil
  }

  /// Every allowed TP size, ascending.
  public static func allowed(model: ModelSpec, gpu: GPUSpec) -> [Int] {
    (1...max(1, gpu.maxTensorParallel)).filter { rejection($0, model: model, gpu: gpu) == nil }
  }
}
