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
    }
  }
}
