import LLMPlanKit

extension Efficiency {
  /// "GEMMs 0.62 of peak compute (half at 96 tokens), 0.78 of bandwidth, …"; the experts' factor
  /// for MoE models only.
  func summary(moe: Bool) -> String {
    var text =
      (gemmHalfTokens > 0
        ? "GEMMs \(Format.fixed(compute, 2)) of peak compute (half that at \(Format.number(gemmHalfTokens, maxDecimals: 0)) tokens), "
        : "GEMMs \(Format.fixed(compute, 2)) of peak compute, ")
      + "\(Format.fixed(memory, 2)) of bandwidth (KV reads \(Format.fixed(kvMemory, 2))), decode attention \(Format.number(attention, maxDecimals: 4)) of 16-bit peak"
    if prefillSecondsPerLayer > 0 || decodeSecondsPerLayer > 0 {
      text +=
        ", \(Format.number(prefillSecondsPerLayer * 1e6, maxDecimals: 1)) / \(Format.number(decodeSecondsPerLayer * 1e6, maxDecimals: 1)) µs per layer (prefill / decode)"
    }
    if hostSecondsPerSequence > 0 {
      text +=
        ", \(Format.number(hostSecondsPerSequence * 1e6, maxDecimals: 1)) µs host time per sequence per iteration"
    }
    if collectiveLatencyScale != 1 {
      text += ", \(Format.number(collectiveLatencyScale, maxDecimals: 2))× link latency"
    }
    if moe, expertCompute != 1 {
      text += ", MoE experts at \(Format.fixed(expertCompute, 2)) of the dense matmul efficiency"
    }
    return text
  }
}

extension EfficiencyBasis {
  var text: String {
    switch self {
    case .fitted(let family, let precision, let measurements):
      "fitted on \(measurements)'s \(family.rawValue) \(precision.rawValue) measurements"
    case .borrowed(
      let family, let wanted, let source, let sourceClass, let measurements, let engine):
      "no \(EngineRegistry.profile(id: engine)?.label ?? engine) \(family.rawValue) \(wanted.rawValue) measurements; borrowed from \(measurements)'s \(source.rawValue) \(sourceClass.rawValue) fit, range widened"
    case .uncalibrated: "uncalibrated defaults"
    case .standard: "standard (uncalibrated) defaults"
    case .ideal: "ideal roofline"
    case .given: "given on the command line"
    }
  }
}

extension LayoutObjective {
  var summary: String {
    switch self {
    case .throughput: "output tokens/s per GPU, highest first"
    case .latency: "time per output token, lowest first"
    case .cost: "$ per million output tokens, lowest first"
    case .memory: "memory on the fullest GPU, lowest first"
    }
  }
}
