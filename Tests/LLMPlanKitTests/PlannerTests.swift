import LLMPlanKit
import LLMPlanTestSupport
import Testing

@Suite("Planner")
struct PlannerTests {

  // vLLM get_pp_indices: remainder to the stages before the last.
  @Test func stageSplits() {
    #expect(StageSplit.counts(layers: 80, stages: 3) == [27, 27, 26])
    #expect(StageSplit.counts(layers: 61, stages: 4) == [15, 15, 16, 15])
    #expect(StageSplit.counts(layers: 10, stages: 11) == [])
    for layers in 1...130 {
      for stages in 1...layers where stages <= 16 {
        let counts = StageSplit.counts(layers: layers, stages: stages)
        #expect(counts.reduce(0, +) == layers)
        #expect(counts.max()! - counts.min()! <= 1)
      }
    }
  }

  // Every option's layout multiplies to its GPU count and never uses a TP the heads forbid.
  @Test(arguments: [
    "llama3-70b", "mixtral-8x7b", "qwen2.5-7b", "deepseek-v3", "falcon-40b", "phi-2",
  ])
  func layoutsAreValid(id: String) {
    let m = model(id)
    for g in [gpu("h100"), gpu("l40s"), gpu("gb200")] {
      let deployment = Deployment(model: m, gpu: g)
      for count in 1...64 {
        let option = Planner.option(deployment, Workload(context: 2048), gpus: count)
        guard let layout = option.placement?.layout else { continue }
        #expect(layout.tp * layout.pp * layout.dp == count)
        #expect(m.heads % layout.tp == 0)
        #expect(layout.tp <= g.maxTensorParallel)
        #expect(TensorParallel.rejection(layout.tp, model: m, topology: Topology(gpu: g)) == nil)
      }
    }
  }

