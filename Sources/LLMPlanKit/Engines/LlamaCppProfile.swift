/// llama.cpp's `llama-server` (read from build b6000).
///
/// Memory is what CUDA reports: weights, the KV cache for `-c` tokens over `-np` slots, and
/// the compute buffer for one `--ubatch-size` (512) micro-batch. KV types f16, bf16, q8_0
/// (8.5 bits), q4_0 (4.5 bits) (`--cache-type-k/-v`). The SWA cache keeps a local layer's
/// window plus one micro-batch (`llama-kv-cache-iswa.cpp`, `--swa-full` off).
public struct LlamaCppProfile: EngineProfile {
  public init() {}
  /// Speed factors: none of its own: TensorRT-LLM 0.10 and gpt-fast.
  public let measurements = Calibration.trtllm010
  public let engine = Engine.llamacpp
  public let version = EngineVersion(6000)
  public let since = EngineVersion(1)
  public let line = "llama-server"
  public let sources =
    "tools/server/README.md, src/llama-kv-cache-iswa.cpp, src/llama-model.cpp, common/arg.cpp, b6000"
  public let kvFormats = ["fp16", "bf16", "q8_0", "q4_0"]
  /// Its own CUDA kernels dequantize every GGUF type (MXFP4 included) on any GPU.
  public let weightOnlyKernels = ["mxfp4": 0]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    EngineDefaults(memoryFraction: 1, blockSize: 1, batchedTokens: 512, maxSequences: 1)
  }

  /// GGUF types run in llama.cpp's dequantizing kernels on any GPU: MXFP4 weight-only, the
  /// rest as loaded.
  public func support(_ precision: Precision, on gpu: GPUSpec) -> FormatSupport {
    precision.computePath == .fp4 ? .weightOnly : .native
  }

  /// Layers split over GPUs (`--split-mode layer`) or rows (`row`); no attention data
  /// parallelism.
  public func rejection(_ layout: Layout) -> LayoutRejection? {
    layout.ep > 1 ? .engineCannot(.noAttentionDP, profile: id) : nil
  }

  /// GGUF types only: the llama-quantize mixes, their 16/32-bit files and MXFP4 (gpt-oss).
  public func loads(_ precision: Precision) -> Bool {
    precision.gguf != nil || ["fp32", "fp16", "bf16", "mxfp4"].contains(precision.id)
  }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    LlamaCppLaunch.command(plan, profile: self)
  }

  /// `-ngl` keeps the last layers on the GPUs and the rest on the CPU.
  public var offloadsLayersToHost: Bool { true }

  public func budget(_ input: BudgetInput) -> EngineBudget {
    typealias Term = MemoryBreakdown.Term
    let context = input.cudaContext
    let forward = input.forward
    let usable = input.gpu.memory.usable
    return EngineBudget(
      activation: Term(forward, .llamacppComputeBuffer(tokens: input.settings.batchedTokens)),
      overhead: context,
      capacity: Term(usable, .usableCapacity(usableGiB: input.gpu.memory.usableGiB)),
      kvBudget: usable - input.weights - forward - context.bytes)
  }

  public func localTokens(
    _ window: ModelSpec.SlidingWindow, batchedTokens: Int, blockSize: Int, hybrid: HybridKV?
  )
    -> Int?
  {
    window.window + batchedTokens
  }
}

/// No engine: the memory CUDA reports, the forward-pass estimate at 8,192 tokens, the CUDA
/// context. A plan that no engine's rules shape.
public struct NoEngineProfile: EngineProfile {
  public init() {}
  /// Speed factors: TensorRT-LLM 0.10 and gpt-fast (batch-1 decode without a serving engine).
  public let measurements = Calibration.trtllm010
  public let engine = Engine.none
  public let version = EngineVersion(0)
  public let since = EngineVersion(0)
  public let line = "memory CUDA reports"
  public let sources = "measured CUDA context (README, \"Catalogs\")"
  public let kvFormats = ["fp32", "fp16", "bf16", "fp8", "int8", "int4"]
  public let weightOnlyKernels: [String: Int] = [:]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    EngineDefaults(memoryFraction: 1, blockSize: 1, batchedTokens: 8192, maxSequences: 256)
  }

  /// Memory only: no engine's kernels to check.
  public func support(_ precision: Precision, on gpu: GPUSpec) -> FormatSupport { .native }

  public func budget(_ input: BudgetInput) -> EngineBudget {
    typealias Term = MemoryBreakdown.Term
    let context = input.cudaContext
    let forward = input.forward
    let usable = input.gpu.memory.usable
    return EngineBudget(
      activation: Term(forward, .forwardEstimate(tokens: input.settings.batchedTokens)),
      overhead: context,
      capacity: Term(usable, .usableCapacity(usableGiB: input.gpu.memory.usableGiB)),
      kvBudget: usable - input.weights - forward - context.bytes)
  }
}
