import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// Which formats each engine release runs on which GPU, as the engines' own checks decide.
@Suite("Format support")
struct FormatSupportTests {
  static let vllm = EngineRegistry.newest(.vllm)
  static let sglang = EngineRegistry.newest(.sglang)
  static let trtllm = EngineRegistry.newest(.trtllm)

  static func format(_ id: String) -> Precision { Precision.named(id)! }

  @Test(
    "vLLM 0.11",
    arguments: [
      // FP8 on FP8 tensor cores from Ada (8.9); Marlin weight-only from Ampere (8.0).
      ("fp8", "h100", FormatSupport.native), ("fp8", "l4", .native), ("fp8", "a100", .weightOnly),
      ("fp8", "t4", .unsupported(.weightOnlyKernel(capability: 80))),
      // NVFP4 native on Blackwell, Marlin FP4 below; NVIDIA only.
      ("nvfp4", "b200", .native), ("nvfp4", "h100", .weightOnly),
      ("nvfp4", "mi300x", .unsupported(.nvidiaOnly)),
      // MXFP4 (gpt-oss): weight-only on Hopper and on MI300X (Triton), native on MI355X.
      ("mxfp4", "h100", .weightOnly), ("mxfp4", "mi300x", .weightOnly),
      ("mxfp4", "mi355x", .native),
      // bf16 from Ampere; T4 and V100 serve a bf16 checkpoint in fp16.
      ("bf16", "t4", .asFP16), ("bf16", "v100", .asFP16), ("bf16", "a100", .native),
      // W8A8 int8 from Turing's int8 tensor cores; AWQ's kernels from 7.5.
      ("int8", "v100", .unsupported(.tensorCores(.int8, capability: 75))), ("int8", "t4", .native),
      ("awq", "v100", .unsupported(.kernel(capability: 75))), ("gptq", "v100", .native),
      ("fp8", "tpu-v5e", .unsupported(.tensorCores(.fp8, capability: 89))),
    ])
  func vllm(format id: String, gpu name: String, expected: FormatSupport) {
    #expect(Self.vllm.support(Self.format(id), on: gpu(name)) == expected)
  }

  // SGLang 0.5: Marlin FP8 and Triton MXFP4 below their tensor cores; NVFP4 only on Blackwell
  // (`ModelOptFp4Config.get_min_capability` = 100).
  @Test func sglang() {
    #expect(Self.sglang.support(Self.format("fp8"), on: gpu("a100")) == .weightOnly)
    #expect(Self.sglang.support(Self.format("mxfp4"), on: gpu("h100")) == .weightOnly)
    #expect(
      Self.sglang.support(Self.format("nvfp4"), on: gpu("h100"))
        == .unsupported(.tensorCores(.fp4, capability: 100)))
    #expect(Self.sglang.support(Self.format("nvfp4"), on: gpu("b200")) == .native)
  }

  // TensorRT-LLM 1.0: FP8 from Ada, no weight-only FP8; W4A16 MXFP4 from Hopper.
  @Test func trtllm() {
    #expect(
      Self.trtllm.support(Self.format("fp8"), on: gpu("a100"))
        == .unsupported(.tensorCores(.fp8, capability: 89)))
    #expect(Self.trtllm.support(Self.format("fp8"), on: gpu("l40s")) == .native)
    #expect(Self.trtllm.support(Self.format("mxfp4"), on: gpu("h100")) == .weightOnly)
    #expect(
      Self.trtllm.support(Self.format("mxfp4"), on: gpu("a100"))
        == .unsupported(.weightOnlyKernel(capability: 90)))
  }

  // A bf16 checkpoint on a T4 plans in fp16, weights and KV; asked-for bf16 cannot run.
  @Test func bf16OnTuring() {
    let served = Deployment(model: model("llama-3.1-8b"), gpu: gpu("t4"))
    #expect(served.precision == .fp16)
    #expect(served.kvPrecision == .fp16)
    #expect(served.formatSupport == .asFP16)
    let asked = Deployment(model: model("llama-3.1-8b"), gpu: gpu("t4"), precision: .bf16)
    #expect(asked.formatSupport == .unsupported(.bf16))
  }

  // Weight-only formats compute at the 16-bit peak: NVFP4 on an H100 is costed at 989 dense
  // TFLOPS (its bf16 figure), not at its FP8 1,979.
  @Test func weightOnlyComputesAt16Bit() {
    let h100 = gpu("h100")
    #expect(h100.compute.peak(for: .fp4) == h100.compute.fp16)
    #expect(gpu("a100").compute.peak(for: .fp8) == gpu("a100").compute.fp16)
    #expect(gpu("b200").compute.peak(for: .fp4) == gpu("b200").compute.fp4!)
  }

  // Remedies offer only formats the engine runs here: no fp8 on a T4.
  @Test func remediesSkipUnsupportedFormats() {
    let deployment = Deployment(model: model("llama-3.1-8b"), gpu: gpu("t4"))
    let plan = Planner.fit(FitRequest(deployment: deployment, context: 32768, gpus: 1))
    #expect(!plan.remedies.contains(.precision(.fp8)))
  }
}