  // Qwen2.5-7B: 28 heads, 4 KV heads: TP 7 divides the heads but not the KV heads.
  @Test func tensorParallelRules() {
    let qwen = model("qwen2.5-7b")
    let h100 = Topology(gpu: gpu("h100"))
    #expect(
      TensorParallel.rejection(7, model: qwen, topology: h100)
        == .kvHeadsNotDivisible(tp: 7, kvHeads: 4))
    #expect(TensorParallel.allowed(model: qwen, topology: h100) == [1, 2, 4])
    // GB200 NVL72: TP may span the 72-GPU NVLink domain.
    #expect(
      TensorParallel.allowed(model: model("llama3-70b"), topology: Topology(gpu: gpu("gb200")))
        .last == 64)
  }

  // Issue #3: `fit llama3-70b --gpu h100 --gpus 2` does not fit under vLLM's rules: TP 2 leaves
  // 0.9 · 79.18 − 65.71 − 4.82 (the profile run's sampler phase: 8,192 · 8,192 · 2 B of hidden
  // states + 1,024 · 128,256 · 38.40 B) − 0.55 = 0.18 GiB for KV, and one 8,192-token sequence
  // needs 8,192 · 327,680 / 2 B = 1.25 GiB.
  @Test func llama3_70bOnTwoH100sDoesNotFit() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let plan = Planner.fit(FitRequest(deployment: deployment, gpus: 2))
    #expect(plan.verdict.fits == false)
    let memory = plan.checked!.placement!.memory
    #expect(approx(memory.headroom.gibibytes, 0.18 - 1.25, relative: 0.01))
    #expect(plan.minimum!.gpus == 3)
    #expect(plan.remedies.contains(.precision(.fp8)))
  }

  // The minimum search skips counts below a memory bound (no layout holds less than one GPU's
  // weights and KV in total); it must answer what trying every count from 1 answers, for every
  // built-in model on small and large GPUs, short and full contexts, both memory methods.
  @Test(arguments: ["h100", "l4", "a100-40gb", "t4"])
  func minimumSearchSkipsOnlyCountsThatCannotFit(gpuID: String) {
    for spec in ModelCatalog.builtin.models {
      for method in [MemoryMethod.detailed, .ruleOfThumb] {
        let deployment = Deployment(model: spec, gpu: gpu(gpuID), method: method)
        for workload in [
          Workload(context: 4096, sequences: 8), Workload(context: spec.maxContext),
        ] {
          let found = Planner.minimum(deployment, workload, limit: 64)
          let scanned = (1...64).lazy.map {
            Planner.option(deployment, workload, gpus: $0)
          }.first(where: \.fits)
          #expect(found?.gpus == scanned?.gpus, "\(spec.id) on \(gpuID), \(method)")
        }
      }
    }
  }

  // More GPUs never turn "fits" into "does not fit" beyond the minimum (checked to 2 × minimum).
  @Test(arguments: ["llama3-70b", "llama-2-13b", "mixtral-8x22b", "qwen2.5-72b"])
  func moreGPUsKeepFitting(id: String) {
    for g in ["h100", "a100-40gb", "l40s"] {
      let deployment = Deployment(model: model(id), gpu: gpu(g))
      let workload = Workload(context: 4096)
      guard let minimum = Planner.minimum(deployment, workload, limit: 1024) else { continue }
      for count in minimum.gpus...(2 * minimum.gpus) {
        let option = Planner.option(deployment, workload, gpus: count)
        if option.placement != nil { #expect(option.fits, "\(id) on \(count) × \(g)") }
      }
    }
  }

  @Test func remedyContextIsLargestThatFits() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let plan = Planner.fit(FitRequest(deployment: deployment, gpus: 2))
    guard
      case .context(let context)? = plan.remedies.first(where: {
        if case .context = $0 { true } else { false }
      })
    else {
      Issue.record("no context remedy")
      return
    }
    #expect(Planner.option(deployment, Workload(context: context), gpus: 2).fits)
    #expect(!Planner.option(deployment, Workload(context: context + 16), gpus: 2).fits)
  }

  // Too small a --max-gpus still says how many would do.
  @Test func remedyBeyondMaxGPUs() {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let plan = Planner.fit(FitRequest(deployment: deployment, maxGPUs: 2))
    #expect(plan.minimum == nil)
    #expect(plan.remedies.first == .moreGPUs(3, Layout(tp: 1, pp: 3)))
  }

  @Test func nothingFitsWithinLimit() {
    let deployment = Deployment(model: model("llama-3.1-405b"), gpu: gpu("t4"))
    let plan = Planner.fit(FitRequest(deployment: deployment, context: 131072, maxGPUs: 4))
    #expect(plan.minimum == nil)
    #expect(plan.verdict == .impossible([.nothingFits(limit: 4)], remedies: plan.remedies))
  }

  // llama.cpp's -ngl: Qwen3-30B-A3B at Q4_K_M for 4 × 40,960 tokens does not fit one RTX 4090
  // (32.96 GiB needed), so the last layers go to the GPU and the rest stay in host RAM. KV per
  // layer and token: 2 × 4 KV heads × 128 × 2 B = 2,048 B; 34 layers × 4 × 40,960 × 2,048 =
  // 11,408,506,880 B on the GPU, the other 14 layers' 4,697,620,480 B in host RAM. A 35th
  // layer would add about 0.38 GB of weights and 0.34 GB of KV to a GPU with 0.47 GB left.
  @Test func llamaCppPartialOffload() {
    let deployment = Deployment(
      model: model("qwen3-30b-a3b"), gpu: gpu("rtx4090"), precision: Precision.named("q4_k_m"),
      engine: ServingEngine(.llamacpp))
    let plan = Planner.fit(
      FitRequest(deployment: deployment, sequences: 4, gpus: 1, emit: true))
    #expect(!plan.verdict.fits)
    let offload = plan.offload!
    #expect(offload.gpuLayers == 34)
    #expect(offload.memory.kvCache.bytes == Bytes(11_408_506_880))
    #expect(offload.hostKV == Bytes(4_697_620_480))
    #expect(offload.memory.fits)
    #expect(
      offload.hostWeights + offload.memory.weights.bytes
        == WeightMemory.total(deployment.model, format: deployment.weights))
    #expect(plan.launch?.arguments.contains(.option("-ngl", .integer(34))) == true)
    // Other engines have no partial offload.
    let vllm = Deployment(model: model("qwen3-30b-a3b"), gpu: gpu("rtx4090"))
    #expect(Planner.fit(FitRequest(deployment: vllm, gpus: 1)).offload == nil)
  }

  // The fewest GPUs that hold Llama-3-70B (3 × H100 as TP1 × PP3) leave little KV cache; up to
  // one server, the suggestion is the count and layout with the most tokens/s per GPU at a
  // full KV cache, taken only for at least 10 % more. It is that count's top-ranked layout.
  @Test func suggestedDeployment() throws {
    let deployment = Deployment(model: model("llama3-70b"), gpu: gpu("h100"))
    let plan = Planner.fit(FitRequest(deployment: deployment, context: 8192))
    let suggestion = try #require(plan.suggestion)
    #expect(suggestion.minimum.gpus == 3)
    #expect(suggestion.suggested.gpus > 3)
    #expect(
      suggestion.suggested.tokensPerSecondPerGPU >= suggestion.minimum.tokensPerSecondPerGPU * 1.1)
    let search = LayoutSearch(
      LayoutQuery(deployment: deployment, context: 8192, gpus: suggestion.suggested.gpus))
    #expect(search.recommended?.layout == suggestion.suggested.layout)
    #expect(suggestion.fp8?.precision == .fp8)
    // A count asked for is answered as asked.
    #expect(
      Planner.fit(FitRequest(deployment: deployment, context: 8192, gpus: 4)).suggestion == nil)
  }
}
