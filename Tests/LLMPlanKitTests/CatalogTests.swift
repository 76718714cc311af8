import LLMPlanKit
import LLMPlanTestSupport
import Testing

@Suite("Catalogs")
struct CatalogTests {
  // Issue #3: every accelerator of gpus.csv except the TPUs; issue #12: the wider catalog.
  static let requiredGPUs = [
    "b200", "b100", "h200", "h100", "l40s", "l40", "l4", "a100", "gb200", "b300", "h100-pcie",
    "h100-nvl", "h200-nvl", "h20", "h800", "a100-40gb", "a100-pcie", "a10g", "a10", "t4", "v100",
    "rtx3090", "rtx4090", "rtx5090", "rtx6000-ada", "mi250x", "mi300x", "mi325x", "mi355x",
    "gaudi2", "gaudi3", "gh200", "gh200-144g", "gb300", "rtx-pro-6000", "rtx-pro-6000-server",
    "rtx-a6000", "a40", "l20", "h20-141g", "tpu-v5e", "tpu-v6e", "a100-pcie-40gb",
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

  // Device names as nvidia-smi, torch.cuda.get_device_name and rocm-smi print them.
  @Test(
    arguments: [
      ("NVIDIA H100 80GB HBM3", "h100"), ("NVIDIA A100-SXM4-80GB", "a100"),
      ("NVIDIA A100 80GB PCIe", "a100-pcie"), ("Tesla T4", "t4"),
      ("Tesla V100-SXM2-32GB", "v100"), ("NVIDIA GeForce RTX 4090", "rtx4090"),
      ("NVIDIA RTX 6000 Ada Generation", "rtx6000-ada"), ("NVIDIA H20-3e", "h20-141g"),
      ("NVIDIA GH200 480GB", "gh200"), ("NVIDIA GH200 144G HBM3e", "gh200-144g"),
      ("AMD Instinct MI300X", "mi300x"), ("AMD Instinct MI250X/MI250", "mi250x"),
      ("NVIDIA L4", "l4"), ("NVIDIA L40S", "l40s"), ("NVIDIA H200", "h200"),
      ("NVIDIA H100 PCIe", "h100-pcie"), ("NVIDIA RTX A6000", "rtx-a6000"),
    ])
  func deviceNames(printed: String, id: String) {
    #expect(GPUCatalog.builtin.gpu(named: printed)?.id == id)
  }

  // GH200 144 GB: torch reports 153,008,209,920 B = 142.50 GiB (S39); GB300 per GPU is the
  // NVL72 rack's 1,080 PF dense FP4 / 72 = 15 PF (S6).
  @Test func newerAccelerators() {
    #expect(
      approx(gpu("gh200-144g").memory.usableGiB, 153_008_209_920 / 1_073_741_824, relative: 0.001))
    #expect(gpu("gb300").compute.fp4?.dense == 15_000)
    #expect(gpu("gb300").link.scaleUpDomain == 72)
    #expect(gpu("rtx-pro-6000").compute.fp16.dense == 503.8)
    #expect(!Engine.sglang.runs(on: gpu("tpu-v6e")))
    #expect(Engine.vllm.runs(on: gpu("tpu-v6e")))
    #expect(!Engine.trtllm.runs(on: gpu("mi300x")))
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