/// TP shards must hold whole scale groups; engines cannot express every layout.
@Suite("Quantization shards and engine layouts")
struct QuantizationShardTests {
  static func shards(_ id: String, _ precision: Precision, tp: Int, ep: Int = 1)
    -> LayoutRejection?
  {
    let m = model(id)
    return QuantizationShards.rejection(
      tp: tp, ep: ep, model: m, weights: .uniform(precision, activation: .bf16))
  }

  // Qwen3-235B-A22B-FP8 (128×128 blocks): experts 1,536 wide. TP 4: 384 = 3 · 128, whole
  // blocks; TP 8: 192 = 1.5 · 128, vLLM's "output_size of gate's and up's weight = 192 is not
  // divisible by weight quantization block_n = 128". Expert parallelism keeps experts whole.
  @Test func qwen3FP8Blocks() {
    let blocks = Precision.fp8(blocks: 128)
    #expect(Self.shards("qwen3-235b-a22b-fp8", blocks, tp: 4) == nil)
    #expect(
      Self.shards("qwen3-235b-a22b-fp8", blocks, tp: 8)
        == .quantizationGroupSplit(
          tp: 8, module: .experts, width: 1536, group: 128, format: "fp8"))
    #expect(Self.shards("qwen3-235b-a22b-fp8", blocks, tp: 8, ep: 2) == nil)
    // Per-tensor FP8 (online quantization) has no blocks to split.
    #expect(Self.shards("qwen3-235b-a22b-fp8", .fp8, tp: 8) == nil)
    // The built-in checkpoint plans without TP 8 on one H100 node: TP 4 × PP 2 instead.
    let deployment = Deployment(model: model("qwen3-235b-a22b-fp8"), gpu: gpu("h100"))
    #expect(!deployment.allowedTensorParallel.contains(8))
    #expect(deployment.allowedTensorParallel.contains(4))
  }

  // DeepSeek-V3: experts 2,048 wide: TP 16 → 128 (whole); TP 32 → 64 (half a block).
  @Test func deepSeekBlocks() {
    let blocks = Precision.fp8(blocks: 128)
    #expect(Self.shards("deepseek-v3", blocks, tp: 16) == nil)
    #expect(
      Self.shards("deepseek-v3", blocks, tp: 32)
        == .quantizationGroupSplit(
          tp: 32, module: .experts, width: 2048, group: 128, format: "fp8"))
  }

  // Qwen2.5-72B's 29,568-wide MLP in AWQ groups of 128: 29,568 / 2 = 14,784 = 115.5 · 128, so
  // no TP > 1 holds whole groups (why Qwen's AWQ and GPTQ releases pad it to 29,696 =
  // 232 · 128). An asked-for format is not checked: the checkpoint may be padded.
  @Test func awqGroups() {
    let awq = Precision.named("awq")!
    #expect(
      Self.shards("qwen2.5-72b", awq, tp: 2)
        == .quantizationGroupSplit(tp: 2, module: .mlp, width: 29568, group: 128, format: "awq"))
    #expect(Self.shards("llama3-70b", awq, tp: 8) == nil)  // 28,672 / 8 = 3,584 = 28 · 128
    let asked = Deployment(model: model("qwen2.5-72b"), gpu: gpu("h100"), precision: awq)
    #expect(asked.rejection(Layout(tp: 8, pp: 1)) == nil)
  }

  // TensorRT-LLM 1.0's attention DP runs attention at TP 1; its TensorRT engines have none.
  @Test func trtllmAttentionDP() {
    let pytorch = EngineRegistry.newest(.trtllm)
    #expect(
      pytorch.rejection(Layout(tp: 2, pp: 1, ep: 4))
        == .engineCannot(.attentionDPNeedsTP1, profile: "trtllm@1.0"))
    #expect(pytorch.rejection(Layout(tp: 1, pp: 1, ep: 8)) == nil)
    let engines = EngineRegistry.profile(id: "trtllm@0.21")!
    #expect(
      engines.rejection(Layout(tp: 1, pp: 1, ep: 8))
        == .engineCannot(.noAttentionDP, profile: "trtllm@0.21"))
    #expect(EngineRegistry.newest(.vllm).rejection(Layout(tp: 2, pp: 1, ep: 4)) == nil)
  }
}
