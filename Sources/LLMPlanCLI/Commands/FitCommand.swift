import LLMPlanKit

/// `llmplan fit MODEL --gpu GPU`: the minimum GPU count, its layout and per-GPU memory.
enum FitCommand: Command {
  static let gpu = Option<GPUSpec>.gpu.required()
  static let context = Option<Int>.context.defaulting("the model's maximum")
  static let batch = Option<Int>.batch.defaulting(to: 1)
  static let concurrency = Option<Int>.concurrency.noted(
    "fit plans one replica, so this is --batch by another name"
  ).defaulting("--batch")
  static let gpus = Option<Int>.gpus.noted("check exactly this many, exit 1 if they fall short")
    .defaulting("the fewest that fit")
  static let maxGPUs = Option<Int>(
    "max-gpus", .integer(1...Limits.gpus), "largest GPU count searched"
  ).noted("exit 1 if none fits").defaulting(
    "\(Format.integer(FitRequest.defaultSearchLimit)), or --gpus if larger")
  static let method = Option<MemoryMethod>(
    "method", .choice(MemoryMethod.allCases, placeholder: "M"),
    "memory method: detailed or rule-of-thumb"
  ).defaulting(to: .detailed)
  static let emit = Option<EngineChoice>.emit
  static let requests = ServeCommand.requests.defaulting(to: 500)
  static let roundTo = Option<RoundTo>(
    "round-to", .choice(RoundTo.allCases, placeholder: "UNIT"),
    "rent GPUs as: gpu (any count), node (whole nodes: 8 for HGX, 72 for NVL72) or instance (1/2/4/8-GPU cloud shapes for L4, L40S, A10G, A10, T4)"
  ).defaulting(to: .gpu)
  static let replicasHeadroom = Option<Int>(
    "replicas-headroom", .integer(0...64), "spare replicas to rent (N+1 redundancy: 1)"
  ).defaulting(to: 0)

  static let spec = CommandSpec(
    name: "fit", positional: .model,
    summary: "Minimum GPUs that hold a model, with the layout and per-GPU memory.",
    options: [
      gpu, DeploymentOptions.gpuCatalog, DeploymentOptions.precision, DeploymentOptions.kvPrecision,
      context, batch,
      concurrency, gpus, maxGPUs, method, DeploymentOptions.gpusPerNode, emit,
      DeploymentOptions.engineAfterEmit,
    ] + DeploymentOptions.engineSettings + [
      roundTo, replicasHeadroom, ServeCommand.rate, requests, ServeCommand.seed,
      RequestShapeOptions.input, RequestShapeOptions.output,
    ] + TargetOptions.all + RequirementOptions.all,
    examples: [
      "llmplan fit llama3-70b --gpu h100",
      "llmplan fit llama3-70b --gpu h100 --gpus 2",
      "llmplan fit llama-2-13b --gpu l4 --precision int4 --format json",
      "llmplan fit llama-3.1-8b --gpu a10g --context 8k --batch 16 --method rule-of-thumb",
      "llmplan fit llama3-70b --gpu h100 --emit vllm",
      "llmplan fit llama3-70b --gpu h100 --emit sglang@0.5",
      "llmplan fit qwen3-30b-a3b --gpu rtx4090 --precision q4_k_m --emit llamacpp",
      "llmplan fit llama3-70b --gpu h100 --rate 20 --isl 2000 --osl 300 --ttft-p99 2s --tpot-p99 50ms",
      "llmplan fit llama3-70b --gpu h100 --min-headroom 10% --concurrency 32 --max-tpot-ms 40",
    ],
    details: """
      detailed: weights (exact parameters × bits) + KV cache (context × batch, in the engine's
      blocks) + activation peak + runtime overhead per GPU, against the engine's budget (vLLM
      by default: 0.90 × the memory CUDA reports). rule-of-thumb: M = P · 4 B / (32 / Q) · 1.2
      against the marketed capacity.

      TP divides the attention heads and stays inside one NVLink domain or server; pipeline
      stages take the rest, balanced. The recommended layout is the best of every TP × PP × DP
      × EP layout of that count by throughput per GPU ('llmplan layouts' ranks them all);
      --emit prints the commands that start it on that engine release, with only the settings
      that differ from the release's defaults. With llama.cpp, a count too small for the whole
      model gets the -ngl partial offload that fits, and what stays in host RAM.

      With --rate and latency targets (--ttft-p99 2s, --tpot-p99 50ms, …), fit also sizes for
      the traffic: every replica layout that holds a request, with the fewest replicas (up to
      --max-gpus, default 64) that meet every target in 'llmplan serve's simulation; the
      fewest GPUs win. Exit 1 when none does, with the closest and by how much it misses.

      Requirements (--min-headroom, --min-concurrency, --max-ttft-ms, --max-tpot-ms,
      --min-tokens-per-second, --max-cost-per-million-tokens) are checked on the recommended
      layout at the plan's batch (TTFT: one prompt of --input-tokens, default 2,048, alone);
      each is printed with its margin, and any that fails makes the exit code 1, for CI.
      """, insteadOf: ["max-model-len": "context"])

