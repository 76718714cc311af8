import LLMPlanKit
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// Models named the way people name them, and model files that cannot be read.
@Suite("Model names and files")
struct ModelInputTests {
  // Hugging Face ids with an organisation and repo tags resolve to the built-in architecture
  // and say so; a quantization tag sets the checkpoint format.
  @Test(
    arguments: [
      ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b", "bf16"),
      ("meta-llama/Llama-3.1-8B-Instruct-FP8", "llama-3.1-8b", "fp8"),
      ("RedHatAI/Meta-Llama-3.1-70B-Instruct-FP8-dynamic", "llama-3.1-70b", "fp8"),
      ("Qwen/Qwen2.5-72B-Instruct-AWQ", "qwen2.5-72b", "awq"),
      ("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "qwen2.5-7b", "gptq"),
      ("mistralai/Mistral-7B-Instruct-v0.1", "mistral-7b", "bf16"),
      ("meta-llama/Llama-2-7b-chat-hf", "llama-2-7b", "fp16"),
      ("unsloth/Llama-3.2-1B-Instruct-bnb-4bit", "llama-3.2-1b", "nf4"),
      ("Qwen/Qwen2.5-72B-Instruct-GPTQ-Int8", "qwen2.5-72b", "gptq-int8"),
      ("deepseek-ai/DeepSeek-R1", "deepseek-v3", "fp8"),
    ])
  func huggingFaceIDs(typed: String, id: String, precision: String) throws {
    let resolved = try #require(
      ModelCatalog.builtin.resolve(typed)
        ?? ModelCatalog.builtin.model(named: typed).map {
          ($0.named(typed, checkpoint: nil), [])
        })
    #expect(resolved.model.parameters.total == model(id).parameters.total)
    #expect(resolved.model.checkpointPrecision.id == precision)
    #expect(resolved.model.origin.source == .builtinMatch(typed: typed))
    #expect(resolved.model.servedName == typed)
  }

  // The answer names the resolution in its footer and JSON, and launches the typed id.
  @Test func resolutionIsStated() {
    let typed = "meta-llama/Llama-3.1-8B-Instruct-FP8"
    let text = runCLI("fit", typed, "--gpu", "h100", "--emit", "vllm").stdout
    #expect(text.contains("model: \(typed) read as the built-in llama-3.1-8b"))
    #expect(text.contains("vllm serve \(typed)"))
    let json = runCLI("fit", typed, "--gpu", "h100", "--format", "json").stdout
    #expect(json.contains("\"source\": \"builtin-match\""))
    #expect(json.contains("\"typed\": \"\(typed)\""))
  }

  static let errors: [([String], String)] = [
    (
      ["fit", "foo/bar", "--gpu", "h100"],
      "unknown model 'foo/bar' (see 'llmplan models', or pass the path of its config.json, checkpoint directory or .gguf file)"
    ),
    (["fit", "lama-3.1-8b", "--gpu", "h100"], "did you mean 'llama-3.1-8b'?"),
    (["fit", "./missing/config.json", "--gpu", "h100"], "./missing/config.json: no such file"),
    (["fit", "llama-3.1-8b", "--gpu", "NVIDIA H1000"], "unknown GPU 'NVIDIA H1000'"),
    (
      ["fit", "llama-3.1-8b", "--gpu", "NVIDIA A100-SXM4-80GB MIG 3g.40gb"],
      "a MIG slice is not in the catalog; define it with --gpu-catalog"
    ),
    // A size in the name offers only models of that size (no 70B for an 11B).
    (
      ["fit", "meta-llama/Llama-3.2-11B-Vision", "--gpu", "h100"],
      "unknown model 'meta-llama/Llama-3.2-11B-Vision' (see"
    ),
    (["fit", "mistralai/Mistral-7B-Instruct-v0.3", "--gpu", "h100"], "did you mean 'mistral-7b'?"),
  ]

  @Test(arguments: errors)
  func badNames(arguments: [String], message: String) {
    let outcome = runCLI(arguments: arguments)
    #expect(outcome.code == .usage)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
  }

