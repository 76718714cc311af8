/// vLLM's V1 engine, the default from 0.8 (read from v0.11).
///
/// - Budget: `gpu_memory_utilization` (0.9) × total − weights − the profiling run's peak −
///   non-torch memory (``VLLMMemory``; `vllm/v1/worker/gpu_worker.py`).
/// - Batch: `vllm serve` takes 8,192 tokens and 1,024 sequences on GPUs of 70 GiB or more
///   (A100 excepted), else 2,048 and 256 (`vllm/engine/arg_utils.py`, `get_batch_defaults`).
/// - KV: blocks of 16 (MLA: 64 on Hopper, 128 on Blackwell); auto, fp8 (`vllm/config/cache.py`:
///   no int8 or int4 cache). The hybrid KV-cache manager keeps a sliding-window layer's
///   window − 1 + one step's tokens plus a block (`SlidingWindowSpec.max_memory_usage_bytes`);
///   chunked local attention (Llama 4) keeps the full context unless
///   `VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE=1` (off in 0.10–0.11), then its chunk
///   plus one step's tokens (`ChunkedLocalAttentionSpec`); `--disable-hybrid-kv-cache-manager`
///   gives every layer the full context (``HybridKV``, `--hybrid-kv-cache`).
/// - CUDA graphs are captured after the KV cache is sized (`compile_or_warm_up_model` after
///   `initialize_from_config`), so their memory comes out of the 1 − `gpu_memory_utilization`
///   slack and is not subtracted here; later releases estimate it while profiling
///   (`VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS`) and would need a profile of their own.
public struct VLLMV1Profile: EngineProfile {
  public init() {}
  /// Speed factors: the 2025 releases: TensorRT-LLM 0.17.
  public let measurements = Calibration.trtllm017
  public let engine = Engine.vllm
  public let version = EngineVersion(0, 11)
  public let since = EngineVersion(0, 8)
  public let line = "V1 engine"
  public let sources =
    "vllm/engine/arg_utils.py (get_batch_defaults), vllm/v1/worker/gpu_worker.py and gpu_model_runner.py (profile_run), vllm/platforms/cuda.py, vllm/config/cache.py, v0.11"
  public let kvFormats = ["bf16", "fp16", "fp8"]
  /// Marlin weight-only kernels (compute capability 8.0) for FP8, NVFP4 and MXFP4 below their
  /// tensor cores (`model_executor/layers/quantization/utils/marlin_utils_fp8.py`,
  /// `marlin_utils_fp4.py`, `mxfp4.py`, v0.11).
  public let weightOnlyKernels = ["fp8": 80, "nvfp4": 80, "mxfp4": 80]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    let batch = VLLMMemory.servingBatch(gpu)
    return EngineDefaults(
      memoryFraction: 0.9, blockSize: VLLMMemory.blockSize(model, gpu),
      batchedTokens: batch.tokens, maxSequences: batch.sequences)
  }

  public func budget(_ input: BudgetInput) -> EngineBudget { VLLMMemory.budget(input) }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    VLLMLaunch.command(plan, profile: self, v1: true)
  }

  public func localTokens(
    _ window: ModelSpec.SlidingWindow, batchedTokens: Int, blockSize: Int, hybrid: HybridKV?
  )
    -> Int?
  {
    switch (window.kind, hybrid) {
    case (_, .off): return nil
    case ("sliding window", _): return window.window - 1 + batchedTokens + blockSize
    // ChunkedLocalAttentionSpec.max_memory_usage_bytes: the chunk plus one step's tokens.
    case (_, .chunked): return window.window + batchedTokens
    default: return nil
    }
  }
}
