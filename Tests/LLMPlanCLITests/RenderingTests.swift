import LLMPlanKit
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// The kit's typed values as the CLI writes them: launch lines, rules, rejections.
@Suite("Rendering")
struct RenderingTests {

  // vLLM 0.11's `vllm serve` flags; a fraction the user set with two decimals, as vLLM's docs
  // write it.
  @Test func vllmLine() {
    let deployment = Deployment(
      model: model("llama3-70b"), gpu: gpu("h100"),
      engine: ServingEngine(.vllm, memoryFraction: 0.85))
    let line = LaunchCommand(
      deployment: deployment, context: 8192, layout: Layout(tp: 2, pp: 2, dp: 2),
      stageLayers: [40, 40]
    )!.line
    #expect(
      line
        == "vllm serve meta-llama/Meta-Llama-3-70B --tensor-parallel-size 2 --pipeline-parallel-size 2 --data-parallel-size 2 --max-model-len 8192 --gpu-memory-utilization 0.85"
    )
  }

  @Test func launchLines() {
    let fp8 = Deployment(
      model: model("llama-3-8b"), gpu: gpu("h100"), precision: .fp8, kvPrecision: .fp8)
    // An uneven split goes through VLLM_PP_LAYER_PARTITION; fp8 adds both flags.
    let vllm = LaunchCommand(
      deployment: fp8, context: 8192, layout: Layout(tp: 1, pp: 4), stageLayers: [8, 9, 9, 6])!
    #expect(vllm.line.hasPrefix("VLLM_PP_LAYER_PARTITION=\"8,9,9,6\" vllm serve"))
    #expect(vllm.line.hasSuffix("--kv-cache-dtype fp8 --quantization fp8"))
    // Attention data parallelism with experts over all 8 GPUs.
    let ep = Layout(tp: 2, pp: 1, dp: 1, ep: 4)
    func line(_ engine: Engine) -> LaunchCommand {
      let mixtral = Deployment(
        model: model("mixtral-8x7b"), gpu: gpu("h100"), engine: ServingEngine(engine))
      return LaunchCommand(deployment: mixtral, context: 32768, layout: ep, stageLayers: [32])!
    }
    // SGLang 0.5 picks its own fraction (0.703 here: 24,064 MiB reserved of 81,080), so the
    // line does not set one.
    #expect(
      line(.sglang).line
        == "python -m sglang.launch_server --model-path mistralai/Mixtral-8x7B-v0.1 --tp-size 8 --dp-size 4 --enable-dp-attention --ep-size 8 --context-length 32768"
    )
    #expect(
      line(.vllm).line.contains(
        "--tensor-parallel-size 2 --data-parallel-size 4 --enable-expert-parallel"))
    // Two nodes per replica: Ray for vLLM; every node runs SGLang's line.
    let big = Deployment(model: model("llama-3.1-405b"), gpu: gpu("h100"))
    let layout = Layout(tp: 8, pp: 2)
    let multi = LaunchCommand(
      deployment: big, context: 8192, layout: layout,
      stageLayers: big.balancedStages(layout, Workload(context: 8192)))!
    #expect(multi.line.contains("--distributed-executor-backend ray"))
    #expect(multi.noteTexts.contains { $0.contains("Ray cluster") })
    #expect(multi.versionLabel == "vLLM 0.8–0.11 (V1 engine)")
    let sglang = Deployment(
      model: model("llama-3.1-405b"), gpu: gpu("h100"), engine: ServingEngine(.sglang))
    let nodes = LaunchCommand(
      deployment: sglang, context: 8192, layout: layout, stageLayers: [63, 63])!
    #expect(nodes.block().contains("on each of 2 nodes"))
    #expect(
      nodes.line.hasSuffix("--nnodes 2 --node-rank $NODE_RANK --dist-init-addr $HEAD_IP:5000"))
  }

  // Rejections name the rule with its figures; codes are stable.
  @Test func rejections() {
    let cases: [(LayoutRejection, String, String)] = [
      (
        .expertsNotDivisible(experts: 8, tp: 2, ep: 8),
        "8 experts do not divide over TP 2 × EP 8 = 16 GPUs", "layout.ep-experts"
      ),
      (.pipelineBeyondLayers(pp: 81, layers: 80), "PP 81 exceeds 80 layers", "layout.pp-layers"),
      (
        .tensorParallelBeyondDomain(tp: 16, domain: 8, rackScale: false, gpu: "h100"),
        "TP 16 spans more than one 8-GPU node of h100", "layout.tp-domain"
      ),
      (
        .headsNotDivisible(tp: 3, heads: 64), "TP 3 does not divide 64 attention heads",
        "layout.tp-heads"
      ),
      (
        .expertParallelNeedsMoE(ep: 2), "EP 2 needs a mixture-of-experts model",
        "layout.ep-dense-model"
      ),
    ]
    for (rejection, text, code) in cases {
      #expect(rejection.text == text)
      #expect(rejection.code == code)
    }
  }

  // vLLM's logs for Llama-3.1-8B on an H100: the activation rule names the profile run.
  @Test func memoryRules() {
    let deployment = Deployment(model: model("llama-3.1-8b"), gpu: gpu("h100"))
    let memory = deployment.place(tp: 1, pp: 1, Workload(context: 8192))!.memory
    #expect(
      memory.activation.rule.text
        == "vLLM profile run at 8,192 tokens, 1,024 sequences (sampler phase 4.76 GiB)")
    #expect(memory.activation.rule.code == "vllm.activation.profile-run")
    #expect(memory.capacity.rule.text == "0.9 × 79.18 GiB usable (--gpu-memory-utilization)")
    #expect(memory.kvCache.rule.text == "1 × 8,192 tokens at bf16, blocks of 16")
  }
}