  /// A config (as text) and the one-line error it must give, after the file's path.
  static let badConfigs: [(String, String)] = [
    (
      "{\"model_type\": \"mamba\", \"hidden_size\": 768}",
      "model_type 'mamba' is not supported (supported: deepseek_v2,"
    ),
    ("{\"hidden_size\": 768}", "no model_type: not a Hugging Face config.json"),
    (
      "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"vocab_size\": 32000}",
      "model_type 'llama' needs num_hidden_layers or n_layer or num_layers, num_attention_heads or n_head, intermediate_size, max_position_embeddings"
    ),
    (
      "{\"model_type\": \"llama\", \"num_hidden_layers\": \"lots\", \"hidden_size\": 4096}",
      "num_hidden_layers: expected a whole number, got \"lots\""
    ),
    (
      "{\"model_type\": \"llama\", \"num_hidden_layers\": 2, \"hidden_size\": 64, \"num_attention_heads\": 6, \"num_key_value_heads\": 4, \"intermediate_size\": 128, \"vocab_size\": 10, \"max_position_embeddings\": 64}",
      "num_attention_heads 6 is not a multiple of num_key_value_heads 4"
    ),
    (
      "{\"model_type\": \"llama\", \"num_hidden_layers\": 2, \"hidden_size\": 64, \"num_attention_heads\": 4, \"intermediate_size\": 128, \"vocab_size\": 10, \"max_position_embeddings\": 64, \"quantization_config\": {\"quant_method\": \"hqq\"}}",
      "quantization_config.quant_method: 'hqq' is not a quantization llmplan reads"
    ),
    ("{\"model_type\": \"llama\", ", "line 1, column 25 (byte 24): "),
    (
      "{\"model_type\": \"llama\", \"num_hidden_layers\": 100000, \"hidden_size\": 64, \"num_attention_heads\": 4, \"intermediate_size\": 128, \"vocab_size\": 10, \"max_position_embeddings\": 64}",
      "layers 100,000 is outside what any model has"
    ),
    // Per-layer lists are never built for an implausible depth (a trillion layers).
    (
      "{\"model_type\": \"qwen3_moe\", \"num_hidden_layers\": 1000000000000, \"hidden_size\": 64, \"num_attention_heads\": 4, \"intermediate_size\": 128, \"moe_intermediate_size\": 32, \"num_experts\": 8, \"num_experts_per_tok\": 2, \"vocab_size\": 10, \"max_position_embeddings\": 64}",
      "layers 1,000,000,000,000 is outside what any model has"
    ),
    (
      "{\"model_type\": \"deepseek_v3\", \"num_hidden_layers\": 4, \"hidden_size\": 64, \"num_attention_heads\": 4, \"intermediate_size\": 128, \"moe_intermediate_size\": 4096, \"n_routed_experts\": 8, \"n_shared_experts\": 4000000000000000, \"num_experts_per_tok\": 2, \"kv_lora_rank\": 16, \"qk_nope_head_dim\": 16, \"qk_rope_head_dim\": 8, \"v_head_dim\": 16, \"vocab_size\": 10, \"max_position_embeddings\": 64}",
      "are not plausible"
    ),
    ("\u{0}\u{1}garbage", "expected a value, found byte 0x0"),
  ]

