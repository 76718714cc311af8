import LLMPlanKit

extension LayoutRejection {
  /// The rule the layout breaks, with its figures.
  var text: String {
    switch self {
    case .degreeBelowOne:
      "every degree must be at least 1"
    case .headsNotDivisible(let tp, let heads):
      "TP \(tp) does not divide \(heads) attention heads"
    case .kvHeadsNotDivisible(let tp, let kvHeads):
      "TP \(tp) and \(kvHeads) KV heads do not divide one another"
    case .tensorParallelBeyondDomain(let tp, let domain, let rackScale, let gpu):
      "TP \(tp) spans more than one \(domain)-GPU \(rackScale ? "NVLink domain" : "node") of \(gpu)"
    case .pipelineBeyondLayers(let pp, let layers):
      "PP \(pp) exceeds \(layers) layers"
    case .expertParallelNeedsMoE(let ep):
      "EP \(ep) needs a mixture-of-experts model"
    case .expertsNotDivisible(let experts, let tp, let ep):
      "\(experts) experts do not divide over TP \(tp) × EP \(ep) = \(tp * ep) GPUs"
    case .quantizationGroupSplit(let tp, let module, let width, let group, let format):
      "TP \(tp) cuts the \(Format.integer(width))-wide \(module.rawValue) into \(Format.integer(width / tp))-wide shards, not whole "
        + (format == "fp8"
          ? "\(group)×\(group) blocks of the fp8 checkpoint (vLLM fp8.py)"
          : "\(group)-weight groups of the \(format) checkpoint (vLLM \(format == "awq" ? "awq" : "gptq").py)")
        + "; use a smaller TP\(module == .experts ? " or expert parallelism" : "")"
    case .engineCannot(.attentionDPNeedsTP1, let profile):
      "\(profile) runs attention data parallelism (EP > 1) only with attention TP 1 (enable_attention_dp)"
    case .engineCannot(.noAttentionDP, let profile):
      "\(profile) has no attention data parallelism (EP > 1); use EP 1"
    case .engineCannot(.noPipelineParallel, let profile):
      "\(profile) has no pipeline parallelism (--pp-size); use PP 1 or a newer release"
    case .noTensorPipelineLayout(let gpus, let allowed, let layers):
      "no layout: \(gpus) is not TP × PP with TP in \(allowed.map(String.init).joined(separator: ",")) and PP ≤ \(layers) layers (max \((allowed.last ?? 1) * layers) GPUs)"
    }
  }
}

extension Impossibility {
  var text: String {
    switch self {
    case .layout(let rejection): rejection.text
    case .nothingFits(let limit):
      "does not fit on any layout of up to \(Format.integer(limit)) GPUs"
    case .noSequenceFits(let context):
      "the KV cache holds not even one sequence of \(Format.integer(context)) tokens"
    case .engineDoesNotStart(let limit):
      "the engine does not start on any layout of up to \(Format.integer(limit)) GPUs"
    }
  }
}

extension PlanError {
  /// The one line on stderr.
  var message: String {
    switch self {
    case .impossibleLayout(let layout, let rejection):
      "impossible layout \(layout): \(rejection.text)"
    case .noLayout(let gpus, let model, let gpu, let rejection):
      "--gpus \(gpus) for \(model) on \(gpu): \(rejection.text)"
    case .noLayoutHoldsRequest(let tokens, let limit):
      "no layout of up to \(Format.integer(limit)) GPUs holds one request of \(Format.integer(tokens)) tokens"
    case .disaggregationNeedsTwoReplicas(let gpus, let replica):
      "--disaggregate needs a prefill and a decode replica: --gpus \(gpus) is not at least two and a whole number of \(replica) replicas (\(replica.gpusPerReplica) GPUs each)"
    case .requestBeyondContext(let index, let tokens, let context, let model):
      "request \(index + 1) has \(Format.integer(tokens)) tokens (input + output), beyond \(model)'s maximum context of \(Format.integer(context)); shorten --input-tokens/--output-tokens"
    case .tooMuchTraffic(let tokens, let limit, let searches):
      "the traffic has \(Format.integer(tokens)) output tokens to simulate\(searches > 1 ? " (\(searches) GPUs × --requests × --output-tokens)" : ""); at most \(Format.integer(limit)) (fewer --requests or shorter --output-tokens\(searches > 1 ? ", or fewer GPUs" : ""))"
    case .requestTooLong(let index, let tokens, let capacity):
      "request \(index + 1) needs \(Format.integer(tokens)) tokens of KV cache and one replica holds \(Format.integer(capacity)); add GPUs (--tp, --pp) or shorten it"
    }
  }
}
