import LLMPlanKit
import LLMPlanTestSupport
import Testing

@Suite("KV cache and engine budgets")
struct KVCapacityTests {

  // Bytes per token per attention kind, by hand (whole model, bf16 unless stated).
  @Test(
    "KV bytes per token",
    arguments: [
      ("llama-2-13b", 819_200.0),  // MHA: 2 · 40 · 40 · 128 · 2
      ("llama3-70b", 327_680),  // GQA: 2 · 80 · 8 · 128 · 2
      ("qwen2.5-7b", 57_344),  // GQA, 4 KV heads: 2 · 28 · 4 · 128 · 2
      ("deepseek-v3", 70_272),  // MLA: 61 · (512 + 64) · 2
      ("gemma-2-27b", 376_832),  // explicit head_dim 128: 2 · 46 · 16 · 128 · 2
      ("mixtral-8x7b", 131_072),  // MoE: attention is what counts: 2 · 32 · 8 · 128 · 2
      ("falcon-40b", 122_880),  // 2 · 60 · 8 · 64 · 2
    ])
  func bytesPerToken(id: String, expected: Double) {
    #expect(KVCache.bytesPerToken(model(id), precision: .bf16) == expected)
  }

  // KV precision is independent of the weights: fp8 halves bf16, int4 quarters it.
  @Test func kvPrecision() {
    let m = model("llama3-70b")
    #expect(KVCache.bytesPerToken(m, precision: .fp8) == 163_840)
    #expect(KVCache.bytesPerToken(m, precision: .int4) == 81_920)
  }

  // llama.cpp's quantized KV types at their real bits (ggml-common.h): block_q8_0 is 32 int8
  // and one fp16 scale, 34 B per 32 values (8.5 bits); block_q4_0 16 B + 2 B per 32 (4.5 bits).
  // Llama-3.1-8B holds 2 · 32 · 8 · 128 = 65,536 values per token.
  @Test func llamaCppKVTypes() throws {
    let m = model("llama-3.1-8b")
    #expect(KVCache.bytesPerToken(m, precision: try #require(Precision.named("q8_0"))) == 69_632)
    #expect(KVCache.bytesPerToken(m, precision: try #require(Precision.named("q4_0"))) == 36_864)
    // Offered by llama.cpp's profile only.
    let offering = EngineRegistry.profiles.filter { $0.kvFormats.contains("q8_0") }
    #expect(offering.map(\.engine) == [.llamacpp])
  }

  // Llama 4 Scout: chunked attention (8,192) on 3 of every 4 layers; 12 global layers.
  @Test func chunkedAttentionHybrid() {
    let m = model("llama-4-scout")
    let perLayer = 2.0 * 8 * 128 * 2  // 4,096 B per layer and token
    let bytes = KVCache.bytes(
      m, precision: .bf16, context: 100_000, sequences: 1, layers: 0..<48, tp: 1)
    #expect(bytes.value == (36 * 8192 + 12 * 100_000) * perLayer)
  }

