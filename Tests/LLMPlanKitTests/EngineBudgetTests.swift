import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// Every profile's KV budget, by hand, on a 24 GB, an 80 GB and a 141 GB GPU, against the
/// engine's own formula. Llama-3.1-8B at bf16, TP 1, `max_model_len` 8,192:
/// - weights W = 8,030,261,248 × 2 = 16,060,522,496 B;
/// - memory CUDA reports U: RTX 4090 23.65 GiB, H100 79.18 GiB, H200 139.80 GiB;
/// - the forward-pass estimate per token (4 · 4,096 + 48 · 128 + 3 · 14,336) · 2 B = 131,072 B,
///   plus 256 sampled rows of logits, 256 · 128,256 · 4 = 131,334,144 B: at 8,192 tokens
///   1,205,075,968 B, at 512 tokens 198,443,008 B.
@Suite("Engine budgets")
struct EngineBudgetTests {
  static let gib = 1_073_741_824.0
  static let weights = 16_060_522_496.0
  static let usable: [String: Double] = ["rtx4090": 23.65, "h100": 79.18, "h200": 139.80]
  /// The sampler phase of vLLM's profiling run (VLLMMemory): hidden states tokens · 4,096 · 2
  /// plus rows · 128,256 · 38.40 B.
  static let sampler256 = 256 * 128_256 * 38.40  // 1,260,807,782 B
  static let sampler1024 = 1024 * 128_256 * 38.40  // 5,043,231,130 B

  static func budget(_ id: String, _ gpuID: String) -> Double {
    let profile = EngineRegistry.profile(id: id)!
    return ServingEngine(profile: profile).budget(
      model: model("llama-3.1-8b"), gpu: gpu(gpuID), weights: Bytes(weights),
      layout: Layout(tp: 1, pp: 1), maxModelLen: 8192
    ).kvBudget.value
  }

  static let gpus = ["rtx4090", "h100", "h200"]

  // vLLM V1 (gpu_worker.py determine_available_memory): 0.9 · U − W − profiled peak − 0.13 GiB
  // of non-torch memory. The peak is the sampler phase: under 70 GiB 2,048 tokens and 256
  // sequences, 16,777,216 + 1,260,807,782 B (the forward pass at 2,048 tokens, 268 MB, is
  // smaller); from 70 GiB, 8,192 and 1,024, 67,108,864 + 5,043,231,130 B. RTX 4090: 21.285
  // GiB − 14.957 − 1.190 − 0.13 = 5.01 GiB.
  @Test(arguments: gpus) func vllmV1(_ gpuID: String) {
    let u = Self.usable[gpuID]! * Self.gib
    let peak =
      gpuID == "rtx4090" ? 2048 * 4096 * 2 + Self.sampler256 : 8192 * 4096 * 2 + Self.sampler1024
    let expected = 0.9 * u - Self.weights - peak - 0.13 * Self.gib
    #expect(approx(Self.budget("vllm@0.11", gpuID), expected, relative: 1e-9))
    if gpuID == "rtx4090" { #expect(approx(expected / Self.gib, 5.01, relative: 0.002)) }
  }

  // vLLM V0 (worker.py): the same formula; without chunked prefill (8,192 ≤ 32,768) it
  // profiles max(max_model_len, 2,048) = 8,192 tokens over max_num_seqs 256:
  // 67,108,864 + 1,260,807,782 B on every GPU.
  @Test(arguments: gpus) func vllmV0(_ gpuID: String) {
    let u = Self.usable[gpuID]! * Self.gib
    let expected = 0.9 * u - Self.weights - (8192 * 4096 * 2 + Self.sampler256) - 0.13 * Self.gib
    #expect(approx(Self.budget("vllm@0.7", gpuID), expected, relative: 1e-9))
  }

  // SGLang 0.5 (server_args.py _handle_gpu_memory_settings): mem_fraction_static · U − W, the
  // fraction from the reserve in MiB: RTX 4090 (24,217.6 MiB) 512 + 1.5 · 2,048 + 2 · 24 +
  // 1/8 · 1,024 = 3,760 → 0.845; H100 (81,080.3) 512 + 1.5 · 8,192 + 2 · 256 + 128 = 13,440
  // → 0.834; H200 (143,155.2) the same 13,440 → (143,155.2 − 13,440) / 143,155.2 = 0.906.
  @Test(arguments: zip(gpus, [0.845, 0.834, 0.906]))
  func sglang05(_ gpuID: String, _ fraction: Double) {
    let u = Self.usable[gpuID]! * Self.gib
    #expect(approx(Self.budget("sglang@0.5", gpuID), fraction * u - Self.weights, relative: 1e-9))
  }

  // SGLang 0.4 (server_args.py __post_init__): the TP table's 0.88 at TP 1, whatever the GPU.
  @Test(arguments: gpus) func sglang04(_ gpuID: String) {
    let u = Self.usable[gpuID]! * Self.gib
    #expect(approx(Self.budget("sglang@0.4", gpuID), 0.88 * u - Self.weights, relative: 1e-9))
  }

  // TensorRT-LLM (resource_manager.py, KvCacheConfig free_gpu_memory_fraction 0.9): 0.9 of
  // what is free after the weights, the activations at max_num_tokens 8,192 (1,205,075,968 B)
  // and the 0.51 GiB CUDA context. H100: 0.9 · (79.18 − 14.957 − 1.122 − 0.51) = 56.33 GiB.
  @Test(arguments: gpus) func trtllm(_ gpuID: String) {
    let u = Self.usable[gpuID]! * Self.gib
    let expected = 0.9 * (u - Self.weights - 1_205_075_968 - 0.51 * Self.gib)
    for id in ["trtllm@0.10", "trtllm@0.21", "trtllm@1.0"] {
      #expect(approx(Self.budget(id, gpuID), expected, relative: 1e-9))
    }
    if gpuID == "h100" { #expect(approx(expected / Self.gib, 56.33, relative: 0.001)) }
  }

  // llama.cpp: what CUDA reports less the weights, the compute buffer of one 512-token
  // micro-batch (198,443,008 B) and the CUDA context.
  @Test(arguments: gpus) func llamaCpp(_ gpuID: String) {
    let u = Self.usable[gpuID]! * Self.gib
    let expected = u - Self.weights - 198_443_008 - 0.51 * Self.gib
    #expect(approx(Self.budget("llamacpp@b6000", gpuID), expected, relative: 1e-9))
  }

  // The case: Llama-3-8B on an A10G (22.18 GiB) at 8,192 tokens fits under vLLM,
  // which profiles 2,048 tokens and 256 sequences there (1.19 GiB); on an H100 the same model
  // profiles 8,192 tokens and 1,024 sequences (4.76 GiB).
  @Test func llama3OnA10G() {
    let a10g = Deployment(model: model("llama-3-8b"), gpu: gpu("a10g"))
    let plan = Planner.fit(FitRequest(deployment: a10g, context: 8192, gpus: 1))
    #expect(plan.verdict.fits)
    #expect(a10g.engineSettings(context: 8192).batchedTokens == 2048)
    let memory = plan.checked!.placement!.memory
    #expect(approx(memory.activation.bytes.gibibytes, 1.19, relative: 0.005))
    let h100 = Deployment(model: model("llama-3-8b"), gpu: gpu("h100"))
    let settings = h100.engineSettings(context: 8192)
    #expect(settings.batchedTokens == 8192)
    #expect(settings.maxSequences == 1024)
  }
}
