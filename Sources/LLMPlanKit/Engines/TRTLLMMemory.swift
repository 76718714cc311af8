/// TensorRT-LLM's KV pool: `free_gpu_memory_fraction` of the memory free once the weights,
/// the activation buffers and the CUDA context are allocated
/// (`tensorrt_llm/_torch/pyexecutor/resource_manager.py`; `KvCacheConfig`, default 0.9).
enum TRTLLMMemory {
  /// No GGUF and no bitsandbytes: TensorRT-LLM's quantization is ModelOpt's (FP8, NVFP4,
  /// INT8 SmoothQuant, INT4 AWQ/GPTQ) (`docs/source/reference/precision.md`).
  static func loads(_ precision: Precision) -> Bool {
    precision.gguf == nil && !precision.id.hasPrefix("nf4") && !precision.id.hasPrefix("bnb")
  }

  static func budget(_ input: BudgetInput) -> EngineBudget {
    typealias Term = MemoryBreakdown.Term
    let context = input.cudaContext
    let forward = input.forward
    let fraction = input.settings.memoryFraction
    let free = input.gpu.memory.usable - context.bytes - input.weights - forward
    let kv = free * fraction
    return EngineBudget(
      activation: Term(forward, .forwardEstimate(tokens: input.settings.batchedTokens)),
      overhead: context,
      capacity: Term(
        input.weights + forward + context.bytes + kv,
        .trtllmFreeFraction(fraction: fraction, usableGiB: input.gpu.memory.usableGiB)),
      kvBudget: kv)
  }
}

/// TensorRT-LLM 0.9–0.10, TensorRT engines built with `trtllm-build` (read from v0.10).
///
/// `free_gpu_memory_fraction` 0.9; `max_num_tokens` 8,192; `tokens_per_block` 64
/// (`trtllm-build` defaults); `max_batch_size` 2,048, as the published performance overview
/// builds its engines (the build default is 256). KV: fp16/bf16, fp8, int8.
public struct TRTLLM010Profile: EngineProfile {
  public init() {}
  /// Speed factors: its own (0.9 and 0.10 measurements).
  public let measurements = Calibration.trtllm010
  public let engine = Engine.trtllm
  public let version = EngineVersion(0, 10)
  public let since = EngineVersion(0, 9)
  public let line = "TensorRT engines, trtllm-build"
  public let sources =
    "tensorrt_llm/commands/build.py, docs/source/performance/perf-overview.md, v0.10"
  public let kvFormats = ["bf16", "fp16", "fp8", "int8"]
  /// No weight-only FP8 or FP4: FP8 needs Ada (8.9), NVFP4 Blackwell
  /// (`docs/source/reference/support-matrix.md`).
  public let weightOnlyKernels: [String: Int] = [:]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    // No chunked context: `trtllm-build --use_paged_context_fmha` and the executor's
    // `enable_chunked_context` are off by default.
    EngineDefaults(
      memoryFraction: 0.9, blockSize: 64, batchedTokens: 8192, maxSequences: 2048,
      chunkedPrefill: false)
  }

  public func budget(_ input: BudgetInput) -> EngineBudget { TRTLLMMemory.budget(input) }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    TRTLLMLaunch.command(plan, profile: self, style: .build)
  }

  public func loads(_ precision: Precision) -> Bool { TRTLLMMemory.loads(precision) }

  /// `kv_cache_config.dtype` `auto` takes the checkpoint's `kv_cache_quant_algo`
  /// (`tensorrt_llm/llmapi/llm_utils.py`, ModelOpt checkpoints).
  public var followsCheckpointKV: Bool { true }

  /// The default capacity scheduler, `GUARANTEED_NO_EVICT`, reserves a request's whole length
  /// (`tensorrt_llm/llmapi/llm_args.py` `CapacitySchedulerPolicy`).
  public var reservesFullLength: Bool { true }

  /// TensorRT engines have no attention data parallelism.
  public func rejection(_ layout: Layout) -> LayoutRejection? {
    layout.ep > 1 ? .engineCannot(.noAttentionDP, profile: id) : nil
  }
}

