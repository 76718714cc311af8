import LLMPlanKit
import LLMPlanTestSupport
import Testing

@Suite("Layouts")
struct LayoutTests {

  // Every enumerated layout multiplies to the GPU count; every model, every count 1…64.
  @Test func everyLayoutMultipliesToTheGPUCount() {
    for spec in ModelCatalog.builtin.models {
      for gpus in 1...64 {
        let layouts = LayoutSearch.layouts(gpus: gpus, model: spec)
        #expect(!layouts.isEmpty)
        #expect(Set(layouts).count == layouts.count)
        for layout in layouts {
          #expect(layout.tp * layout.pp * layout.dp * layout.ep == gpus)
          if spec.moe == nil { #expect(layout.ep == 1) }
        }
      }
    }
  }

  // Evaluated layouts never use a TP the heads forbid, stay inside the node, and their stages
  // hold every layer once. Every model; counts 1…64 on an HGX H100 topology.
  @Test func evaluatedLayoutsAreValid() {
    for spec in ModelCatalog.builtin.models {
      let deployment = Deployment(model: spec, gpu: gpu("h100"))
      for gpus in 1...64 {
        let search = LayoutSearch(
          LayoutQuery(deployment: deployment, context: 2048, gpus: gpus, concurrency: 8))
        #expect(search.candidates.count == LayoutSearch.layouts(gpus: gpus, model: spec).count)
        for candidate in search.candidates {
          let layout = candidate.layout
          guard let evaluation = candidate.evaluation else {
            #expect(candidate.rejection != nil)
            #expect(candidate.rank == nil)
            continue
          }
          #expect(spec.heads % layout.tp == 0)
          if spec.latentAttention == nil {
            #expect(spec.kvHeads % layout.tp == 0 || layout.tp % spec.kvHeads == 0)
          }
          #expect(layout.tp <= 8)
          #expect(evaluation.placement.stageLayers.count == layout.pp)
          #expect(evaluation.placement.stageLayers.reduce(0, +) == spec.layers)
          #expect(evaluation.placement.stageLayers.allSatisfy { $0 >= 1 })
          #expect((candidate.rank != nil) == candidate.fits)
        }
        let ranks = search.candidates.compactMap(\.rank)
        #expect(ranks == Array(1...max(1, ranks.count)).prefix(ranks.count).map { $0 })
      }
    }
  }

  // A search over 4,096 GPUs enumerates every divisor pair: 4096 = 2^12, so (tp, pp) pairs
  // with tp · pp | 4096 number Σ_{i=0…12} (13 − i) = 91; TP above 8 is rejected (one node).
  @Test func fourThousandGPUs() {
    let deployment = Deployment(model: model("llama-3.1-405b"), gpu: gpu("h100"))
    let search = LayoutSearch(LayoutQuery(deployment: deployment, context: 8192, gpus: 4096))
    #expect(search.candidates.count == 91)
    #expect(search.candidates.filter { $0.evaluation != nil }.allSatisfy { $0.layout.tp <= 8 })
    #expect(search.recommended != nil)
  }

  // Seed 001: 32 layers of equal cost over 4 GPUs are 8 each.
  @Test func equalLayersSplitEvenly() {
    let costs = StageBalance.Costs(layers: Array(repeating: 1, count: 32))
    #expect(StageBalance.split(costs, stages: 4) == [8, 8, 8, 8])
    #expect(StageSplit.counts(layers: 32, stages: 4) == [8, 8, 8, 8])
    #expect(StageBalance.split(costs, stages: 33) == [])
  }

  // Llama-3-70B over 3 stages: the LM head (128,256 × 8,192 = 1.05 B parameters) is 1.23
  // layers (855.7 M each), so 27/27/26 makes the slowest stage 27.23 layer-times, the least
  // possible: vLLM's split too.
  @Test func llama70BOverThreeStages() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    #expect(
      deployment.balancedStages(Layout(tp: 1, pp: 3), Workload(context: 8192)) == [27, 27, 26])
  }

  // Llama-3-8B over 4 stages: embedding and LM head are 525.3 M parameters each, 2.41 layers
  // of 218.1 M (2.24 with a sequence's KV per layer). The slowest stage cannot be under 9
  // layers (8+8+8 and 6 + 2.24 hold only 30), so n3 ≤ 6 and n0..n2 ≤ 9; the least memory then
  // puts 8 on the first stage (8 + 2.24 for the embedding): 8/9/9/6. vLLM's 8/8/8/8 leaves
  // 10.24 layer-times on the last stage, 14 % slower.
  @Test func llama8BOverFourStages() {
    let deployment = Deployment(model: model("llama-3-8b"), gpu: gpu("l4"))
    let layout = Layout(tp: 1, pp: 4)
    let split = deployment.balancedStages(layout, Workload(context: 8192))
    #expect(split == [8, 9, 9, 6])
    let balanced = DecodeStep.evaluate(
      deployment, layout: layout, stageLayers: split, sequencesPerGroup: 1, context: 8192)
    let even = DecodeStep.evaluate(
      deployment, layout: layout, stageLayers: [8, 8, 8, 8], sequencesPerGroup: 1,
      context: 8192)
    let slowest = { (step: DecodeStep) in step.stages.map(\.seconds).max()! }
    #expect(approx(slowest(even) / slowest(balanced), 10.24 / 9, relative: 0.01))
  }

  // When one stage would not fit, layers move off it even at some cost in time.
  @Test func memoryLimitMovesLayers() {
    // Ten equal layers; the first stage also stores 3 (an embedding).
    var costs = StageBalance.Costs(
      layers: Array(repeating: 1, count: 10), firstStageMemory: 3, memoryLimit: 8)
    #expect(StageBalance.split(costs, stages: 2) == [5, 5])  // 3 + 5 ≤ 8: time decides
    costs.memoryLimit = 7  // the first stage holds at most 4 layers
    #expect(StageBalance.split(costs, stages: 2) == [4, 6])
    costs.memoryLimit = 6  // 3 + 6 layers < 10: nothing fits, so time alone decides
    #expect(StageBalance.split(costs, stages: 2) == [5, 5])
  }

  // Seed 003: Amdahl's law S(N) = 1 / ((1 − p) + p / N).
  @Test func amdahl() {
    // p = 0.95: S(2) = 1 / (0.05 + 0.475) = 1.90476; S(32) = 1 / (0.05 + 0.0296875) = 12.549
    #expect(approx(Amdahl.speedup(parallelFraction: 0.95, gpus: 2), 1.904_762, relative: 1e-6))
    #expect(approx(Amdahl.speedup(parallelFraction: 0.95, gpus: 32), 12.549_02, relative: 1e-6))
    #expect(Amdahl.speedup(parallelFraction: 1, gpus: 8) == 8)
    #expect(Amdahl.speedup(parallelFraction: 0, gpus: 8) == 1)
    // The serial fraction recovered from a speedup, and fitted over a curve.
    #expect(approx(Amdahl.serialFraction(speedup: 1.904_762, gpus: 2), 0.05, relative: 1e-5))
    let points = [2, 4, 8, 16].map { ($0, Amdahl.speedup(parallelFraction: 0.9, gpus: $0)) }
    #expect(approx(Amdahl.fittedSerialFraction(points)!, 0.1, relative: 1e-9))
    let curve = ScaleCurve.amdahl(parallelFraction: 0.95, gpus: [1, 2, 4])
    #expect(
      curve.points.map(\.efficiency).elementsEqual([1, 0.952_381, 0.869_565]) {
        approx($0, $1, relative: 1e-5)
      })
  }

  // The hand arithmetic: Llama-3-70B bf16 decode on H100 TP4 at ideal efficiency.
  // Bytes per GPU: (68,452,352,000 layer + 1,050,673,152 LM head parameters) / 4 × 2 B
  // = 34,751,512,576 B; / 3.35 TB/s = 10.374 ms (≈ 141.1 GB / 4 / 3.35 TB/s ≈ 10.5 ms).
  // TP: 2 all-reduces × 80 layers × (3 µs + 6 hops × 0.5 µs + 2·3/4 · 16,384 B / 450 GB/s)
  // = 160 × 6.0546 µs = 0.969 ms. modeling.md's reference tools give 11.39–12.25 ms.
  @Test func decodeStepByHand() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let step = DecodeStep.evaluate(
      deployment, layout: Layout(tp: 4, pp: 1), stageLayers: [80], sequencesPerGroup: 1,
      context: 1, efficiency: Efficiency(compute: 1, memory: 1))
    let stage = step.stages[0]
    #expect(approx(stage.memorySeconds, 34_751_512_576 / 3.35e12, relative: 1e-4))
    #expect(approx(stage.tensorParallelSeconds, 160 * 6.0546e-6, relative: 1e-4))
    #expect(stage.computeSeconds < stage.memorySeconds / 100)
    #expect(approx(step.cycleSeconds * 1e3, 11.343, relative: 1e-3))
    // Per generated token each of 80 layers all-reduces 8,192 × 2 B twice: 4 · 3 · 80 · 16,384
    #expect(step.communicationBytesPerToken == 4 * 3 * 80 * 16_384)
  }

  // NVLink carries TP on HGX boards; PCIe on L40S; the network never carries TP.
  @Test func topologies() {
    #expect(Topology(gpu: gpu("h100")).link(forGroupOf: 8).name.hasPrefix("NVLink"))
    #expect(Topology(gpu: gpu("h100")).maxTensorParallel == 8)
    #expect(Topology(gpu: gpu("h100"), gpusPerNode: 4).maxTensorParallel == 4)
    #expect(Topology(gpu: gpu("l40s")).link(forGroupOf: 4).name.contains("PCIe"))
    #expect(Topology(gpu: gpu("gb200")).maxTensorParallel == 72)
    // A100 PCIe pairs share a bridge; four cards fall back to PCIe.
    let a100 = Topology(gpu: gpu("a100-pcie"))
    #expect(a100.link(forGroupOf: 2).name.contains("NVLink"))
    #expect(a100.link(forGroupOf: 4).name.contains("PCIe"))
    // The same all-reduce costs more over PCIe: 8 GPUs, 5 + 14 × 3 = 47 µs vs 3 + 14 × 0.5.
    #expect(
      approx(
        Topology(gpu: gpu("l40s")).link(forGroupOf: 8).allReduceLatencySeconds(gpus: 8), 47e-6,
        relative: 1e-9))
    #expect(
      approx(
        Topology(gpu: gpu("h100")).link(forGroupOf: 8).allReduceLatencySeconds(gpus: 8), 10e-6,
        relative: 1e-9))
  }

  // Rejections name the rule and its figures.
  @Test func rejections() {
    let topology = Topology(gpu: gpu("h100"))
    func rejection(_ layout: Layout, _ id: String) -> LayoutRejection? {
      layout.rejection(model: model(id), topology: topology)
    }
    #expect(
      rejection(Layout(tp: 2, pp: 1, dp: 1, ep: 8), "mixtral-8x7b")
        == .expertsNotDivisible(experts: 8, tp: 2, ep: 8))
    #expect(
      rejection(Layout(tp: 1, pp: 81), "llama3-70b") == .pipelineBeyondLayers(pp: 81, layers: 80))
    #expect(
      rejection(Layout(tp: 16, pp: 1), "llama3-70b")
        == .tensorParallelBeyondDomain(tp: 16, domain: 8, rackScale: false, gpu: "h100"))
    #expect(
      rejection(Layout(tp: 3, pp: 1), "llama3-70b") == .headsNotDivisible(tp: 3, heads: 64))
    #expect(
      rejection(Layout(tp: 2, pp: 1, dp: 1, ep: 2), "llama3-70b") == .expertParallelNeedsMoE(ep: 2))
  }

  // Seed 003: for throughput, two TP2 replicas beat one TP4 group when memory allows (each
  // replica runs its own full batch); TP4 still gives the lower latency. Llama-2-13B, 4 × A100,
  // 512-token sequences (vLLM caps each replica at 256 running).
  @Test func twoTP2ReplicasOutThroughputOneTP4() {
    let deployment = Deployment(model: model("llama-2-13b"), gpu: gpu("a100"))
    func rank(_ objective: LayoutObjective, _ layout: Layout) -> Int? {
      LayoutSearch(LayoutQuery(deployment: deployment, context: 512, gpus: 4, objective: objective))
        .candidates.first { $0.layout == layout }?.rank
    }
    let tp4 = Layout(tp: 4, pp: 1)
    let tp2x2 = Layout(tp: 2, pp: 1, dp: 2)
    #expect(rank(.throughput, tp2x2)! < rank(.throughput, tp4)!)
    #expect(rank(.latency, tp4)! < rank(.latency, tp2x2)!)
  }

  // vLLM counts GPUs as tensor_parallel_size × pipeline_parallel_size per replica, times the
  // data-parallel replicas (vLLM docs, "Distributed inference and serving"). Settings the
  // user left at vLLM's defaults are not written: vLLM picks the same ones.
  @Test func vllmGPUCount() {
    let layout = Layout(tp: 2, pp: 2, dp: 2)
    #expect(layout.gpusPerReplica == 4)
    #expect(layout.gpus == 8)
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let command = LaunchCommand(
      deployment: deployment, context: 8192, layout: layout, stageLayers: [40, 40])!
    #expect(
      command.arguments == [
        .word("vllm"), .word("serve"), .word("meta-llama/Meta-Llama-3-70B"),
        .option("--tensor-parallel-size", .integer(2)),
        .option("--pipeline-parallel-size", .integer(2)),
        .option("--data-parallel-size", .integer(2)), .option("--max-model-len", .integer(8192)),
      ])
    #expect(command.notes.isEmpty)
    #expect(command.profile.id == "vllm@0.11")
  }

  // An uneven split goes to vLLM through VLLM_PP_LAYER_PARTITION; a replica over two nodes
  // needs Ray. (The lines as printed are checked in the CLI's rendering tests.)
  @Test func launchArguments() {
    let fp8 = Deployment(
      model: model("llama-3-8b"), gpu: gpu("h100"), precision: .fp8, kvPrecision: .fp8)
    let vllm = LaunchCommand(
      deployment: fp8, context: 8192, layout: Layout(tp: 1, pp: 4), stageLayers: [8, 9, 9, 6])!
    #expect(vllm.arguments.first == .environment("VLLM_PP_LAYER_PARTITION", [8, 9, 9, 6]))
    // Llama-3-8B at bf16 is 16.06 GB, well inside an H100: vLLM quantizes it online.
    #expect(
      vllm.arguments.suffix(2) == [
        .option("--kv-cache-dtype", .text("fp8")), .option("--quantization", .text("fp8")),
      ])
    let big = Deployment(model: model("llama-3.1-405b"), gpu: gpu("h100"))
    let layout = Layout(tp: 8, pp: 2)
    let multi = LaunchCommand(
      deployment: big, context: 8192, layout: layout,
      stageLayers: big.balancedStages(layout, Workload(context: 8192)))!
    #expect(multi.arguments.contains(.option("--distributed-executor-backend", .text("ray"))))
    #expect(multi.notes == [.rayCluster(nodes: 2)])
    // No engine, no launcher.
    let none = Deployment(
      model: model("llama-3-8b"), gpu: gpu("h100"), engine: ServingEngine(.none))
    #expect(
      LaunchCommand(
        deployment: none, context: 8192, layout: Layout(tp: 1, pp: 1), stageLayers: [32])
        == nil)
  }
}
