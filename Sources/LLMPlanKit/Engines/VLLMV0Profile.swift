/// vLLM's V0 engine, 0.5 to 0.7 (read from v0.7).
///
/// - Budget as V1's (`vllm/worker/worker.py`, `determine_num_available_blocks`), profiling
///   `max_num_batched_tokens` over `max_num_seqs` (256) sequences.
/// - Batch: without chunked prefill, `max_num_batched_tokens` = max(max_model_len, 2,048);
///   chunked prefill switches on for contexts over 32K, at 2,048 tokens
///   (`vllm/config.py` `_DEFAULT_MAX_NUM_BATCHED_TOKENS`, `vllm/engine/arg_utils.py`).
/// - KV: blocks of 16; auto, fp8. The block manager keeps a window only when every layer is
///   local (Mistral); interleaved local/global models keep the full context.
public struct VLLMV0Profile: EngineProfile {
  public init() {}
  /// Speed factors: the 2024 releases: TensorRT-LLM 0.10.
  public let measurements = Calibration.trtllm010
  public let engine = Engine.vllm
  public let version = EngineVersion(0, 7)
  public let since = EngineVersion(0, 5)
  public let line = "V0 engine"
  public let sources =
    "vllm/config.py (SchedulerConfig), vllm/engine/arg_utils.py, vllm/worker/worker.py, v0.7"
  public let kvFormats = ["bf16", "fp16", "fp8"]
  /// FP8 Marlin (weight-only, compute capability 8.0), from v0.5.1
  /// (`model_executor/layers/quantization/utils/marlin_utils_fp8.py`).
  public let weightOnlyKernels = ["fp8": 80]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    let chunked = maxModelLen > 32768
    return EngineDefaults(
      memoryFraction: 0.9, blockSize: 16,
      batchedTokens: chunked ? 2048 : max(maxModelLen, 2048), maxSequences: 256,
      chunkedPrefill: chunked)
  }

  public func budget(_ input: BudgetInput) -> EngineBudget { VLLMMemory.budget(input) }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    VLLMLaunch.command(plan, profile: self, v1: false)
  }

  /// V0 has no data parallelism and so no attention data parallelism (`--data-parallel-size`
  /// and `--enable-expert-parallel` arrive with V1).
  public func rejection(_ layout: Layout) -> LayoutRejection? {
    layout.ep > 1 ? .engineCannot(.noAttentionDP, profile: id) : nil
  }

  public func localTokens(
    _ window: ModelSpec.SlidingWindow, batchedTokens: Int, blockSize: Int, hybrid: HybridKV?
  )
    -> Int?
  {
    window.globalEvery == nil && window.localLayers == nil ? window.window : nil
  }
}