  @Test(arguments: badConfigs)
  func badConfig(text: String, message: String) throws {
    let path = try temporaryFile(text, name: "config.json")
    let outcome = runCLI("memory", path)
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.hasPrefix("llmplan: error: \(path): "), "\(outcome.stderr)")
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(outcome.stderr.filter { $0 == "\n" }.count == 1)
  }

  // A directory without config.json; a GGUF of an architecture llmplan does not read.
  @Test func badFiles() throws {
    let empty = try SyntheticFiles.directory([("README.md", Array("hi".utf8))])
    let outcome = runCLI("fit", empty, "--gpu", "h100")
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.contains("\(empty): no config.json here"))
    let mamba = SyntheticFiles.gguf(
      [("general.architecture", .string("mamba")), ("mamba.block_count", .u32(2))], tensors: [])
    let path = try temporaryFile(mamba, name: "mamba.gguf")
    let gguf = runCLI("memory", path)
    #expect(gguf.code == .usage)
    #expect(
      gguf.stderr.contains("\(path): GGUF architecture 'mamba' is not supported (supported: llama,")
    )
  }

  // A Hugging Face cache path names the model by its repo id.
  @Test func cachePathsNameTheRepo() {
    #expect(
      ModelNames.name(
        forPath:
          "/home/me/.cache/huggingface/hub/models--Qwen--Qwen2.5-32B/snapshots/abc/config.json"
      ) == "Qwen/Qwen2.5-32B")
    #expect(
      ModelNames.name(forPath: "./Llama-3.1-70B-Instruct-FP8/") == "Llama-3.1-70B-Instruct-FP8")
    #expect(
      ModelNames.name(forPath: "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf")
        == "Meta-Llama-3.1-8B-Instruct-Q4_K_M")
    #expect(ModelNames.billions(in: "Qwen2.5-32B-Instruct") == 32)
    #expect(ModelNames.billions(in: "DeepSeek-R1-Distill-Qwen-1.5B") == 1.5)
  }

  // A sparse Gemma 3 text_config (gemma-3-4b-it leaves heads and KV heads at the class's
  // 8 and 4) reads with the class defaults, and says so.
  @Test func gemma3ClassDefaults() throws {
    let text = """
      {"model_type": "gemma3", "torch_dtype": "bfloat16", "text_config": {"hidden_size": 2560,
       "intermediate_size": 10240, "model_type": "gemma3_text", "num_hidden_layers": 34,
       "sliding_window": 1024}}
      """
    let path = try temporaryFile(text, name: "config.json")
    let model = try ModelFile.load(path)
    #expect(model.heads == 8)
    #expect(model.kvHeads == 4)
    #expect(model.headDim == 256)
    #expect(
      model.origin.fields.contains {
        $0.source == "default: Gemma3TextConfig.num_key_value_heads 4"
      })
  }

  // A repo's quantization tags combine; a compressed-tensors FP8 recipe that ignores the MoE
  // routers (`re:.*mlp.gate$`) still quantizes every expert.
  @Test func quantizationReadings() throws {
    var config = try String(
      contentsOfFile: ConfigFileTests.fixture("Qwen3-30B-A3B.json"), encoding: .utf8)
    config.removeLast(2)
    config += """
      , "quantization_config": {"quant_method": "compressed-tensors", "config_groups": {"group_0":
        {"targets": ["Linear"], "weights": {"num_bits": 8, "type": "float"}}},
        "ignore": ["lm_head", "re:.*mlp.gate$"]}}
      """
    let model = try ModelFile.load(try temporaryFile(config, name: "config.json"))
    #expect(model.checkpointPrecision == .fp8)
    #expect(model.checkpointFormat == nil)  // uniform fp8 linear layers, 16-bit edges
  }

  // A ModelOpt FP8 checkpoint that declares an FP8 KV cache (kv_cache_quant_algo): TensorRT-LLM's
  // auto KV dtype follows it, so its KV is 1 B per value: 2 · 32 · 8 · 128 · 1 = 65,536 B per
  // token for Llama-3.1-8B; vLLM's auto stays at the model's bf16 (131,072 B).
  @Test func checkpointKVCache() throws {
    var config = try String(
      contentsOfFile: ConfigFileTests.fixture("Llama-3.1-8B.json"), encoding: .utf8)
    config.removeLast(2)
    config += """
      , "quantization_config": {"quant_method": "modelopt", "quant_algo": "FP8",
        "kv_cache_quant_algo": "FP8"}}
      """
    let path = try temporaryFile(config, name: "config.json")
    let model = try ModelFile.load(path)
    #expect(model.checkpointKV == .fp8)
    let trt = runCLI("kv", path, "--gpu", "h100", "--engine", "trtllm", "--max-model-len", "8k")
    #expect(trt.stdout.contains("KV cache at fp8, 65,536 B per token"))
    let vllm = runCLI("kv", path, "--gpu", "h100", "--max-model-len", "8k")
    #expect(vllm.stdout.contains("KV cache at bf16, 131,072 B per token"))
  }
}