  struct Options {
    var request: FitRequest
    let sizing: TrafficSizingRequest?
    let requirements: [Requirement]
    /// Prompt tokens of the TTFT requirement.
    let promptTokens: Int
    /// How the answer is rented: `--round-to`, `--replicas-headroom`; `nil`: not asked.
    let procurement: (roundTo: RoundTo, spares: Int)?
    /// `--emit k8s`: print the plan's Kubernetes manifest instead of the report.
    var kubernetes = false
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let method = input[Self.method] ?? .detailed
    let kubernetes = ["k8s", "kubernetes"].contains(input.text(Self.emit)?.lowercased() ?? "")
    let emit = kubernetes ? nil : input[Self.emit]
    let (model, deployment) = DeploymentOptions.deployment(
      &input, gpu: Self.gpu, method: method, emit: emit)
    let context = input.tokens(Self.context, within: model)
    let batch = input[Self.batch]
    let concurrency = input[Self.concurrency]
    let gpus = input[Self.gpus]
    let maxGPUs = input[Self.maxGPUs]
    if let gpus, let maxGPUs, gpus > maxGPUs {
      input.problem("--gpus \(gpus) is more than --max-gpus \(maxGPUs)")
    }
    if let batch, let concurrency, input.has(Self.batch), batch != concurrency {
      input.problem(
        "--batch \(batch) and --concurrency \(concurrency) differ; fit plans one replica, where they are the same: give one"
      )
    }
    if emit != nil || kubernetes, method != .detailed {
      input.problem("--emit needs the detailed method (drop --method rule-of-thumb)")
    }
    let targets = TargetOptions.read(&input)
    let rate = input[ServeCommand.rate]
    let requests = input[Self.requests] ?? 500
    let seed = input[ServeCommand.seed] ?? 0
    let inputTokens = input[RequestShapeOptions.input]
    let outputTokens = input[RequestShapeOptions.output]
    var sizing: TrafficSizingRequest?
    if input.has(ServeCommand.rate) {
      if method != .detailed {
        input.problem("--rate needs the detailed method (drop --method rule-of-thumb)")
      }
      if targets?.isEmpty == true {
        input.problem(
          "--rate sizes for latency targets: add one or more of --ttft-p99, --tpot-p99, --e2e-p99 (e.g. --ttft-p99 2s)"
        )
      }
      if let deployment, let targets, !targets.isEmpty, let rate, let inputTokens, let outputTokens
      {
        let shape = RequestShape(input: inputTokens, output: outputTokens)
        do throws(PlanError) {
          try TrafficSizingRequest.check(
            shape: shape, requests: requests, model: deployment.model)
        } catch {
          input.problem(error.message)
        }
        sizing = TrafficSizingRequest(
          deployment: deployment, shape: shape,
          rate: rate, requests: requests, seed: UInt64(seed), targets: targets,
          maxGPUs: maxGPUs ?? TrafficSizingRequest.defaultMaxGPUs)
      }
    } else if let targets, !targets.isEmpty {
      input.problem("latency targets need the traffic: add --rate R (requests/s)")
    } else {
      let ttft = input.has(named: Requirement.Metric.ttftMs.option)
      for option in ["requests", "seed", "input-tokens", "output-tokens"]
      where input.has(named: option) && !(ttft && option == "input-tokens") {
        input.problem("--\(option) shapes the traffic of --rate; add --rate R with a target")
      }
    }
    let requirements = RequirementOptions.read(&input)
    if requirements?.isEmpty == false, method != .detailed {
      input.problem("requirements need the detailed method (drop --method rule-of-thumb)")
    }
    guard let deployment, let requirements else { return nil }
    return Options(
      request: FitRequest(
        deployment: deployment, context: context,
        sequences: concurrency ?? batch ?? 1, gpus: gpus, maxGPUs: maxGPUs,
        emit: emit != nil || kubernetes),
      sizing: sizing, requirements: requirements,
      promptTokens: inputTokens ?? RequestShape.standard.input,
      procurement: input.has(Self.roundTo) || input.has(Self.replicasHeadroom)
        ? (input[Self.roundTo] ?? .gpu, input[Self.replicasHeadroom] ?? 0) : nil,
      kubernetes: kubernetes)
  }

