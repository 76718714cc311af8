/// What SGLang's static pool holds: `mem_fraction_static` × the GPU's memory for weights and
/// the KV pool; the rest (activations, CUDA graphs, NCCL) stays outside it.
enum SGLangMemory {
  static func budget(_ input: BudgetInput) -> EngineBudget {
    typealias Term = MemoryBreakdown.Term
    let usable = input.gpu.memory.usable
    let fraction = input.settings.memoryFraction
    let capacity = usable * fraction
    let reserve = Term(.zero, .sglangReserve(usable - capacity))
    return EngineBudget(
      activation: reserve, overhead: reserve,
      capacity: Term(
        capacity,
        .sglangStaticFraction(fraction: fraction, usableGiB: input.gpu.memory.usableGiB)),
      kvBudget: capacity - input.weights)
  }

  /// Requests at once: the request pool holds at least 2,048 (`ModelRunner.init_memory_pool`:
  /// max(total tokens / context · 512, 2,048), at most 4,096).
  static let maxRunningRequests = 2048
}

/// SGLang 0.4 (read from v0.4.6): `mem_fraction_static` from the TP table.
///
/// `ServerArgs.__post_init__`: 0.88 at TP 1, 0.87 at 2, 0.85 at 4, 0.81 at 8, 0.79 at 16 (the
/// fraction of the largest listed size not above the replica's); `chunked_prefill_size` 8,192,
/// 2,048 below 25 GB. Page size 1; KV auto, fp8_e4m3, fp8_e5m2. No sliding-window pool: every
/// layer keeps the full context.
public struct SGLang04Profile: EngineProfile {
  public init() {}
  /// Speed factors: the 2024 releases: TensorRT-LLM 0.10.
  public let measurements = Calibration.trtllm010
  public let engine = Engine.sglang
  public let version = EngineVersion(0, 4)
  public let since = EngineVersion(0, 3)
  public let line = "TP fraction table"
  public let sources = "python/sglang/srt/server_args.py (ServerArgs.__post_init__), v0.4.6"
  public let kvFormats = ["bf16", "fp16", "fp8"]
  /// FP8 Marlin below Ada (`srt/layers/quantization/fp8_utils.py`, v0.4.6).
  public let weightOnlyKernels = ["fp8": 80]

  public static let fractions: [(gpus: Int, fraction: Double)] = [
    (1, 0.88), (2, 0.87), (4, 0.85), (8, 0.81), (16, 0.79),
  ]

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    let gpus = layout.gpusPerReplica
    let fraction =
      Self.fractions.last { $0.gpus <= gpus }?.fraction ?? Self.fractions[0].fraction
    return EngineDefaults(
      memoryFraction: fraction, blockSize: 1,
      batchedTokens: gpu.memory.marketedGB < 25 ? 2048 : 8192,
      maxSequences: SGLangMemory.maxRunningRequests)
  }

  public func budget(_ input: BudgetInput) -> EngineBudget { SGLangMemory.budget(input) }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    SGLangLaunch.command(plan, profile: self, epSwitch: true)
  }

  /// No pipeline parallelism: v0.4.6's server arguments have no `--pp-size`.
  public func rejection(_ layout: Layout) -> LayoutRejection? {
    layout.pp > 1 ? .engineCannot(.noPipelineParallel, profile: id) : nil
  }

  public func localTokens(
    _ window: ModelSpec.SlidingWindow, batchedTokens: Int, blockSize: Int, hybrid: HybridKV?
  )
    -> Int?
  {
    nil
  }
}

