import LLMPlanKit
import LLMPlanTestSupport
import Testing

@Suite("Catalogs")
struct CatalogTests {
  // Issue #3: every accelerator of gpus.csv except the TPUs.
  static let requiredGPUs = [
    "b200", "b100", "h200", "h100", "l40s", "l40", "l4", "a100", "gb200", "b300", "h100-pcie",
    "h100-nvl", "h200-nvl", "h20", "h800", "a100-40gb", "a100-pcie", "a10g", "a10", "t4", "v100",
    "rtx3090", "rtx4090", "rtx5090", "rtx6000-ada", "mi250x", "mi300x", "mi325x", "mi355x",
    "gaudi2", "gaudi3",
  ]

  @Test(arguments: requiredGPUs)
  func gpuIsInCatalog(id: String) {
    #expect(GPUCatalog.builtin.gpu(named: id)?.id == id)
  }

  @Test(
    "aliases people type",
    arguments: [
      ("H100", "h100"), ("h100-sxm", "h100"), ("h100-pcie", "h100-pcie"), ("a100", "a100"),
      ("A100-80GB", "a100"), ("a100-40gb", "a100-40gb"), ("MI300X", "mi300x"),
      ("rtx4090", "rtx4090"), ("RTX 4090", "rtx4090"), ("4090", "rtx4090"),
    ])
  func gpuAliases(typed: String, id: String) {
    #expect(GPUCatalog.builtin.gpu(named: typed)?.id == id)
  }

  @Test(
    "model aliases",
    arguments: [
      ("llama3-70b", "llama-3-70b"), ("llama-3-70b", "llama-3-70b"),
      ("meta-llama/Meta-Llama-3-70B", "llama-3-70b"), ("Meta-Llama-3-70B", "llama-3-70b"),
      ("meta-llama/Llama-2-13b-hf", "llama-2-13b"), ("llama2-70b", "llama-2-70b"),
      ("deepseek-ai/DeepSeek-V3", "deepseek-v3"), ("Mixtral-8x7B-v0.1", "mixtral-8x7b"),
    ])
  func modelAliases(typed: String, id: String) {
    #expect(ModelCatalog.builtin.model(named: typed)?.id == id)
  }

  @Test func noSpellingFindsTwoGPUs() {
    var owner: [String: String] = [:]
    for gpu in GPUCatalog.builtin.gpus {
      for spelling in [gpu.id] + gpu.aliases {
        let key = NameKey.normalize(spelling)
        #expect(
          owner[key] == nil || owner[key] == gpu.id,
          "\(spelling): \(owner[key] ?? "") and \(gpu.id)")
        owner[key] = gpu.id
      }
    }
  }

  @Test func noSpellingFindsTwoModels() {
    var owner: [String: String] = [:]
    for model in ModelCatalog.builtin.models {
      for spelling in ModelCatalog.spellings(of: model) {
        let key = NameKey.normalize(spelling)
        #expect(
          owner[key] == nil || owner[key] == model.id,
          "\(spelling): \(owner[key] ?? "") and \(model.id)")
        owner[key] = model.id
      }
    }
  }

  // gpus.md: sparse is 2 × dense for FP16 wherever a sparse figure exists. The L40S datasheet
  // prints 362.05 | 733 (1.2 % off exactly 2×), so the tolerance is 1.5 %.
  @Test func sparseFP16IsTwiceDense() {
    for gpu in GPUCatalog.builtin.gpus {
      guard let sparse = gpu.compute.fp16.sparse else { continue }
      #expect(approx(sparse, 2 * gpu.compute.fp16.dense, relative: 0.015), "\(gpu.id)")
    }
  }

  // usable-memory.md: software sees 92–99.5 % of the marketed figure read as GiB.
  @Test func usableMemoryIsPlausible() {
    for gpu in GPUCatalog.builtin.gpus
    where gpu.id != "b200" && gpu.id != "b100" && gpu.id != "b300" {
      let share = gpu.memory.usableGiB / gpu.memory.marketedGB
      #expect(share > 0.92 && share <= 0.995, "\(gpu.id): \(share)")
    }
    // B200/B300 are marketed at 192/288 GB but HGX platforms give 180/270 per GPU.
    #expect(GPUCatalog.builtin.gpu(named: "b200")!.memory.usableGiB == 178.4)
  }

  // usable-memory.md: H100 vLLM total_gpu_memory 79.18 GiB; A100 81920 − 768 MiB = 79.25 GiB.
  @Test func measuredUsableMemory() {
    #expect(GPUCatalog.builtin.gpu(named: "h100")!.memory.usableGiB == 79.18)
    #expect(
      approx(
        GPUCatalog.builtin.gpu(named: "a100")!.memory.usableGiB, (81920.0 - 768) / 1024,
        relative: 0.001))
    // T4: CUDA total 15109 MiB (hashcat#3136) = 14.75 GiB.
    #expect(
      approx(GPUCatalog.builtin.gpu(named: "t4")!.memory.usableGiB, 15109.0 / 1024, relative: 0.001)
    )
  }

  @Test func didYouMean() {
    #expect(GPUCatalog.builtin.suggestion(for: "h10") == "h100")
    #expect(GPUCatalog.builtin.suggestion(for: "a1000") == "a100")
    #expect(ModelCatalog.builtin.suggestion(for: "llama3-70") == "llama-3-70b")
    #expect(GPUCatalog.builtin.suggestion(for: "zzzzzzzz") == nil)
  }

  @Test func precisionBits() {
    #expect(Precision.named("bfloat16") == .bf16)
    #expect(Precision.named("mxfp4")?.bits == 4.25)  // 4 + 8/32 (formats.md)
    #expect(Precision.named("nvfp4")?.bits == 4.5)  // 4 + 8/16
    #expect(Precision.named("q4_k")?.bits == 4.5)  // 144 bytes · 8 / 256
    #expect(Precision.named("awq")?.bits == 4.15625)  // 4 + 16/128 + 4/128
    #expect(Precision.int4.bytes == 0.5)
  }
}
