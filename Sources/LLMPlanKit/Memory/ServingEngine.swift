/// The serving engines whose memory rules llmplan reproduces.
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

  /// Whether the engine runs on `gpu`'s vendor: TPUs only under vLLM's TPU backend
  /// (vllm-project/tpu-inference), Gaudi under vLLM's HPU plugin (vllm-project/vllm-gaudi),
  /// TensorRT-LLM only on NVIDIA. `none` plans memory on anything.
  public func runs(on gpu: GPUSpec) -> Bool {
    switch (self, gpu.vendor) {
    case (.none, _), (.vllm, _): true
    case (_, .google), (_, .intel): false
    case (.trtllm, .amd): false
    default: true
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
  public let engine: Engine
  /// vLLM `--gpu-memory-utilization`, SGLang `--mem-fraction-static`, TensorRT-LLM
  /// `free_gpu_memory_fraction`.
  public let memoryFraction: Double?
  /// Tokens per KV block (vLLM `--block-size`, TensorRT-LLM `tokens_per_block`).
  public let blockSize: Int?
  /// Tokens one forward pass may process (vLLM `--max-num-batched-tokens`, TensorRT-LLM
  /// `max_num_tokens`, llama.cpp `--ubatch-size`).
  public let maxBatchedTokens: Int?

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

  /// SGLang's `mem_fraction_static` default by GPUs per replica (`ServerArgs`, v0.4): the
  /// fraction for the largest listed count not above the replica's.
  public static let sglangFractions: [(gpus: Int, fraction: Double)] = [
    (1, 0.88), (2, 0.87), (4, 0.85), (8, 0.81), (16, 0.79),
  ]

  /// The memory fraction an engine uses when none is given, for a replica of `gpusPerReplica`.
  public static func defaultFraction(_ engine: Engine, gpusPerReplica: Int) -> Double {
    switch engine {
    case .vllm, .trtllm: 0.90
    case .sglang:
      sglangFractions.last { $0.gpus <= gpusPerReplica }?.fraction ?? sglangFractions[0].fraction
    case .llamacpp, .none: 1
    }
  }

  /// Tokens per KV block by default: vLLM 16, TensorRT-LLM 32, SGLang and llama.cpp per token.
  public static func defaultBlockSize(_ engine: Engine) -> Int {
    switch engine {
    case .vllm: 16
    case .trtllm: 32
    case .sglang, .llamacpp, .none: 1
    }
  }

  /// Tokens per forward pass by default: 8,192 (vLLM's `vllm serve` default, TensorRT-LLM's
  /// max_num_tokens, SGLang's chunked prefill); 512 for llama.cpp's micro-batch.
  public static func defaultBatchedTokens(_ engine: Engine) -> Int {
    engine == .llamacpp ? 512 : 8192
  }

  /// The memory fraction in force: the setting or the engine's default.
  public func fraction(gpusPerReplica: Int) -> Double {
    memoryFraction ?? Self.defaultFraction(engine, gpusPerReplica: gpusPerReplica)
  }

  /// Tokens per KV block in force.
  public var effectiveBlockSize: Int { blockSize ?? Self.defaultBlockSize(engine) }

  /// Tokens per forward pass in force.
  public var effectiveBatchedTokens: Int {
    maxBatchedTokens ?? Self.defaultBatchedTokens(engine)
  }

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

  /// The engine's budget on one GPU holding `weights`, in a replica of `gpusPerReplica` GPUs
  /// with tensor parallelism `tp`.
  public func budget(
    model: ModelSpec, gpu: GPUSpec, weights: Bytes, tp: Int, gpusPerReplica: Int
  ) -> EngineBudget {
    typealias Term = MemoryBreakdown.Term
    let usable = gpu.memory.usable
    let usableGiB = gpu.memory.usableGiB
    let fraction = self.fraction(gpusPerReplica: gpusPerReplica)
    let tokens = effectiveBatchedTokens
    let forward = ActivationEstimate.forward(model, tokens: tokens, tp: tp)
    let multiGPU = gpusPerReplica > 1
    let contextOverhead = multiGPU ? Self.cudaContext + Self.ncclBuffers : Self.cudaContext
    let context = Term(contextOverhead, .cudaContext(nccl: multiGPU))
    switch engine {
    case .vllm:
      let peak = VLLMActivationPeak(model)
      let reference = ActivationEstimate.forward(model, tokens: 8192, tp: tp)
      let activation = max(forward, peak.bytes + forward - reference)
      let rule: MemoryRule =
        tokens == 8192 ? .vllmProfiledPeak(peak) : .vllmProfiledPeakMoved(peak, tokens: tokens)
      let overhead = Term(multiGPU ? .gib(0.55) : .gib(0.13), .vllmNonTorch(nccl: multiGPU))
      let capacity = usable * fraction
      return EngineBudget(
        activation: Term(activation, rule), overhead: overhead,
        capacity: Term(capacity, .vllmUtilization(fraction: fraction, usableGiB: usableGiB)),
        kvBudget: capacity - weights - activation - overhead.bytes)
    case .sglang:
      let capacity = usable * fraction
      let reserve = Term(.zero, .sglangReserve(usable - capacity))
      return EngineBudget(
        activation: reserve, overhead: reserve,
        capacity: Term(capacity, .sglangStaticFraction(fraction: fraction, usableGiB: usableGiB)),
        kvBudget: capacity - weights)
    case .trtllm:
      let free = usable - contextOverhead - weights - forward
      let kv = free * fraction
      return EngineBudget(
        activation: Term(forward, .forwardEstimate(tokens: tokens)), overhead: context,
        capacity: Term(
          weights + forward + contextOverhead + kv,
          .trtllmFreeFraction(fraction: fraction, usableGiB: usableGiB)),
        kvBudget: kv)
    case .llamacpp, .none:
      let rule: MemoryRule =
        engine == .llamacpp
        ? .llamacppComputeBuffer(tokens: tokens) : .forwardEstimate(tokens: tokens)
      return EngineBudget(
        activation: Term(forward, rule), overhead: context,
        capacity: Term(usable, .usableCapacity(usableGiB: usableGiB)),
        kvBudget: usable - weights - forward - contextOverhead)
    }
  }
}
