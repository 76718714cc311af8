import LLMPlanKit
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// Hugging Face `config.json` files read into architectures.
@Suite("config.json")
struct ConfigFileTests {
  static func fixture(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Fixtures/configs/\(name)").path
  }

  /// Each config of Fixtures/configs (copied with their sources, SOURCES.csv) and the
  /// built-in entry transcribed from it.
  static let pairs: [(String, String)] = [
    ("DeepSeek-V3.json", "deepseek-v3"), ("Llama-2-13b-hf.json", "llama-2-13b"),
    ("Llama-2-70b-hf.json", "llama-2-70b"), ("Llama-2-7b-hf.json", "llama-2-7b"),
    ("Llama-3.1-405B.json", "llama-3.1-405b"), ("Llama-3.1-70B.json", "llama-3.1-70b"),
    ("Llama-3.1-8B.json", "llama-3.1-8b"), ("Llama-3.3-70B-Instruct.json", "llama-3.3-70b"),
    ("Llama-4-Maverick-17B-128E-Instruct.json", "llama-4-maverick"),
    ("Llama-4-Scout-17B-16E-Instruct.json", "llama-4-scout"),
    ("Meta-Llama-3-8B.json", "llama-3-8b"), ("Mistral-7B-v0.1.mlc-preset.json", "mistral-7b"),
    ("Mixtral-8x22B-v0.1.json", "mixtral-8x22b"), ("Mixtral-8x7B-v0.1.json", "mixtral-8x7b"),
    ("Qwen2.5-72B.json", "qwen2.5-72b"), ("Qwen2.5-7B.json", "qwen2.5-7b"),
    ("Qwen3-235B-A22B-FP8.json", "qwen3-235b-a22b-fp8"),
    ("Qwen3-235B-A22B.json", "qwen3-235b-a22b"), ("Qwen3-30B-A3B.json", "qwen3-30b-a3b"),
    ("falcon-40b.json", "falcon-40b"), ("gemma-2-27b.mlc-preset.json", "gemma-2-27b"),
    ("gpt-j-6b.mlc-preset.json", "gpt-j-6b"), ("phi-2.mlc-preset.json", "phi-2"),
    ("phi-2.json", "phi-2"), ("Llama-3.2-1B.json", "llama-3.2-1b"),
    ("Llama-3.2-3B.json", "llama-3.2-3b"), ("Qwen3-8B.json", "qwen3-8b"),
    ("Qwen3-14B.json", "qwen3-14b"), ("Qwen3-32B.json", "qwen3-32b"),
    ("Qwen2.5-14B.json", "qwen2.5-14b"), ("Qwen2.5-32B.json", "qwen2.5-32b"),
    ("DeepSeek-R1-Distill-Qwen-1.5B.json", "deepseek-r1-distill-qwen-1.5b"),
    ("DeepSeek-R1-Distill-Qwen-7B.json", "deepseek-r1-distill-qwen-7b"),
    ("DeepSeek-R1-Distill-Qwen-14B.json", "deepseek-r1-distill-qwen-14b"),
    ("DeepSeek-R1-Distill-Qwen-32B.json", "deepseek-r1-distill-qwen-32b"),
    ("DeepSeek-R1-Distill-Llama-8B.json", "deepseek-r1-distill-llama-8b"),
    ("DeepSeek-R1-Distill-Llama-70B.json", "deepseek-r1-distill-llama-70b"),
    ("gpt-oss-120b.json", "gpt-oss-120b"), ("gpt-oss-20b.json", "gpt-oss-20b"),
    ("gemma-3-12b-it.json", "gemma-3-12b"), ("gemma-3-27b-it.json", "gemma-3-27b"),
    ("phi-4.json", "phi-4"), ("Mistral-Small-24B-Base-2501.json", "mistral-small-24b"),
    ("Mistral-Large-Instruct-2407.json", "mistral-large-2"),
  ]

  /// Relatives of the catalog's families, against published totals (Fixtures/configs/
  /// SOURCES.csv names each source).
  static let published: [(String, Int)] = [
    // 2048·3072 + 2048·576 + 512 + 512·16·256 + 16·128·2048 = 13,763,072 attention per layer;
    // layer 0 dense (3·2048·10944), 26 MoE layers of 64 + 2 shared experts of 3·2048·1408
    // and a 2048×64 router; embedding and head 102,400·2048 each.
    ("DeepSeek-V2-Lite.json", 15_706_484_224),
    // 24 layers: MHA with qkv bias 16,783,360, 60 experts + a 5,632-wide shared expert and
    // its gate, router 2048×60; untied 151,936-token embedding.
    ("Qwen1.5-MoE-A2.7B.json", 14_315_784_192),
    // 28 layers of MHA 16 × 256 and a 24,576-wide GeGLU; tied 256,000-token embedding.
    ("gemma-7b.json", 8_537_680_896),
    // Black et al. 2022, Table 1.
    ("gpt-neox-20b.json", 20_554_567_680),
    // 32 layers: fused qkv 4544·73·64, dense, 4·4544 MLP, one LayerNorm; tied embedding.
    ("falcon-7b.json", 6_921_720_704),
    // gpt-oss model card, Table 1: 116.83B and 20.91B.
    ("gpt-oss-120b.json", 116_829_156_672), ("gpt-oss-20b.json", 20_914_757_184),
  ]

  @Test(arguments: published)
  func matchesPublished(file: String, parameters: Int) throws {
    #expect(try ModelFile.load(Self.fixture(file)).parameters.total == parameters)
  }

  // The exact count, and every field the KV cache and compute use, match the built-in entry.
  @Test(arguments: pairs)
  func matchesBuiltin(file: String, id: String) throws {
    let read = try ModelFile.load(Self.fixture(file))
    let builtin = model(id)
    #expect(read.parameters.total == builtin.parameters.total)
    #expect(read.parameters.active == builtin.parameters.active)
    #expect(read.layers == builtin.layers)
    #expect(read.kvHeads == builtin.kvHeads)
    #expect(read.headDim == builtin.headDim)
    #expect(read.maxContext == builtin.maxContext)
    #expect(read.slidingWindow == builtin.slidingWindow || sameWindows(read, builtin))
    #expect(read.latentAttention == builtin.latentAttention)
    #expect(read.checkpointPrecision == builtin.checkpointPrecision)
    #expect(read.activationPrecision == builtin.activationPrecision)
    #expect(
      KVCache.bytesPerToken(read, precision: .bf16)
        == KVCache.bytesPerToken(builtin, precision: .bf16))
  }

  func sameWindows(_ a: ModelSpec, _ b: ModelSpec) -> Bool {
    guard let x = a.slidingWindow, let y = b.slidingWindow, x.window == y.window else {
      return false
    }
    return (0..<a.layers).allSatisfy { x.isLocal(layer: $0) == y.isLocal(layer: $0) }
  }

  // Provenance: each field names the key it came from, or the default taken.
  @Test func provenance() throws {
    let falcon = try ModelFile.load(Self.fixture("falcon-40b.json"))
    let sources = Dictionary(
      falcon.origin.fields.map { ($0.field, $0.source) }, uniquingKeysWith: { a, _ in a })
    #expect(sources["layers"] == "n_layer")
    #expect(sources["kv heads"] == "n_head_kv")
    #expect(sources["max context"] == "default: FalconConfig.max_position_embeddings 2,048")
    let scout = try ModelFile.load(Self.fixture("Llama-4-Scout-17B-16E-Instruct.json"))
    #expect(scout.origin.fields.contains { $0.source == "text_config.num_hidden_layers" })
  }
}
