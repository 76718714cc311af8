/// How a serving engine budgets GPU memory: the fraction of usable memory it may take, the
/// activation peak it reserves and the memory outside PyTorch (CUDA context, NCCL, cuBLAS).
///
/// The default reproduces vLLM's rules (modeling.md §3): requested = usable × 0.90; KV gets
/// what is left after weights, the profiled activation peak and non-torch memory; KV is paged
/// in blocks of 16 tokens.
public struct MemoryRules: Sendable, Hashable {
  public let name: String
  /// Fraction of usable memory the engine may allocate (`--gpu-memory-utilization`).
  public let utilization: Double
  /// KV block size in tokens; 1 means contiguous.
  public let blockSize: Int

  public init(name: String, utilization: Double, blockSize: Int) {
    self.name = name
    self.utilization = utilization
    self.blockSize = blockSize
  }

  public static let vllm = MemoryRules(name: "vLLM", utilization: 0.90, blockSize: 16)

  /// Peak activation memory per GPU of vLLM's profiling forward pass (default
  /// max_num_batched_tokens), measured per architecture family (modeling.md §2: Llama 4.8 GiB,
  /// Qwen2/3 5.6, MoE 8.0, other dense 5.5; vLLM logs 4.76 GiB for Llama-3.1-8B at TP 1 and
  /// 4.84 for Llama-3.3-70B at TP 2).
  public func activation(_ model: ModelSpec) -> (bytes: Bytes, rule: String) {
    if model.moe != nil { return (.gib(8.0), "vLLM profiled peak, MoE models (measured 8.0 GiB)") }
    switch model.family {
    case "llama": return (.gib(4.8), "vLLM profiled peak, Llama family (measured 4.8 GiB)")
    case "qwen2", "qwen3": return (.gib(5.6), "vLLM profiled peak, Qwen family (measured 5.6 GiB)")
    default: return (.gib(5.5), "vLLM profiled peak, dense default (measured 5.5 GiB)")
    }
  }

  /// Memory outside PyTorch's allocator per GPU: vLLM measures 0.13 GiB on one GPU and 0.55 GiB
  /// per GPU once NCCL communicators exist (TP or PP > 1).
  public func overhead(gpusPerReplica: Int) -> (bytes: Bytes, rule: String) {
    gpusPerReplica > 1
      ? (.gib(0.55), "non-torch memory with NCCL (vLLM, measured 0.55 GiB)")
      : (.gib(0.13), "non-torch memory, single GPU (vLLM, measured 0.13 GiB)")
  }
}
