/// The serving engines whose memory rules llmplan reproduces (modeling.md §3–4).
public enum Engine: String, Sendable, Hashable, CaseIterable {
  case vllm, sglang, trtllm, llamacpp, none

  public var displayName: String {
    switch self {
    case .vllm: "vLLM"
    case .sglang: "SGLang"
    case .trtllm: "TensorRT-LLM"
    case .llamacpp: "llama.cpp"
    case .none: "no engine"
    }
  }

  /// The engine's own name for its memory-fraction flag, if it has one.
  public var fractionFlag: String? {
    switch self {
    case .vllm: "gpu-memory-utilization"
    case .sglang: "mem-fraction-static"
    case .trtllm: "free-gpu-memory-fraction"
    case .llamacpp, .none: nil
    }
  }
}

/// What an engine sets aside on one GPU and what it leaves for the KV cache.
public struct EngineBudget: Sendable, Hashable {
  public let activation: MemoryBreakdown.Term
  public let overhead: MemoryBreakdown.Term
  /// weights + activation + overhead + KV budget: what the engine lets this GPU hold.
  public let capacity: MemoryBreakdown.Term
  /// Bytes left for the KV cache; negative when the engine would refuse to start.
  public let kvBudget: Bytes
}

/// An engine with its settings. `nil` settings take the engine's defaults.
public struct ServingEngine: Sendable, Hashable {
  public var engine: Engine
  /// vLLM `--gpu-memory-utilization`, SGLang `--mem-fraction-static`, TensorRT-LLM
  /// `free_gpu_memory_fraction`.
  public var memoryFraction: Double?
  /// Tokens per KV block (vLLM `--block-size`, TensorRT-LLM `tokens_per_block`).
  public var blockSize: Int?
  /// Tokens one forward pass may process (vLLM `--max-num-batched-tokens`, TensorRT-LLM
  /// `max_num_tokens`, llama.cpp `--ubatch-size`).
  public var maxBatchedTokens: Int?

  public init(
    _ engine: Engine, memoryFraction: Double? = nil, blockSize: Int? = nil,
    maxBatchedTokens: Int? = nil
  ) {
    self.engine = engine
    self.memoryFraction = memoryFraction
    self.blockSize = blockSize
    self.maxBatchedTokens = maxBatchedTokens
  }

  public static let vllm = ServingEngine(.vllm)

  /// Measured on the lent H100 (Fixtures/device): CUDA reports 79.18 GiB total and 78.66 GiB
  /// free right after creating a context.
  public static let cudaContext = Bytes.gib(0.51)
  /// Extra memory outside PyTorch once NCCL communicators exist: vLLM measures 0.55 GiB of
  /// non-torch memory at TP 2 against 0.13 at TP 1.
  public static let ncclBuffers = Bytes.gib(0.42)

  /// The memory fraction in force: the setting or the engine's default.
  public func fraction(gpusPerReplica: Int) -> Double {
    if let memoryFraction { return memoryFraction }
    switch engine {
    case .vllm, .trtllm: return 0.90
    case .sglang:
      // SGLang's ServerArgs default by TP size (v0.4).
      switch gpusPerReplica {
      case 16...: return 0.79
      case 8...: return 0.81
      case 4...: return 0.85
      case 2...: return 0.87
      default: return 0.88
      }
    case .llamacpp, .none: return 1
    }
  }

  /// Tokens per KV block: vLLM 16, TensorRT-LLM 32, SGLang and llama.cpp per token.
  public var effectiveBlockSize: Int {
    if let blockSize { return blockSize }
    switch engine {
    case .vllm: return 16
    case .trtllm: return 32
    case .sglang, .llamacpp, .none: return 1
    }
  }

  /// Tokens per forward pass: 8,192 (vLLM's `vllm serve` default, TensorRT-LLM's
  /// max_num_tokens, SGLang's chunked prefill); 512 for llama.cpp's micro-batch.
  /// The engine's default cap on sequences running at once in one instance (one attention
  /// group): vLLM `--max-num-seqs` 256, SGLang `--max-running-requests` (no fixed default; 256
  /// assumed), TensorRT-LLM `max_batch_size` 2048, llama.cpp `--parallel` 1.
  public var maxRunningSequences: Int {
    switch engine {
    case .vllm, .sglang, .none: 256
    case .trtllm: 2048
    case .llamacpp: 1
    }
  }

