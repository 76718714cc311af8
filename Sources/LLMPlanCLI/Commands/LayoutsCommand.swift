import LLMPlanKit

/// `llmplan layouts MODEL --gpu GPU --gpus N`: every TP × PP × DP × EP layout of N GPUs, ranked.
enum LayoutsCommand: Command {
  static let gpu = Option<GPUSpec>.gpu.required()
  static let gpus = Option<Int>.gpus.noted("lay out this many").defaulting("the fewest that fit")
  static let context = Option<Int>.context.defaulting("the model's maximum")
  static let concurrency = Option<Int>.concurrency.defaulting(
    "what each KV cache holds, up to the engine's cap")
  static let optimize = Option<LayoutObjective>(
    "optimize", .choice(LayoutObjective.allCases, placeholder: "GOAL"),
    "rank by throughput per GPU, latency, cost or memory"
  ).defaulting(to: .throughput)
  static let price = Option<Double>.price
  static let emit = Option<EngineChoice>.emit

  static let spec = CommandSpec(
    name: "layouts", positional: .model,
    summary: "Every TP × PP × DP × EP layout of N GPUs, ranked, with why the rest are rejected.",
    options: [
      gpu, gpus, DeploymentOptions.gpusPerNode, DeploymentOptions.gpuCatalog,
      DeploymentOptions.precision,
      DeploymentOptions.kvPrecision, context, concurrency, optimize, price, emit,
      DeploymentOptions.engineAfterEmit,
    ] + DeploymentOptions.engineSettings,
    examples: [
      "llmplan layouts llama3-70b --gpu h100 --gpus 8",
      "llmplan layouts mixtral-8x7b --gpu a100 --gpus 8 --context 32768 --concurrency 32",
      "llmplan layouts llama-3.1-405b --gpu h100 --gpus 16 --gpus-per-node 8",
      "llmplan layouts llama3-70b --gpu l40s --gpus 8 --optimize latency --emit vllm",
    ],
    details: """
      GPUs = tp · pp · dp · ep. TP divides the attention heads (KV heads divide TP or are
      replicated) and stays inside one server or NVLink domain; PP is at most the layers; EP
      (MoE only) runs attention data-parallel in ep groups that share experts spread over
      tp · ep GPUs, which must divide the experts; DP replicas each hold a full copy. Stages
      are balanced: the slowest stage is made as fast as possible under per-GPU memory.

      Speeds are one decode step, max(FLOPs / peak, bytes / bandwidth) per layer at the GPU's
      calibrated efficiencies (as 'perf'), plus TP all-reduces, EP all-to-alls and PP sends
      on the catalog's links; the Amdahl serial fraction is derived from that step against one
      ideal GPU. Exit 1 when no layout fits.
      """, insteadOf: ["batch": "concurrency", "max-model-len": "context"])

  struct Options {
    let request: LayoutsRequest
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let emit = input[Self.emit]
    let (model, deployment) = DeploymentOptions.deployment(&input, gpu: Self.gpu, emit: emit)
    let context = input.tokens(Self.context, within: model)
    let gpus = input[Self.gpus]
    let concurrency = input[Self.concurrency]
    let objective = input[Self.optimize] ?? .throughput
    let price = input[Self.price]
    guard let deployment else { return nil }
    return Options(
      request: LayoutsRequest(
        deployment: deployment, context: context, gpus: gpus,
        concurrency: concurrency, objective: objective, pricePerHour: price, emit: emit != nil))
  }

  static func run(_ options: Options, style: OutputStyle) -> Outcome {
    let plan = Planner.layouts(options.request)
    return Outcome(LayoutsReport(plan: plan), style: style, verdict: plan.verdict)
  }
}
