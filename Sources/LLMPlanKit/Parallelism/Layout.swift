/// How GPUs are arranged: tensor × pipeline × data × expert parallel.
///
/// GPUs = tp · pp · dp · ep.
/// - `tp`: tensor parallelism inside a layer (two all-reduces per layer).
/// - `pp`: pipeline stages of consecutive layers.
/// - `dp`: independent replicas, each holding a full copy of the model.
/// - `ep`: for MoE models, attention data-parallel groups of tp GPUs that share one expert pool:
///   attention and dense layers are replicated per group, the routed experts are spread over
///   the tp · ep GPUs of a stage (vLLM `--data-parallel-size ep --enable-expert-parallel`,
///   SGLang `--enable-dp-attention`). 1 for dense models and for MoE served with plain TP.
///
/// vLLM's count (docs, "Distributed inference and serving"): GPUs = tensor_parallel_size ×
/// pipeline_parallel_size per replica.
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

  public var gpus: Int { tp * pp * dp * ep }
  /// GPUs holding one copy of the model.
  public var gpusPerReplica: Int { tp * pp * ep }
  /// GPUs that share the routed experts of one stage.
  public var expertGroup: Int { tp * ep }
  /// Groups that each run their own batch of sequences: replicas × attention groups.
  public var attentionGroups: Int { dp * ep }

  public var description: String {
    "TP\(tp) × PP\(pp) × DP\(dp)\(ep > 1 ? " × EP\(ep)" : "")"
  }
}

/// Which tensor-parallel sizes a model and GPU allow.
public enum TensorParallel {
  /// Why `tp` is not allowed, or `nil` when it is. Rules (vLLM's): TP divides the attention
  /// heads; KV heads divide TP or TP divides KV heads (then heads are replicated); TP stays
  /// within the topology's fast domain (NVLink/fabric domain, or one server over PCIe).
  public static func rejection(_ tp: Int, model: ModelSpec, topology: Topology) -> LayoutRejection?
  {
    guard tp >= 1 else { return .degreeBelowOne }
    if model.heads % tp != 0 {
      return .headsNotDivisible(tp: tp, heads: model.heads)
    }
    if model.latentAttention == nil, model.kvHeads % tp != 0, tp % model.kvHeads != 0 {
      return .kvHeadsNotDivisible(tp: tp, kvHeads: model.kvHeads)
    }
    if tp > topology.maxTensorParallel {
      return .tensorParallelBeyondDomain(
        tp: tp, domain: topology.maxTensorParallel, rackScale: topology.isRackScale,
        gpu: topology.gpu.id)
    }
    return nil
  }

  /// Every allowed TP size, ascending.
  public static func allowed(model: ModelSpec, topology: Topology) -> [Int] {
    (1...max(1, topology.maxTensorParallel)).filter {
      rejection($0, model: model, topology: topology) == nil
    }
  }
}

extension Layout {
  /// Why this layout cannot run `model` on `topology`, or `nil` when it can: the TP rules, at
  /// most one layer per stage, and experts (MoE only) that divide evenly over tp · ep GPUs.
  public func rejection(model: ModelSpec, topology: Topology) -> LayoutRejection? {
    guard tp >= 1, pp >= 1, dp >= 1, ep >= 1 else { return .degreeBelowOne }
    if let reason = TensorParallel.rejection(tp, model: model, topology: topology) {
      return reason
    }
    if pp > model.layers { return .pipelineBeyondLayers(pp: pp, layers: model.layers) }
    if ep > 1 {
      guard let moe = model.moe else { return .expertParallelNeedsMoE(ep: ep) }
      if moe.experts % expertGroup != 0 {
        return .expertsNotDivisible(experts: moe.experts, tp: tp, ep: ep)
      }
    }
    return nil
  }
}
