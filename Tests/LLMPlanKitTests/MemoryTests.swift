import LLMPlanKit
import LLMPlanTestSupport
import Testing

@Suite("Memory model")
struct MemoryTests {
  let catalog = ModelCatalog.builtin

  // modeling.md §1: Llama-3-70B 70,553,706,496 parameters = 141.1 GB = 131.4 GiB in bf16.
  @Test func llama3_70bWeights() {
    let weights = WeightMemory.total(model("llama3-70b"), precision: .bf16)
    #expect(weights.value == 70_553_706_496 * 2)
    #expect(approx(weights.gigabytes, 141.1, relative: 0.001))
    #expect(approx(weights.gibibytes, 131.4, relative: 0.001))
  }

  // modeling.md §1: GQA 2·80·8·128·2 = 327,680 B/token; 2.5 GiB per 8k sequence.
  @Test func llama3_70bKV() {
    let m = model("llama3-70b")
    #expect(KVCache.bytesPerToken(m, precision: .bf16) == 327_680)
    let sequence = KVCache.bytes(
      m, precision: .bf16, context: 8192, sequences: 1, layers: 0..<80, tp: 1)
    #expect(sequence.gibibytes == 2.5)  // 327,680 · 8,192 = 2,684,354,560 B = 2.5 GiB exactly
  }

  // MLA: 61 · (512 + 64) · 2 B = 70,272 B/token, not split by TP.
  @Test func deepseekMLA() {
    let m = model("deepseek-v3")
    #expect(KVCache.bytesPerToken(m, precision: .bf16) == 70_272)
    #expect(KVCache.bytesPerTokenPerLayer(m, precision: .bf16, tp: 8) == 1_152)
  }

  // TP divides KV heads, at least one per rank: Llama-3-70B has 8 KV heads.
  @Test func tensorParallelReplicatesKVHeads() {
    let m = model("llama3-70b")
    // TP 2: 4 heads · 128 · 2 (K,V) · 2 B = 2,048 B per layer and token.
    #expect(KVCache.bytesPerTokenPerLayer(m, precision: .bf16, tp: 2) == 2_048)
    // TP 8 and TP 16 both keep 1 head per rank: 1 · 128 · 2 · 2 = 512 B.
    #expect(KVCache.bytesPerTokenPerLayer(m, precision: .bf16, tp: 8) == 512)
    #expect(KVCache.bytesPerTokenPerLayer(m, precision: .bf16, tp: 16) == 512)
  }

  // Mistral-7B's 4,096-token sliding window caps every layer: 32k tokens hold 4,096 each.
  @Test func slidingWindowCapsKV() {
    let m = model("mistral-7b")
    let full = KVCache.bytes(
      m, precision: .bf16, context: 32768, sequences: 1, layers: 0..<32, tp: 1)
    let window = KVCache.bytes(
      m, precision: .bf16, context: 4096, sequences: 1, layers: 0..<32, tp: 1)
    #expect(full == window)
    // Gemma-2 alternates: 23 local layers hold 4,096 tokens, 23 global hold 8,192.
    let gemma = model("gemma-2-27b")
    let bytes = KVCache.bytes(
      gemma, precision: .bf16, context: 8192, sequences: 1, layers: 0..<46, tp: 1)
    // per layer per token 2 · 16 · 128 · 2 = 8,192 B; (23 · 4,096 + 23 · 8,192) · 8,192
    #expect(bytes.value == Double((23 * 4096 + 23 * 8192) * 8192))
  }

  // KV is paged in blocks of 16 under vLLM rules: 17 tokens take 2 blocks = 32 tokens.
  @Test func blockRounding() {
    let m = model("llama3-8b")
    let bytes = KVCache.bytes(
      m, precision: .bf16, context: 17, sequences: 1, layers: 0..<1, tp: 1, blockSize: 16)
    #expect(bytes.value == 32 * 2 * 8 * 128 * 2)
  }

  // Quantized formats keep the embedding and LM head in 16 bit. vLLM logs 33.88 GiB of weights
  // per GPU for Llama-3.3-70B-FP8 at TP 2 (modeling.md §3); this rule gives 33.83 GiB.
  @Test func fp8WeightsMatchVLLM() {
    let deployment = Deployment(model: model("llama-3.3-70b"), gpu: gpu("h100"), precision: .fp8)
    let placement = deployment.place(tp: 2, pp: 1, Workload(context: 8192))!
    #expect(approx(placement.memory.weights.bytes.gibibytes, 33.88, relative: 0.003))
  }

  // modeling.md §3, vLLM on H100 (79.18 GiB, utilization 0.9), Llama-3.1-8B: weights 14.99 GiB,
  // activation 4.76, non-torch 0.13, KV 51.38 GiB. Our KV budget = capacity − the rest.
  @Test func vllmKVBudgetLlama31_8B() {
    let deployment = Deployment(model: model("llama-3.1-8b"), gpu: gpu("h100"))
    let memory = deployment.place(tp: 1, pp: 1, Workload(context: 1))!.memory
    #expect(approx(memory.weights.bytes.gibibytes, 14.99, relative: 0.003))
    let budget =
      memory.capacity.bytes - memory.weights.bytes - memory.activation.bytes - memory.overhead.bytes
    #expect(approx(budget.gibibytes, 51.38, relative: 0.003))
  }

  // modeling.md §3: Llama-3.3-70B-FP8 at TP 1 does not start on one H100 (KV −1.44 GiB).
  @Test func fp8_70bDoesNotFitOneH100() {
    let deployment = Deployment(model: model("llama-3.3-70b"), gpu: gpu("h100"), precision: .fp8)
    #expect(deployment.place(tp: 1, pp: 1, Workload(context: 8192))!.fits == false)
    #expect(deployment.place(tp: 2, pp: 1, Workload(context: 8192))!.fits == true)
  }

  // accelerate: training with Adam ≈ 4 × model size; mixed precision 16 B/parameter.
  @Test func training() {
    let weights = Bytes.gb(10)
    let t = TrainingMemory.accelerate(weights: weights)
    #expect((t.weights + t.gradients + t.adam).gigabytes == 40)
    #expect(TrainingMemory.mixedPrecisionAdam(parameters: 1_000_000_000).gigabytes == 16)
  }

  @Test(arguments: [("llama3-70b", 8192), ("mixtral-8x7b", 32768), ("deepseek-v3", 4096)])
  func memoryGrowsWithContextAndBatch(id: String, maxContext: Int) {
    let deployment = Deployment(model: model(id), gpu: gpu("h200"))
    var previous = Bytes.zero
    for context in [1, 100, 1024, maxContext] {
      for batch in [1, 2, 16] {
        let total = deployment.place(tp: 8, pp: 1, Workload(context: context, sequences: batch))!
          .memory.total
        if batch == 1 {
          #expect(total >= previous)
          previous = total
        }
        let more = Workload(context: context, sequences: batch + 1)
        #expect(deployment.place(tp: 8, pp: 1, more)!.memory.total >= total)
      }
    }
  }
}
