import LLMPlanKit

extension MemoryRule {
  /// The rule as printed next to its bytes.
  var text: String {
    switch self {
    case .ruleOfThumbWeights(let bits, let gpus):
      return "P · 4 B / (32 / \(Format.bits(bits))) over \(gpus == 1 ? "1 GPU" : "\(gpus) GPUs")"
    case .stageWeights(
      let layers, let total, let embeddings, let lmHead, let format, let tp, let experts):
      var text = "\(layers) of \(total) layers"
      if embeddings { text += " + embeddings" }
      if lmHead { text += " + LM head" }
      text += " " + format.text
      if tp > 1 { text += ", split over TP \(tp)" }
      if let experts { text += ", experts over \(experts) GPUs" }
      return text
    case .sequencesKV(let sequences, let context, let precision, let blockSize):
      return
        "\(Format.integer(sequences)) × \(Format.integer(context)) tokens at \(precision.id)\(blockSize > 1 ? ", blocks of \(blockSize)" : "")"
    case .insideRuleOfThumb:
      return "not modelled; inside the 20 %"
    case .vllmProfileRun(let tokens, let sequences, let sampler):
      return
        "vLLM profile run at \(Format.integer(tokens)) tokens, \(Format.integer(sequences)) sequences (sampler phase \(Format.gib(sampler)))"
    case .forwardEstimate(let tokens):
      return "forward pass at \(Format.integer(tokens)) tokens (estimate)"
    case .llamacppComputeBuffer(let tokens):
      return "compute buffer at --ubatch-size \(tokens) (estimate)"
    case .sglangReserve(let reserve):
      return "in the \(Format.gib(reserve)) outside the static pool"
    case .ruleOfThumbOverhead:
      return "20 % of weights (the rule of thumb's × 1.2)"
    case .vllmNonTorch(let peers):
      switch peers {
      case 0: return "non-torch memory (vLLM, measured 0.13 GiB)"
      case 1: return "non-torch memory with NCCL, 1 peer (vLLM, measured 0.55 GiB)"
      default: return "non-torch memory with NCCL, \(peers) peers (0.13 + 0.42 per peer, estimate)"
      }
    case .cudaContext(let nccl):
      return
        nccl
        ? "CUDA context 0.51 GiB (measured) + NCCL 0.42 GiB" : "CUDA context (measured 0.51 GiB)"
    case .marketedCapacity(let gigabytes):
      return "marketed \(Format.number(gigabytes)) GB, as the rule of thumb compares"
    case .vllmUtilization(let fraction, let usable):
      return "\(Format.number(fraction)) × \(usableText(usable)) (--gpu-memory-utilization)"
    case .sglangStaticFraction(let fraction, let usable):
      return
        "\(Format.number(fraction)) × \(usableText(usable)) (--mem-fraction-static: weights + KV)"
    case .trtllmFreeFraction(let fraction, let usable):
      return
        "\(usableText(usable)) less \(Format.number(1 - fraction)) of the free memory (free_gpu_memory_fraction \(Format.number(fraction)))"
    case .usableCapacity(let usable):
      return usableText(usable)
    }
  }

  private func usableText(_ gibibytes: Double) -> String {
    "\(Format.number(gibibytes)) GiB usable"
  }
}

extension WeightsRead {
  /// "at fp8", "as stored in the checkpoint's headers", or the checkpoint's formats by module.
  var text: String {
    switch self {
    case .uniform(let precision): return "at \(precision.id)"
    case .checkpoint(let format) where format.stored != nil:
      return "as the checkpoint stores them (bytes from its headers)"
    case .checkpoint(let format): return "at the checkpoint's formats (\(format.text))"
    }
  }
}

extension WeightFormat {
  /// "experts mxfp4, the rest bf16": each distinct format with the modules that use it.
  var text: String {
    let modules: [(String, Precision)] = [
      ("attention", attention), ("MLP", mlp), ("experts", experts), ("norms", other),
      ("embedding", embedding), ("LM head", lmHead),
    ]
    var groups: [(Precision, [String])] = []
    for (name, precision) in modules {
      if let index = groups.firstIndex(where: { $0.0 == precision }) {
        groups[index].1.append(name)
      } else {
        groups.append((precision, [name]))
      }
    }
    guard groups.count > 1 else { return "all \(attention.id)" }
    let largest = groups.indices.max { groups[$0].1.count < groups[$1].1.count }!
    return groups.indices.filter { $0 != largest }
      .map { "\(groups[$0].1.joined(separator: ", ")) \(groups[$0].0.id)" }
      .joined(separator: "; ") + "; the rest \(groups[largest].0.id)"
  }
}