/// TensorRT-LLM 0.17–0.21 as `trtllm-bench` runs it (read from v0.17).
///
/// `trtllm-bench`'s tuning (`tensorrt_llm/bench/build/tuning.py`) sizes `max_batch_size` and
/// `max_num_tokens` from the dataset up to 4,096 sequences; 8,192 tokens per step;
/// `kv_cache_free_gpu_memory_fraction` 0.9 (its benchmarks often pass 0.95); 64 tokens per
/// block. KV: fp16/bf16, fp8, int8.
public struct TRTLLM017Profile: EngineProfile {
  public init() {}
  /// Speed factors: its own (0.17 measurements).
  public let measurements = Calibration.trtllm017
  public let engine = Engine.trtllm
  public let version = EngineVersion(0, 21)
  public let since = EngineVersion(0, 17)
  public let line = "trtllm-bench tuning"
  public let sources = "tensorrt_llm/bench/build/tuning.py, tensorrt_llm/llmapi/llm_args.py, v0.17"
  public let kvFormats = ["bf16", "fp16", "fp8", "int8"]
  /// No weight-only FP8 or FP4: FP8 needs Ada (8.9), NVFP4 Blackwell
  /// (`docs/source/reference/support-matrix.md`).
  public let weightOnlyKernels: [String: Int] = [:]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    // No chunked context: `trtllm-bench throughput --enable_chunked_context` defaults to off
    // (`tensorrt_llm/bench/benchmark/throughput.py`).
    EngineDefaults(
      memoryFraction: 0.9, blockSize: 64, batchedTokens: 8192, maxSequences: 4096,
      chunkedPrefill: false)
  }

  public func budget(_ input: BudgetInput) -> EngineBudget { TRTLLMMemory.budget(input) }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    TRTLLMLaunch.command(plan, profile: self, style: .serve(backend: nil))
  }

  public func loads(_ precision: Precision) -> Bool { TRTLLMMemory.loads(precision) }

  /// `kv_cache_config.dtype` `auto` takes the checkpoint's `kv_cache_quant_algo`
  /// (`tensorrt_llm/llmapi/llm_utils.py`, ModelOpt checkpoints).
  public var followsCheckpointKV: Bool { true }

  /// The default capacity scheduler, `GUARANTEED_NO_EVICT`, reserves a request's whole length
  /// (`tensorrt_llm/llmapi/llm_args.py` `CapacitySchedulerPolicy`).
  public var reservesFullLength: Bool { true }

  /// TensorRT engines have no attention data parallelism.
  public func rejection(_ layout: Layout) -> LayoutRejection? {
    layout.ep > 1 ? .engineCannot(.noAttentionDP, profile: id) : nil
  }
}

/// TensorRT-LLM 1.x, the PyTorch backend `trtllm-serve` runs by default (read from v1.0).
///
/// `trtllm-serve` defaults (`tensorrt_llm/commands/serve.py`): `max_batch_size` 2,048,
/// `max_num_tokens` 8,192, `kv_cache_free_gpu_memory_fraction` 0.9; `tokens_per_block` 32
/// (`KvCacheConfig`). KV: fp16/bf16, fp8.
public struct TRTLLMPyTorchProfile: EngineProfile {
  public init() {}
  /// Speed factors: the nearest measured release, 0.17.
  public let measurements = Calibration.trtllm017
  public let engine = Engine.trtllm
  public let version = EngineVersion(1, 0)
  public let since = EngineVersion(1, 0)
  public let line = "PyTorch backend"
  public let sources = "tensorrt_llm/commands/serve.py, tensorrt_llm/llmapi/llm_args.py, v1.0"
  public let kvFormats = ["bf16", "fp16", "fp8"]
  /// MXFP4 (gpt-oss) runs W4A16 on Hopper; FP8 needs Ada (8.9), NVFP4 Blackwell
  /// (`docs/source/reference/support-matrix.md`, `_torch/modules/fused_moe`, v1.0).
  public let weightOnlyKernels = ["mxfp4": 90]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    // No chunked prefill: the LLM API's `enable_chunked_prefill` defaults to off
    // (`tensorrt_llm/llmapi/llm_args.py`).
    EngineDefaults(
      memoryFraction: 0.9, blockSize: 32, batchedTokens: 8192, maxSequences: 2048,
      chunkedPrefill: false)
  }

  public func budget(_ input: BudgetInput) -> EngineBudget { TRTLLMMemory.budget(input) }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    TRTLLMLaunch.command(plan, profile: self, style: .serve(backend: "pytorch"))
  }

  public func loads(_ precision: Precision) -> Bool { TRTLLMMemory.loads(precision) }

  /// `kv_cache_config.dtype` `auto` takes the checkpoint's `kv_cache_quant_algo`
  /// (`tensorrt_llm/llmapi/llm_utils.py`, ModelOpt checkpoints).
  public var followsCheckpointKV: Bool { true }

  /// The default capacity scheduler, `GUARANTEED_NO_EVICT`, reserves a request's whole length
  /// (`tensorrt_llm/llmapi/llm_args.py` `CapacitySchedulerPolicy`).
  public var reservesFullLength: Bool { true }

  /// `enable_attention_dp` runs attention unsharded on each of the TP ranks
  /// (`tensorrt_llm/mapping.py`: attention TP size 1 under attention DP, v1.0).
  public func rejection(_ layout: Layout) -> LayoutRejection? {
    layout.ep > 1 && layout.tp > 1 ? .engineCannot(.attentionDPNeedsTP1, profile: id) : nil
  }
}
