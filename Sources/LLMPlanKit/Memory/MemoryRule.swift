/// The rule behind one term of a per-GPU memory breakdown: which formula or measurement gave
/// the bytes, with the figures it used. The CLI turns it into a sentence; ``code`` is a stable
/// machine name for programs.
public enum MemoryRule: Sendable, Hashable {
  // Weights
  /// The rule of thumb's P · 4 B / (32 / Q), spread over `gpus` GPUs.
  case ruleOfThumbWeights(bits: Double, gpus: Int)
  /// Exact parameters × bits of the stage's `layers` (of `totalLayers`), with the embedding on
  /// the first stage and the LM head on the last, split over `tp` (experts over `expertGPUs`).
  case stageWeights(
    layers: Int, totalLayers: Int, embeddings: Bool, lmHead: Bool, format: WeightsRead, tp: Int,
    expertGPUs: Int?)

  // KV cache
  /// KV of `sequences` sequences of `context` tokens, rounded up to blocks of `blockSize`.
  case sequencesKV(sequences: Int, context: Int, precision: Precision, blockSize: Int)
  /// Not modelled: inside the rule of thumb's 20 %.
  case insideRuleOfThumb

  // Activations
  /// vLLM's profiling run: a forward pass of `tokens` tokens, then the sampler over
  /// `sequences` rows of logits (`sampler` bytes, with the hidden states); the larger phase
  /// (``VLLMMemory``).
  case vllmProfileRun(tokens: Int, sequences: Int, sampler: Bytes)
  /// ``ActivationEstimate`` at `tokens` tokens per forward pass.
  case forwardEstimate(tokens: Int)
  /// llama.cpp's compute buffer at `--ubatch-size` `tokens` (the forward-pass estimate).
  case llamacppComputeBuffer(tokens: Int)
  /// SGLang: inside the `reserve` bytes outside the static pool (activations and overhead).
  case sglangReserve(Bytes)

  // Overhead
  /// The rule of thumb's 20 % of the weights.
  case ruleOfThumbOverhead
  /// vLLM's non-torch memory: 0.13 GiB on one GPU, 0.42 GiB more per NCCL peer (`peers`, at
  /// most 2; ``VLLMMemory/nonTorch(gpusPerReplica:)``).
  case vllmNonTorch(peers: Int)
  /// The CUDA context (measured 0.51 GiB), plus NCCL's buffers (0.42 GiB) on several GPUs.
  case cudaContext(nccl: Bool)

  // Capacity
  /// The marketed capacity, `gigabytes` GB, as the rule of thumb compares.
  case marketedCapacity(gigabytes: Double)
  /// vLLM: `--gpu-memory-utilization` × the usable memory.
  case vllmUtilization(fraction: Double, usableGiB: Double)
  /// SGLang: `--mem-fraction-static` × the usable memory holds weights + KV.
  case sglangStaticFraction(fraction: Double, usableGiB: Double)
  /// TensorRT-LLM: the usable memory less (1 − `free_gpu_memory_fraction`) of what is free.
  case trtllmFreeFraction(fraction: Double, usableGiB: Double)
  /// All the memory CUDA reports.
  case usableCapacity(usableGiB: Double)

  /// A stable machine name for the rule (README, "Rule and rejection codes").
  public var code: String {
    switch self {
    case .ruleOfThumbWeights: "rule-of-thumb.weights"
    case .stageWeights(_, _, _, _, .uniform, _, _): "weights.stage"
    case .stageWeights(_, _, _, _, .checkpoint(let format), _, _):
      format.stored == nil ? "weights.stage.mixed" : "weights.stage.stored"
    case .sequencesKV: "kv.sequences"
    case .insideRuleOfThumb: "rule-of-thumb.included"
    case .vllmProfileRun: "vllm.activation.profile-run"
    case .forwardEstimate: "activation.forward-estimate"
    case .llamacppComputeBuffer: "llamacpp.activation.compute-buffer"
    case .sglangReserve: "sglang.reserve"
    case .ruleOfThumbOverhead: "rule-of-thumb.overhead"
    case .vllmNonTorch(let peers):
      peers > 0 ? "vllm.overhead.non-torch-nccl" : "vllm.overhead.non-torch"
    case .cudaContext(let nccl): nccl ? "overhead.cuda-context-nccl" : "overhead.cuda-context"
    case .marketedCapacity: "rule-of-thumb.capacity.marketed"
    case .vllmUtilization: "vllm.capacity.gpu-memory-utilization"
    case .sglangStaticFraction: "sglang.capacity.mem-fraction-static"
    case .trtllmFreeFraction: "trtllm.capacity.free-gpu-memory-fraction"
    case .usableCapacity: "capacity.usable"
    }
  }
}

/// How a stage's weight bytes were counted.
public enum WeightsRead: Sendable, Hashable {
  /// Parameters × bits of one format.
  case uniform(Precision)
  /// The checkpoint's formats, module by module, or its stored bytes.
  case checkpoint(WeightFormat)
}
