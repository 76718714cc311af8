import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// Facts from the five seed documents (shared/seeds), each checked against the planner.
@Suite("Seeds")
struct SeedTests {
  // Seed 000's GPU table: "FP16 (TFLOPS) with sparsity" and "GPU Memory (GB)".
  // gpus.md confirms every FP16 figure is the 2:4-sparse one.
  @Test(
    "seed GPU table: sparse FP16 and marketed memory",
    arguments: [
      ("b200", 4500.0, 192.0), ("b100", 3500, 192), ("h200", 1979, 141), ("h100", 1979, 80),
      ("l4", 242, 24), ("l40s", 733, 48), ("l40", 362, 48), ("a100", 624, 80),
    ])
  func seedGPUTable(id: String, sparseFP16: Double, memoryGB: Double) throws {
    let gpu = try #require(GPUCatalog.builtin.gpu(named: id))
    let sparse = try #require(gpu.compute.fp16.sparse)
    // H100 1978.9 and L40 362.1 round to the seed's 1979 and 362.
    #expect(sparse.rounded() == sparseFP16)
    #expect(gpu.memory.marketedGB == memoryGB)
    // The planner computes with dense ≈ sparse / 2 (NVIDIA: "one-half lower without sparsity";
    // the L40S datasheet prints 362.05 dense beside 733 sparse, 1.2 % under half).
    #expect(approx(gpu.compute.fp16.dense, sparse / 2, relative: 0.015))
  }

  // Seed 000: "Parameter required KV cache (FP16)": Llama3-8B 16 GB, Llama3-70B 140 GB,
  // Llama-2-13B 26 GB, Llama2-70B 140 GB, Mistral-7B 14 GB = nominal size × 2 bytes.
  @Test(
    "seed model sizes at FP16",
    arguments: [
      ("llama3-8b", 16.0), ("llama3-70b", 140), ("llama-2-13b", 26), ("llama2-70b", 140),
      ("mistral-7b", 14),
    ])
  func seedModelSizes(id: String, seedGB: Double) throws {
    let model = try #require(ModelCatalog.builtin.model(named: id))
    // The seed's rounding: the name's billions × 2 bytes.
    #expect(model.nominalBillions * 2 == seedGB)
    // The exact weights agree within the seed's rounding (Mistral 14.48 GB is the widest, 3.4 %).
    let exact = WeightMemory.total(model, precision: .fp16).gigabytes
    #expect(approx(exact, seedGB, relative: 0.035))
  }

  // Seed 004: M = P · 4B / (32/Q) · 1.2; "70 * 4 bytes / (32 / 16) * 1.2 = 168 GB".
  @Test func ruleOfThumbIs168GB() {
    let memory = RuleOfThumb.memory(parameters: 70e9, bits: 16)
    #expect(memory.gigabytes == 168)
  }

  // Seed 004 claims "2x A100 80GB should be enough to serve the Llama 2 70B model in 16 bit".
  // By its own formula it is not: 168 GB > 2 × 80 GB = 160 GB.
  @Test func twoA100sAreNotEnoughByTheSeedsOwnFormula() throws {
    let a100 = try #require(GPUCatalog.builtin.gpu(named: "a100"))
    let needed = RuleOfThumb.memory(parameters: 70e9, bits: 16)
    #expect(needed > a100.memory.marketed * 2)
    // The planner's rule-of-thumb method says the same for Llama-2-70B (exact 68.98 B → 165.5 GB).
    let model = try #require(ModelCatalog.builtin.model(named: "llama-2-70b"))
    let deployment = Deployment(model: model, gpu: a100, method: .ruleOfThumb)
    #expect(Planner.option(deployment, Workload(context: model.maxContext), gpus: 2).fits == false)
    #expect(Planner.fit(FitRequest(deployment: deployment)).minimum?.gpus == 3)
  }

  // Seed 004: the KV cache "takes up to 1.7GB for a single sequence in LLaMA-13B";
  // seed 003: "for a 13b parameter model, each token requires 1mb". Exactly:
  // 2 · 40 layers · 40 heads · 128 · 2 B = 819,200 B ≈ 0.8 MB per token; × 2,048 = 1.68 GB.
  @Test func llama2_13bKVCache() throws {
    let model = try #require(ModelCatalog.builtin.model(named: "llama-2-13b"))
    let perToken = KVCache.bytesPerToken(model, precision: .fp16)
    #expect(perToken == 819_200)
    let sequence = KVCache.bytes(
      model, precision: .fp16, context: 2048, sequences: 1, layers: 0..<40, tp: 1)
    #expect(sequence.value == 1_677_721_600)
    #expect(approx(sequence.gigabytes, 1.7, relative: 0.02))
  }

  // Seed 001: "if you deploy a 32-layer LLaMA3-8B model on four GPU instances, you can split and
  // allocate eight layers of the model on each GPU."
  @Test func thirtyTwoLayersOverFourGPUs() throws {
    let model = try #require(ModelCatalog.builtin.model(named: "llama3-8b"))
    #expect(StageSplit.counts(layers: model.layers, stages: 4) == [8, 8, 8, 8])
  }

  // Seed 001: vLLM's GPU count = tensor-parallel-size × pipeline-parallel-size.
  @Test func vllmGPUCountIsTPTimesPP() {
    #expect(Layout(tp: 4, pp: 2).gpus == 8)
    #expect(Layout(tp: 2, pp: 2, dp: 2).gpusPerReplica == 4)
  }
}