  public var effectiveBatchedTokens: Int {
    maxBatchedTokens ?? (engine == .llamacpp ? 512 : 8192)
  }

  /// vLLM's profiled activation peak at 8,192 batched tokens, measured per family
  /// (modeling.md §2: Llama 4.8 GiB, Qwen 5.6, MoE 8.0, other dense 5.5; vLLM logs 4.76 GiB for
  /// Llama-3.1-8B at TP 1 and 4.84 for Llama-3.3-70B at TP 2).
  static func vllmMeasuredPeak(_ model: ModelSpec) -> (Bytes, String) {
    if model.moe != nil { return (.gib(8.0), "MoE 8.0 GiB") }
    switch model.family {
    case "llama": return (.gib(4.8), "Llama 4.8 GiB")
    case "qwen2", "qwen3": return (.gib(5.6), "Qwen 5.6 GiB")
    default: return (.gib(5.5), "dense default 5.5 GiB")
    }
  }

  /// The engine's budget on one GPU holding `weights`, in a replica of `gpusPerReplica` GPUs
  /// with tensor parallelism `tp`.
  public func budget(
    model: ModelSpec, gpu: GPUSpec, weights: Bytes, tp: Int, gpusPerReplica: Int
  ) -> EngineBudget {
    typealias Term = MemoryBreakdown.Term
    let usable = gpu.memory.usable
    let usableText = "\(Format.number(gpu.memory.usableGiB)) GiB usable"
    let fraction = self.fraction(gpusPerReplica: gpusPerReplica)
    let tokens = effectiveBatchedTokens
    let forward = ActivationEstimate.forward(model, tokens: tokens, tp: tp)
    let forwardRule = "forward pass at \(Format.integer(tokens)) tokens (estimate)"
    let multiGPU = gpusPerReplica > 1
    let contextOverhead = multiGPU ? Self.cudaContext + Self.ncclBuffers : Self.cudaContext
    let contextRule =
      multiGPU
      ? "CUDA context 0.51 GiB (measured) + NCCL 0.42 GiB" : "CUDA context (measured 0.51 GiB)"
    switch engine {
    case .vllm:
      let (measured, family) = Self.vllmMeasuredPeak(model)
      let reference = ActivationEstimate.forward(model, tokens: 8192, tp: tp)
      let activation = max(forward, measured + forward - reference)
      let activationRule =
        tokens == 8192
        ? "vLLM profiled peak, measured: \(family)"
        : "vLLM profiled peak (\(family) at 8,192) moved to \(Format.integer(tokens)) batched tokens"
      let overhead =
        multiGPU
        ? Term(.gib(0.55), "non-torch memory with NCCL (vLLM, measured 0.55 GiB)")
        : Term(.gib(0.13), "non-torch memory (vLLM, measured 0.13 GiB)")
      let capacity = usable * fraction
      return EngineBudget(
        activation: Term(activation, activationRule), overhead: overhead,
        capacity: Term(
          capacity, "\(Format.number(fraction)) × \(usableText) (--gpu-memory-utilization)"),
        kvBudget: capacity - weights - activation - overhead.bytes)
    case .sglang:
      let capacity = usable * fraction
      let reserve = Format.gib(usable - capacity)
      return EngineBudget(
        activation: Term(.zero, "in the \(reserve) outside the static pool"),
        overhead: Term(.zero, "in the \(reserve) outside the static pool"),
        capacity: Term(
          capacity,
          "\(Format.number(fraction)) × \(usableText) (--mem-fraction-static: weights + KV)"),
        kvBudget: capacity - weights)
    case .trtllm:
      let free = usable - contextOverhead - weights - forward
      let kv = free * fraction
      return EngineBudget(
        activation: Term(forward, forwardRule), overhead: Term(contextOverhead, contextRule),
        capacity: Term(
          weights + forward + contextOverhead + kv,
          "\(usableText) less \(Format.number(1 - fraction)) of the free memory (free_gpu_memory_fraction \(Format.number(fraction)))"
        ),
        kvBudget: kv)
    case .llamacpp, .none:
      let activation = Term(
        forward,
        engine == .llamacpp ? "compute buffer at --ubatch-size \(tokens) (estimate)" : forwardRule)
      return EngineBudget(
        activation: activation, overhead: Term(contextOverhead, contextRule),
        capacity: Term(usable, usableText),
        kvBudget: usable - weights - forward - contextOverhead)
    }
  }
}