  // vLLM V1 keeps chunked attention at the full context by default (the hybrid manager is off
  // for it in 0.10–0.11); VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE=1 keeps the chunk
  // plus one step's tokens, 8,192 + 8,192 on an H100 (ChunkedLocalAttentionSpec);
  // --disable-hybrid-kv-cache-manager gives Gemma 3's sliding-window layers the full context
  // too. Per layer and token 4,096 B; 100,000 tokens.
  @Test func hybridKVCacheSettings() {
    let scout = model("llama-4-scout")
    func kv(_ m: ModelSpec, _ hybrid: HybridKV?) -> Double {
      let deployment = Deployment(
        model: m, gpu: gpu("h100"),
        engine: ServingEngine(profile: VLLMV1Profile(), settings: EngineSettings(hybridKV: hybrid)))
      return KVCache.bytes(
        deployment.kvModel, precision: .bf16, context: 100_000, sequences: 1,
        layers: 0..<m.layers, tp: 1
      ).value
    }
    #expect(kv(scout, nil) == 48 * 100_000 * 4096)
    #expect(kv(scout, .chunked) == (36 * 16384 + 12 * 100_000) * 4096)
    #expect(kv(scout, .off) == kv(scout, nil))
    let gemma = model("gemma-3-27b")
    #expect(kv(gemma, .off) > kv(gemma, nil))
    #expect(
      kv(gemma, .off)
        == KVCache.bytes(
          gemma.keeping(window: nil), precision: .bf16, context: 100_000, sequences: 1,
          layers: 0..<62, tp: 1
        ).value)
  }

  // PP divides the layers: stage 1 of Llama-3-70B over 3 stages holds 27 layers.
  @Test func pipelineSplitsKV() throws {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let capacity = try #require(KVCapacity.of(deployment, tp: 1, pp: 3, context: 8192))
    // The limiting stage holds 27 layers: 27 · 2 · 8 · 128 · 2 = 110,592 B per token.
    #expect(capacity.kvBytesPerTokenPerGPU == 110_592)
  }

  // modeling.md §3: vLLM on H100 at 0.9, Llama-3.1-8B: KV cache 51.38 GiB.
  @Test func vllmLlama31_8B() throws {
    let deployment = Deployment(model: model("llama-3.1-8b"), gpu: gpu("h100"))
    let capacity = try #require(KVCapacity.of(deployment, tp: 1, pp: 1, context: 131072))
    #expect(approx(capacity.kvCacheBytes.gibibytes, 51.38, relative: 0.001))
    // 51.38 GiB / 131,072 B per token ≈ 420,906 tokens; blocks of 16 round down.
    #expect(approx(Double(capacity.kvCacheTokens), 420_906, relative: 0.001))
    #expect(capacity.kvCacheTokens % 16 == 0)
    // At the model's 131,072-token maximum: 420,848 / 131,072 = 3.21 requests.
    #expect(approx(capacity.maxConcurrency, 3.21, relative: 0.002))
  }

  // modeling.md §3: Llama-3.3-70B-FP8 at TP 2: KV 32.0 GiB per GPU; at TP 1 it does not start
  // (KV −1.44 GiB).
  @Test func vllmLlama33_70B_FP8() throws {
    let deployment = Deployment(model: model("llama-3.3-70b"), gpu: gpu("h100"), precision: .fp8)
    let tp2 = try #require(KVCapacity.of(deployment, tp: 2, pp: 1, context: 131072))
    #expect(approx(tp2.kvCacheBytes.gibibytes, 32.0, relative: 0.01))
    let tp1 = try #require(KVCapacity.of(deployment, tp: 1, pp: 1, context: 131072))
    #expect(tp1.kvCacheBytes == .zero)
    #expect(approx(tp1.kvBudget.gibibytes, -1.44, relative: 0.1))
    #expect(tp1.largestFittingModelLen == nil)
  }

  // SGLang ≥ 0.5: mem_fraction_static × usable holds weights + KV, the fraction from the
  // reserve. H100 (79.18 GiB = 81,080.3 MiB, TP 1): reserve 512 + 1.5 · 8,192 + 2 · 256 + 1/8 ·
  // 1,024 = 13,440 MiB (over the 10 GiB floor); (81,080.3 − 13,440) / 81,080.3 = 0.834.
  // SGLang 0.4: the TP table's 0.88.
  @Test func sglangBudget() throws {
    let weights = 8_030_261_248.0 * 2
    let usable = 79.18 * 1_073_741_824
    for (engine, fraction) in [
      (ServingEngine(.sglang), 0.834),
      (
        ServingEngine(
          profile: EngineRegistry.resolve(.sglang, version: EngineVersion(0, 4))!.profile), 0.88
      ),
    ] {
      let deployment = Deployment(model: model("llama-3.1-8b"), gpu: gpu("h100"), engine: engine)
      let capacity = try #require(KVCapacity.of(deployment, tp: 1, pp: 1, context: 131072))
      #expect(approx(capacity.kvCacheBytes.value, fraction * usable - weights, relative: 1e-9))
      #expect(capacity.blockSize == 1)
    }
    // An RTX 4090 (24,217.6 MiB): chunk 2,048, graph batch 24: 512 + 3,072 + 48 + 128 = 3,760;
    // (24,217.6 − 3,760) / 24,217.6 = 0.845.
    #expect(SGLang05Profile.fraction(memoryMiB: 23.65 * 1024, tp: 1, pp: 1).fraction == 0.845)
  }

  // TensorRT-LLM: free_gpu_memory_fraction 0.9 of the memory free after weights, activations
  // and the CUDA context.
  @Test func trtllmBudget() throws {
    let m = model("llama-3.1-8b")
    let deployment = Deployment(model: m, gpu: gpu("h100"), engine: ServingEngine(.trtllm))
    let capacity = try #require(KVCapacity.of(deployment, tp: 1, pp: 1, context: 131072))
    let free =
      Bytes.gib(79.18) - Bytes(8_030_261_248.0 * 2)
      - ActivationEstimate.forward(m, tokens: 8192, tp: 1)
      - ServingEngine.cudaContext
    #expect(approx(capacity.kvCacheBytes.value, (free * 0.9).value, relative: 1e-9))
    #expect(capacity.blockSize == 32)
  }

  // One max-length sequence that does not fit: vLLM suggests the largest model length. An RTX
  // 3090 keeps 21.33 − 14.96 − 1.19 − 0.13 = 5.05 GiB for KV, under 48,000 tokens' 5.86 GiB.
  @Test func largestFittingModelLen() throws {
    let deployment = Deployment(model: model("llama-3.1-8b"), gpu: gpu("rtx3090"))
    let capacity = try #require(KVCapacity.of(deployment, tp: 1, pp: 1, context: 48000))
    #expect(capacity.maxConcurrency < 1)
    let largest = try #require(capacity.largestFittingModelLen)
    #expect(largest == capacity.kvCacheTokens)  // full attention: every token of the cache
  }

  // Properties over a small grid.
  @Test(arguments: ["llama3-70b", "mistral-7b", "deepseek-v3", "gemma-2-27b", "qwen3-30b-a3b"])
  func kvGrowsLinearlyInContextAndBatch(id: String) {
    let m = model(id)
    let window = m.slidingWindow?.window ?? Int.max
    for context in [16, 256, 1024] where 2 * context <= window {
      let one = KVCache.bytes(
        m, precision: .bf16, context: context, sequences: 1, layers: 0..<m.layers, tp: 1)
      let twice = KVCache.bytes(
        m, precision: .bf16, context: 2 * context, sequences: 1, layers: 0..<m.layers, tp: 1)
      let batch = KVCache.bytes(
        m, precision: .bf16, context: context, sequences: 3, layers: 0..<m.layers, tp: 1)
      #expect(twice == one * 2)
      #expect(batch == one * 3)
    }
  }

  @Test(arguments: ["llama-3.1-8b", "llama3-70b", "mixtral-8x7b", "gemma-2-27b"])
  func concurrencyNeverGrowsWithContext(id: String) {
    var previous = Double.infinity
    for context in [512, 1000, 2048, 4096, 8192] where context <= model(id).maxContext {
      let deployment = Deployment(model: model(id), gpu: gpu("h200"))
      guard let capacity = KVCapacity.of(deployment, tp: 8, pp: 1, context: context) else {
        continue
      }
      #expect(capacity.maxConcurrency <= previous)
      previous = capacity.maxConcurrency
    }
  }

  @Test(arguments: ["llama-3.1-8b", "llama3-70b", "qwen2.5-72b", "deepseek-v3"])
  func moreGPUsNeverReduceCapacity(id: String) {
    for engine in Engine.allCases {
      let deployment = Deployment(
        model: model(id), gpu: gpu("h100"), engine: ServingEngine(engine))
      var previous = -1
      for tp in TensorParallel.allowed(model: deployment.model, topology: deployment.topology) {
        guard let capacity = KVCapacity.of(deployment, tp: tp, pp: 1, context: 4096) else {
          continue
        }
        // Replica capacity in whole-model tokens is the per-GPU token count: every GPU of a TP
        // group holds its share of every token.
        #expect(capacity.kvCacheTokens >= previous, "\(id) \(engine) TP\(tp)")
        previous = capacity.kvCacheTokens
      }
    }
  }

  // Seed 004: contiguous reservation wastes 60–80 %; paged blocks waste under 4 %, only in the
  // last block. Requests of 507, 1,019, 2,043, 4,091 tokens against 8,192 reserved each:
  // 1 − 7,660 / 32,768 = 76.6 %; paged (16) holds 7,680: 1 − 7,660 / 7,680 = 0.26 %.
  @Test func pagingWaste() {
    let waste = PagingWaste(
      requestLengths: [507, 1019, 2043, 4091], maxModelLen: 8192, blockSize: 16)
    #expect(waste.usedTokens == 7660)
    #expect(waste.contiguousTokens == 32768)
    #expect(waste.pagedTokens == 7680)
    #expect(approx(waste.contiguousWaste, 0.766, relative: 0.001))
    #expect(waste.pagedWaste < 0.04)
  }

  // vLLM V1's profiling run: the larger of the forward pass at max_num_batched_tokens and the
  // hidden states plus the sampler over max_num_seqs × vocabulary logits at 38.40 B each
  // (VLLMMemory). Llama-3.1-8B on an H100 (8,192 tokens, 1,024 sequences): hidden states
  // 8,192 · 4,096 · 2 = 67,108,864 B + sampler 1,024 · 128,256 · 38.40 = 5,043,231,130 B =
  // 4.76 GiB, what vLLM logs; the forward estimate (4 · 4096 + 48 · 128 + 3 · 14336) · 2 · 8,192
  // = 1 GiB is smaller. On an A10G (2,048 tokens, 256 sequences): 16,777,216 + 1,260,807,782.
  @Test func vllmProfileRun() {
    let m = model("llama-3.1-8b")
    func activation(_ gpuID: String, tokens: Int? = nil, seqs: Int? = nil) -> Bytes {
      ServingEngine(.vllm, maxBatchedTokens: tokens, maxSequences: seqs)
        .budget(
          model: m, gpu: gpu(gpuID), weights: .zero, layout: Layout(tp: 1, pp: 1), maxModelLen: 8192
        ).activation.bytes
    }
    #expect(approx(activation("h100").value, 67_108_864 + 5_043_231_130, relative: 1e-9))
    #expect(approx(activation("h100").gibibytes, 4.76, relative: 0.001))
    #expect(approx(activation("a10g").value, 16_777_216 + 1_260_807_782, relative: 1e-9))
    // The A100 keeps the small defaults despite its 80 GB (get_batch_defaults).
    #expect(activation("a100") == activation("a10g"))
    #expect(activation("h100", tokens: 2048, seqs: 256) == activation("a10g"))
  }

  // Qwen2.5-7B on an H100, where vLLM logs 5.6 GiB: hidden states 8,192 · 3,584 · 2 =
  // 58,720,256 B + sampler 1,024 · 152,064 · 38.40 = 5,979,399,782 B = 5.62 GiB.
  @Test func vllmProfileRunQwen() {
    let budget = ServingEngine(.vllm).budget(
      model: model("qwen2.5-7b"), gpu: gpu("h100"), weights: .zero, layout: Layout(tp: 1, pp: 1),
      maxModelLen: 8192)
    #expect(approx(budget.activation.bytes.gibibytes, 5.6, relative: 0.005))
  }

  @Test func activationEstimateGrowsWithTokens() {
    let m = model("llama-3.1-8b")
    let small = ActivationEstimate.forward(m, tokens: 512, tp: 1)
    let large = ActivationEstimate.forward(m, tokens: 8192, tp: 1)
    #expect(small < large)
    #expect(ActivationEstimate.forward(m, tokens: 8192, tp: 2) < large)
  }
}
