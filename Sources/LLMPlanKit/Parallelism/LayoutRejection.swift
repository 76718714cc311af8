/// Why a layout cannot run a model at all (not a memory shortfall): the rule it breaks, with
/// the figures. The CLI turns it into a sentence; ``code`` is a stable machine name.
public enum LayoutRejection: Sendable, Hashable {
  /// A degree below 1.
  case degreeBelowOne
  /// TP must divide the attention heads.
  case headsNotDivisible(tp: Int, heads: Int)
  /// KV heads and TP must divide one another (heads are then replicated).
  case kvHeadsNotDivisible(tp: Int, kvHeads: Int)
  /// TP stays inside one server, or one rack-scale NVLink domain, of `domain` GPUs.
  case tensorParallelBeyondDomain(tp: Int, domain: Int, rackScale: Bool, gpu: String)
  /// A pipeline stage holds at least one layer.
  case pipelineBeyondLayers(pp: Int, layers: Int)
  /// Expert parallelism needs a mixture-of-experts model.
  case expertParallelNeedsMoE(ep: Int)
  /// The routed experts must divide evenly over the tp · ep GPUs of an expert group.
  case expertsNotDivisible(experts: Int, tp: Int, ep: Int)
  /// A TP shard of `module` (`width` wide) holds a partial scale group of `group` weights.
  case quantizationGroupSplit(
    tp: Int, module: QuantizationShards.Module, width: Int, group: Int, format: String)
  /// The engine release cannot express the layout (`profile`: its id).
  case engineCannot(EngineLimit, profile: String)
  /// `gpus` is not TP × PP with TP among `allowedTP` and PP at most `layers`.
  case noTensorPipelineLayout(gpus: Int, allowedTP: [Int], layers: Int)

  /// A stable machine name for the rule (README, "Rule and rejection codes").
  public var code: String {
    switch self {
    case .degreeBelowOne: "layout.degree-below-one"
    case .headsNotDivisible: "layout.tp-heads"
    case .kvHeadsNotDivisible: "layout.tp-kv-heads"
    case .tensorParallelBeyondDomain: "layout.tp-domain"
    case .pipelineBeyondLayers: "layout.pp-layers"
    case .expertParallelNeedsMoE: "layout.ep-dense-model"
    case .expertsNotDivisible: "layout.ep-experts"
    case .noTensorPipelineLayout: "layout.no-tp-pp"
    case .quantizationGroupSplit: "layout.tp-quantization-group"
    case .engineCannot(let limit, _): "layout.engine-\(limit.rawValue)"
    }
  }
}

/// Layouts an engine release cannot set up.
public enum EngineLimit: String, Sendable, Hashable {
  /// Attention data parallelism (EP > 1 in ``Layout``) only with attention TP 1 (TensorRT-LLM
  /// 1.0's `enable_attention_dp` runs attention unsharded on every rank).
  case attentionDPNeedsTP1 = "attention-dp-tp"
  /// No attention data parallelism at all (TensorRT engines before the PyTorch backend,
  /// llama.cpp).
  case noAttentionDP = "attention-dp"
  /// No pipeline parallelism (SGLang before `--pp-size`).
  case noPipelineParallel = "pp"
}
