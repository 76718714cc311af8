import Foundation
import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// Numbers read on a real NVIDIA H100 by scripts/gpu_check.py (Fixtures/device): what CUDA
/// reports, transformers' parameter counts for every reference config, and the bytes a bf16
/// model really allocates.
@Suite("Measured on an H100")
struct DeviceMeasurementTests {
  struct Record: Decodable {
    let cudaTotalGiB: Double
    let parameterCounts: [String: Int]
    let llama31BF16AllocatedBytes: Int

    enum CodingKeys: String, CodingKey {
      case cudaTotalGiB = "cuda_total_gib"
      case parameterCounts = "parameter_counts"
      case llama31BF16AllocatedBytes = "llama31_8b_bf16_allocated_bytes"
    }
  }

  static func record() throws -> Record {
    let url = repositoryRoot.appendingPathComponent("Fixtures/device/h100-gpu-check.json")
    return try JSONDecoder().decode(Record.self, from: Data(contentsOf: url))
  }

  // Config file → catalog id.
  static let files: [String: String] = [
    "DeepSeek-V3.json": "deepseek-v3", "Llama-2-13b-hf.json": "llama-2-13b",
    "Llama-2-70b-hf.json": "llama-2-70b", "Llama-2-7b-hf.json": "llama-2-7b",
    "Llama-3.1-405B.json": "llama-3.1-405b", "Llama-3.1-70B.json": "llama-3.1-70b",
    "Llama-3.1-8B.json": "llama-3.1-8b", "Llama-3.3-70B-Instruct.json": "llama-3.3-70b",
    "Llama-4-Maverick-17B-128E-Instruct.json": "llama-4-maverick",
    "Llama-4-Scout-17B-16E-Instruct.json": "llama-4-scout", "Meta-Llama-3-8B.json": "llama-3-8b",
    "Mistral-7B-v0.1.mlc-preset.json": "mistral-7b", "Mixtral-8x22B-v0.1.json": "mixtral-8x22b",
    "Mixtral-8x7B-v0.1.json": "mixtral-8x7b", "Qwen2.5-72B.json": "qwen2.5-72b",
    "Qwen2.5-7B.json": "qwen2.5-7b", "Qwen3-235B-A22B-FP8.json": "qwen3-235b-a22b-fp8",
    "Qwen3-235B-A22B.json": "qwen3-235b-a22b", "Qwen3-30B-A3B.json": "qwen3-30b-a3b",
    "falcon-40b.json": "falcon-40b", "gemma-2-27b.mlc-preset.json": "gemma-2-27b",
    "gpt-j-6b.mlc-preset.json": "gpt-j-6b", "phi-2.mlc-preset.json": "phi-2",
  ]

  @Test func parameterCountsEqualTransformers() throws {
    let record = try Self.record()
    #expect(record.parameterCounts.count == Self.files.count)
    for (file, id) in Self.files {
      let measured = try #require(record.parameterCounts[file], "\(file)")
      let ours = try #require(ModelCatalog.builtin.model(named: id)).parameters.total
      if id == "deepseek-v3" {
        // transformers keeps the router's e_score_correction_bias (256 per MoE layer, 58 layers
        // = 14,848) as a buffer; checkpoints store it, so we count it.
        #expect(ours - measured == 58 * 256)
      } else {
        #expect(ours == measured, "\(id): \(ours) vs transformers \(measured)")
      }
    }
  }

  // CUDA reported 79.1787 GiB total on the H100; the catalog's usable figure is 79.18.
  @Test func h100UsableMemory() throws {
    let record = try Self.record()
    let h100 = try #require(GPUCatalog.builtin.gpu(named: "h100"))
    #expect(approx(h100.memory.usableGiB, record.cudaTotalGiB, relative: 0.0002))
  }

  // A bf16 Llama-3.1-8B built on the GPU allocated parameters × 2 bytes plus 1,024 B: the two
  // rotary buffers (inv_freq, original_inv_freq: 64 fp32 = 256 B each), which PyTorch's
  // caching allocator rounds up to 512-byte blocks. Buffers are not weights.
  @Test func bf16WeightsAllocateExactly() throws {
    let record = try Self.record()
    let model = try #require(ModelCatalog.builtin.model(named: "llama-3.1-8b"))
    let weights = WeightMemory.total(model, precision: .bf16).rounded
    #expect(Int64(record.llama31BF16AllocatedBytes) - weights == 2 * 512)
  }
}