/// SGLang 0.5 (read from v0.5.4): `mem_fraction_static` from a reserve.
///
/// `ServerArgs._handle_gpu_memory_settings`, in MiB of the GPU's memory: reserve = 512 +
/// 1.5 × max(chunked_prefill_size, 2,048) + 2 × cuda_graph_max_bs + TP × PP / 8 × 1,024, at
/// least 10 GiB on GPUs over 60 GiB; fraction = round((memory − reserve) / memory, 3). The
/// chunk and graph batch follow the memory: under 20 GiB 2,048 and 8; under 35 GiB 2,048 and
/// 24 (80 at TP ≥ 4); under 60 GiB 4,096 and 32 (160); under 90 GiB 8,192 and 256 (512);
/// under 160 GiB 8,192 and 256 (512); larger 16,384 and 512. (An RTX 4090, 24,564 MiB at TP
/// 1: 512 + 3,072 + 48 + 128 = 3,760, fraction 0.847; an H100's 81,080 MiB: 13,440, 0.834.) The hybrid
/// SWA pool keeps a local layer's window.
public struct SGLang05Profile: EngineProfile {
  public init() {}
  /// Speed factors: the 2025 releases: TensorRT-LLM 0.17.
  public let measurements = Calibration.trtllm017
  public let engine = Engine.sglang
  public let version = EngineVersion(0, 5)
  public let since = EngineVersion(0, 5)
  public let line = "reserve formula"
  public let sources = "python/sglang/srt/server_args.py (_handle_gpu_memory_settings), v0.5.4"
  public let kvFormats = ["bf16", "fp16", "fp8"]
  /// FP8 Marlin below Ada (`fp8_utils.py` `can_auto_enable_marlin_fp8`) and the Triton MXFP4
  /// MoE kernels (`mxfp4.py`); NVFP4 needs Blackwell (`modelopt_quant.py`
  /// `ModelOptFp4Config.get_min_capability` = 100), v0.5.4.
  public let weightOnlyKernels = ["fp8": 80, "mxfp4": 80]

  /// `chunked_prefill_size` and `cuda_graph_max_bs` by the GPU's memory in MiB.
  public static func sizes(memoryMiB: Double, tp: Int) -> (chunk: Int, graphBatch: Int) {
    let wide = tp >= 4
    switch memoryMiB {
    case ..<(20 * 1024): return (2048, 8)
    case ..<(35 * 1024): return (2048, wide ? 80 : 24)
    case ..<(60 * 1024): return (4096, wide ? 160 : 32)
    case ..<(160 * 1024): return (8192, wide ? 512 : 256)
    default: return (16384, 512)
    }
  }

  /// The reserve in MiB and the fraction it leaves; `attentionDP` > 1 with
  /// `--enable-dp-attention` (3 MiB per graph batch and DP rank, 1.5 more above a batch of
  /// 300).
  public static func fraction(memoryMiB: Double, tp: Int, pp: Int, attentionDP: Int = 1)
    -> (reserve: Double, fraction: Double)
  {
    let sizes = sizes(memoryMiB: memoryMiB, tp: tp)
    var reserve = 512 + 1.5 * Double(max(sizes.chunk, 2048)) + 2 * Double(sizes.graphBatch)
    reserve += Double(tp * pp) / 8 * 1024
    if attentionDP > 1 {
      reserve += Double(sizes.graphBatch * attentionDP) * 3
      if sizes.graphBatch > 300 { reserve += Double(sizes.graphBatch * attentionDP) * 1.5 }
    }
    if memoryMiB > 60 * 1024 { reserve = max(reserve, 10 * 1024) }
    return (reserve, ((memoryMiB - reserve) / memoryMiB * 1000).rounded() / 1000)
  }

  public func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    let memory = gpu.memory.usableGiB * 1024
    // With DP attention SGLang's --tp-size is the expert group (tp × ep GPUs).
    let tp = layout.expertGroup
    return EngineDefaults(
      memoryFraction: Self.fraction(
        memoryMiB: memory, tp: tp, pp: layout.pp, attentionDP: layout.ep
      ).fraction, blockSize: 1,
      batchedTokens: Self.sizes(memoryMiB: memory, tp: tp).chunk,
      maxSequences: SGLangMemory.maxRunningRequests)
  }

  public func budget(_ input: BudgetInput) -> EngineBudget { SGLangMemory.budget(input) }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? {
    SGLangLaunch.command(plan, profile: self)
  }
}
