import LLMPlanKit
import LLMPlanTestSupport
import Testing

@Suite("Performance")
struct PerformanceTests {

  // Prefill of a 2,048-token prompt, Llama-3-70B bf16 on H100 TP4, ideal efficiency, per GPU:
  // matmuls 2,048 × 2 × 68,452,352,000 / 4 = 70.0952 TFLOP, causal attention
  // 4 · 64 heads · 128 · (2,048 · 2,049 / 2) · 80 layers / 4 = 1.3751 TFLOP, LM head for the
  // last token 2 · 1,050,673,152 / 4 = 0.0005 TFLOP: 71.4708 TFLOP / 989.4 TFLOPS = 72.236 ms.
  // Bytes: weights 34,751,512,576 + KV written 2,048 × 327,680 / 4 = 167,772,160 → 10.424 ms,
  // so compute-bound. TP: 160 all-reduces × (6 µs + 1.5 · 2,048 · 16,384 B / 450 GB/s
  // = 111.85 µs) = 18.856 ms. Total 91.09 ms; modeling.md's tools give 94.2 / 95.2 ms.
  @Test func prefillByHand() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let prefill = PrefillStep.evaluate(
      deployment, layout: Layout(tp: 4, pp: 1), stageLayers: [80], sequences: 1,
      promptTokens: 2048, efficiency: .ideal)
    let stage = prefill.stages[0]
    let flops =
      2048 * 2 * 68_452_352_000 / 4 + 4 * 64 * 128 * (2048 * 2049 / 2) * 80 / 4
      + 2 * 1_050_673_152 / 4
    #expect(approx(stage.computeSeconds, Double(flops) / 989.4e12, relative: 1e-6))
    #expect(approx(stage.memorySeconds, (34_751_512_576 + 167_772_160) / 3.35e12, relative: 1e-4))
    #expect(
      approx(
        stage.tensorParallelSeconds, 160 * (6e-6 + 1.5 * 2048 * 16_384 / 450e9), relative: 1e-6))
    #expect(approx(prefill.seconds * 1e3, 91.09, relative: 1e-3))
  }

  // Decode attention over 2,048 held tokens, Llama-3-70B bf16 on H100 TP4, per GPU: KV read
  // 2,048 × 327,680 / 4 B = 167.77 MB → 0.0501 ms at 3.35 TB/s; FLOPs 4 · 64 · 128 · 2,048
  // · 80 / 4 = 1.342 GFLOP → 1.357 µs at the 989.4 TFLOPS peak: the read dominates. At an
  // attention efficiency of 0.001 the FLOPs take 1.357 ms and dominate instead.
  @Test func decodeAttentionByHand() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    func attention(_ efficiency: Efficiency) -> Double {
      DecodeStep.evaluate(
        deployment, layout: Layout(tp: 4, pp: 1), stageLayers: [80], sequencesPerGroup: 1,
        context: 2048, efficiency: efficiency
      ).stages[0].attentionSeconds
    }
    #expect(approx(attention(.ideal), 2048 * 327_680 / 4 / 3.35e12, relative: 1e-9))
    var slow = Efficiency.ideal
    slow.attention = 0.001
    #expect(approx(attention(slow), 4 * 64 * 128 * 2048 * 80 / 4 / 989.4e9, relative: 1e-9))
  }

  // Mixtral-8x7B decode at batch 1 reads 2 of 8 experts per MoE layer; a 2,048-token prompt
  // touches all of them: 1 − (1 − 2/8)^2048 ≈ 1.
  @Test func moeReadsRoutedExpertsOnly() {
    let mixtral = model("mixtral-8x7b")
    let deployment = Deployment(model: mixtral, gpu: gpu("h100"))
    let count = mixtral.parameters
    let routed = Double(count.routedExperts.reduce(0, +))
    let dense = Double(count.layers.reduce(0, +)) - routed
    let head = Double(mixtral.vocab * mixtral.hidden)
    let step = DecodeStep.evaluate(
      deployment, layout: Layout(tp: 1, pp: 1), stageLayers: [32], sequencesPerGroup: 1,
      context: 1, efficiency: .ideal)
    #expect(
      approx(
        step.stages[0].memorySeconds, (dense + routed * 2 / 8 + head) * 2 / 3.35e12, relative: 1e-9)
    )
    let prefill = PrefillStep.evaluate(
      deployment, layout: Layout(tp: 1, pp: 1), stageLayers: [32], sequences: 1,
      promptTokens: 2048, efficiency: .ideal)
    let kvWritten = 2048.0 * 2 * 32 * 8 * 128 * 2
    #expect(
      approx(
        prefill.stages[0].memorySeconds, ((dense + routed + head) * 2 + kvWritten) / 3.35e12,
        relative: 1e-6))
  }

  // Seed 003: a bigger batch raises throughput and latency alike.
  @Test func throughputAndLatencyGrowWithBatch() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let query = ServingQuery(
      deployment: deployment, layout: Layout(tp: 4, pp: 1),
      shape: RequestShape(input: 2048, output: 256))
    let estimates = [1, 8, 32, 128].map(query.estimate(batch:))
    for (small, large) in zip(estimates, estimates.dropFirst()) {
      #expect(large.outputTokensPerSecond > small.outputTokensPerSecond)
      #expect(large.expected.ttftSeconds > small.expected.ttftSeconds)
      #expect(large.expected.tpotSeconds > small.expected.tpotSeconds)
      #expect(large.expected.requestLatencySeconds > small.expected.requestLatencySeconds)
    }
  }

  // Seed 002: a model that fits on two GPUs serves more from two TP2 replicas than from one
  // TP4 group, since TP4 adds all-reduces without adding sequences to share the weights.
  @Test func twoTP2ReplicasOutThroughputOneTP4() {
    let deployment = Deployment(model: model("llama-3-8b"), gpu: gpu("l40s"))
    func total(_ layout: Layout) -> Double {
      let query = ServingQuery(
        deployment: deployment, layout: layout, shape: RequestShape(input: 2048, output: 2048))
      let estimate = query.estimate(batch: query.maxBatch!)
      return estimate.outputTokensPerSecond * Double(layout.dp)
    }
    #expect(total(Layout(tp: 2, pp: 1, dp: 2)) > total(Layout(tp: 4, pp: 1)))
  }

  // Request latency = TTFT + (output − 1) · TPOT; throughput = batch · output / latency;
  // $/M = price · GPUs / 3600 / tokens/s · 10⁶.
  @Test func servingArithmetic() {
    let deployment = Deployment(model: model("llama-3.1-8b"), gpu: gpu("h100"))
    let query = ServingQuery(
      deployment: deployment, layout: Layout(tp: 1, pp: 1),
      shape: RequestShape(input: 1000, output: 100), pricePerHour: 3.6)
    let estimate = query.estimate(batch: 8)
    let t = estimate.expected
    #expect(approx(t.requestLatencySeconds, t.ttftSeconds + 99 * t.tpotSeconds, relative: 1e-12))
    #expect(approx(estimate.outputTokensPerSecond, 800 / t.requestLatencySeconds, relative: 1e-12))
    #expect(
      approx(
        estimate.costPerMillionOutputTokens!, 3.6 / 3600 / estimate.outputTokensPerSecond * 1e6,
        relative: 1e-12))
    #expect(estimate.low.requestLatencySeconds < t.requestLatencySeconds)
    #expect(estimate.high.requestLatencySeconds > t.requestLatencySeconds)
  }

  // Calibrated families answer for themselves; others borrow and say so. Factors belong to the
  // release they were measured on: TensorRT-LLM 0.17 has its own, 1.0 borrows 0.17's, vLLM
  // V1 the contemporary 0.17 set, vLLM V0 the 0.10 set, each with a range widened by 15 %.
  @Test func calibrationLookup() {
    let trt017 = EngineRegistry.resolve(.trtllm, version: EngineVersion(0, 17))!.profile
    let trt010 = EngineRegistry.resolve(.trtllm, version: EngineVersion(0, 10))!.profile
    let hopper = Calibration.of(gpu: gpu("h100"), precision: .fp8, engine: trt017)
    #expect(hopper.basis == .fitted(.hopper, .bits8, measurements: "trtllm@0.17"))
    let old = Calibration.of(gpu: gpu("h100"), precision: .fp8, engine: trt010)
    #expect(old.basis == .fitted(.hopper, .bits8, measurements: "trtllm@0.10"))
    #expect(old.efficiency != hopper.efficiency)
    let v1 = Calibration.of(gpu: gpu("h100"), precision: .fp8, engine: EngineRegistry.newest(.vllm))
    #expect(
      v1.basis
        == .borrowed(
          family: .hopper, wanted: .bits8, source: .hopper, sourceClass: .bits8,
          measurements: "trtllm@0.17", engine: "vllm@0.11"))
    #expect(v1.efficiency == hopper.efficiency)
    #expect(abs(v1.spread - hopper.spread * 1.15) < 1e-12)
    let v0 = EngineRegistry.resolve(.vllm, version: EngineVersion(0, 6))!.profile
    #expect(
      Calibration.of(gpu: gpu("h100"), precision: .fp8, engine: v0).efficiency == old.efficiency)
    // 0.17 has no 16-bit Hopper rows: 0.10's 16-bit fit, a release away.
    let sixteen = Calibration.of(gpu: gpu("h100"), precision: .bf16, engine: trt017)
    let old16 = Calibration.of(gpu: gpu("h100"), precision: .bf16, engine: trt010)
    #expect(sixteen.efficiency == old16.efficiency)
    #expect(abs(sixteen.spread - old16.spread * 1.15) < 1e-12)
    let blackwell = Calibration.of(gpu: gpu("b200"), precision: .fp8, engine: trt010)
    #expect(
      blackwell.basis
        == .borrowed(
          family: .blackwell, wanted: .bits8, source: .hopper, sourceClass: .bits8,
          measurements: "trtllm@0.10", engine: "trtllm@0.10"))
    #expect(blackwell.spread > old.spread)
    #expect(gpu("mi300x").family == .cdna)
    #expect(gpu("l40s").family == .ada)
    #expect(gpu("a100-pcie").family == .ampere)
    #expect(gpu("h200-nvl").family == .hopper)
  }
}
