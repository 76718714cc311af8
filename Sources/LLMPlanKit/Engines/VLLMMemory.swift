/// What vLLM sets aside on each GPU before the KV cache (`Worker.determine_available_memory`):
/// the memory its profiling run peaked at, and the memory outside PyTorch.
///
/// The profiling run (`GPUModelRunner.profile_run`, v0.11) pushes `max_num_batched_tokens`
/// tokens through the model, split into `max_num_seqs` requests, keeps the last hidden states
/// and samples one token for each request (`_dummy_sampler_run`): logits of `max_num_seqs` ×
/// vocabulary with the sampler's fp32 copies. The forward pass's own activations are freed by
/// then, so the peak is the larger of the two phases: the forward-pass estimate, or the hidden
/// states (tokens × hidden × 2 B) plus the sampler. The sampler's bytes per logit are fitted
/// on vLLM's logs on an H100 (8,192 tokens, 1,024 sequences): Llama-3.1-8B 4.76 GiB, less
/// 0.06 GiB of hidden states, over 1,024 × 128,256 logits is 38.40 B each. The same rule gives
/// Llama-3.3-70B-FP8 4.82 GiB at TP 1 and 2 (logged 4.90 and 4.84) and Qwen2.5-7B 5.62 GiB
/// (vocabulary 152,064; logged 5.6).
public enum VLLMMemory {
  /// Bytes the sampler holds per logit of the profiling run (fitted, see above).
  public static let samplerBytesPerLogit = 38.40

  /// The profiling run's phases: the forward pass at `tokens`, and the hidden states plus the
  /// sampler over min(`sequences`, `tokens`) rows of the full vocabulary (every TP rank
  /// samples). The peak is the larger.
  public static func profilePeak(_ model: ModelSpec, tokens: Int, sequences: Int, tp: Int)
    -> (forward: Bytes, sampler: Bytes)
  {
    let forward = ActivationEstimate.forward(model, tokens: tokens, tp: tp, sampledRows: 0)
    let rows = Double(min(sequences, tokens))
    let hidden = Double(tokens * model.hidden) * model.activationPrecision.bytes
    return (forward, Bytes(hidden + rows * Double(model.vocab) * samplerBytesPerLogit))
  }

  /// Memory outside PyTorch: 0.13 GiB on one GPU (cuBLAS and CUDA workspaces), measured; 0.55
  /// GiB once NCCL connects one peer (TP 2, measured). NCCL's buffers are per peer: a ring
  /// reaches two distinct peers from three GPUs on, so 0.97 GiB is assumed there (estimate).
  public static func nonTorch(gpusPerReplica: Int) -> (bytes: Bytes, peers: Int) {
    let peers = min(max(gpusPerReplica - 1, 0), 2)
    return (.gib(0.13 + 0.42 * Double(peers)), peers)
  }

  /// `vllm serve`'s scheduler defaults (`EngineArgs.get_batch_defaults`, v0.8–0.11): GPUs
  /// with at least 70 GiB, A100s excepted, batch 8,192 tokens and 1,024 sequences; the rest
  /// 2,048 and 256.
  public static func servingBatch(_ gpu: GPUSpec) -> (tokens: Int, sequences: Int) {
    let large = gpu.memory.usableGiB >= 70 && !gpu.id.hasPrefix("a100")
    return large ? (8192, 1024) : (2048, 256)
  }

  /// Tokens per KV block: 16, or what an MLA backend forces (`vllm/platforms/cuda.py`: FlashMLA
  /// on Hopper 64, CUTLASS MLA on Blackwell 128).
  public static func blockSize(_ model: ModelSpec, _ gpu: GPUSpec) -> Int {
    guard model.latentAttention != nil else { return 16 }
    switch gpu.family {
    case .hopper: return 64
    case .blackwell: return 128
    default: return 16
    }
  }

  /// The budget both engine lines compute.
  static func budget(_ input: BudgetInput) -> EngineBudget {
    typealias Term = MemoryBreakdown.Term
    let settings = input.settings
    let peak = profilePeak(
      input.model, tokens: settings.batchedTokens, sequences: settings.maxSequences, tp: input.tp)
    let nonTorch = nonTorch(gpusPerReplica: input.gpusPerReplica)
    let capacity = input.gpu.memory.usable * settings.memoryFraction
    let activation = max(peak.forward, peak.sampler)
    return EngineBudget(
      activation: Term(
        activation,
        .vllmProfileRun(
          tokens: settings.batchedTokens,
          sequences: min(settings.maxSequences, settings.batchedTokens),
          sampler: peak.sampler)),
      overhead: Term(nonTorch.bytes, .vllmNonTorch(peers: nonTorch.peers)),
      capacity: Term(
        capacity,
        .vllmUtilization(fraction: settings.memoryFraction, usableGiB: input.gpu.memory.usableGiB)),
      kvBudget: capacity - input.weights - activation - nonTorch.bytes)
  }
}