  static func run(_ options: Options, style: OutputStyle) -> Outcome {
    let answer = answer(options)
    guard options.kubernetes else {
      return Outcome(answer.report, style: style, verdict: answer.verdict)
    }
    let plan = answer.report.plan
    guard let launch = plan.launch, let layout = plan.recommended?.layout else {
      return Outcome(
        stderr:
          "llmplan: \(plan.deployment.model.id) does not fit on \(plan.deployment.gpu.id) as asked, so there is no manifest (run without --emit k8s to see why)\n",
        code: .doesNotFit)
    }
    if let reason = KubernetesManifest.unsupported(
      launch, layout: layout, gpusPerNode: plan.deployment.topology.gpusPerNode)
    {
      return LLMPlan.usage(["--emit k8s: \(reason)"])
    }
    let objects = KubernetesManifest.objects(launch, plan: plan, layout: layout)
    return Outcome(
      stdout: style.format == .json
        ? JSON.array(objects).rendered() : KubernetesManifest.yaml(objects),
      code: answer.verdict.exitCode)
  }

  /// The plan, its traffic sizing and requirements, and the verdict they give together.
  static func answer(_ options: Options) -> (report: FitReport, verdict: Verdict) {
    let plan = Planner.fit(options.request)
    let sizing = options.sizing.map(Planner.sizeTraffic)
    var verdict = plan.verdict.fits ? sizing?.verdict ?? plan.verdict : plan.verdict
    var check: RequirementCheck?
    if !options.requirements.isEmpty {
      let requirements = RequirementCheck(
        options.requirements,
        figures: plan.figures(
          promptTokens: options.promptTokens, metrics: options.requirements.map(\.metric)))
      check = requirements
      verdict = requirements.verdict(over: verdict)
    }
    let gpus = plan.recommended?.layout.gpus ?? plan.headline?.gpus
    let procurement = options.procurement.flatMap { asked in
      gpus.map {
        Procurement(
          gpu: plan.deployment.gpu, replicaGPUs: $0, spareReplicas: asked.spares,
          roundTo: asked.roundTo, pricePerGPUHour: plan.deployment.gpu.pricePerHour)
      }
    }
    return (
      FitReport(
        plan: plan, sizing: sizing, requirements: check, verdict: verdict,
        procurement: procurement), verdict
    )
  }
}
