import LLMPlanKit

/// `llmplan scale`: speedup and efficiency against GPU count, by Amdahl's law or from a model.
enum ScaleCommand: Command {
  static let parallelFraction = Option<Double>(
    "parallel-fraction",
    .number(
      placeholder: "P", range: "0 to 1", problem: "is not a fraction from 0 to 1 (for example 0.95)"
    ) { $0 >= 0 && $0 <= 1 }, "plain Amdahl's law with this parallel fraction, 0 to 1 (no MODEL)"
  ).defaulting("none: derived from a MODEL")
  static let gpu = Option<GPUSpec>.gpu.noted("required with a MODEL").defaulting("none")
  static let gpus = Option<[Int]>.gpusList.noted("the counts to evaluate").defaulting(
    to: ScaleRequest.defaultGPUCounts)
  static let context = Option<Int>.context.defaulting("the model's maximum")
  static let concurrency = Option<Int>.concurrency.noted("the sequences of the step sped up")
    .defaulting(to: 1)

  static let spec = CommandSpec(
    name: "scale", positional: .model.optional,
    summary: "Speedup and efficiency against GPU count: Amdahl's law, or derived from a model.",
    options: [
      parallelFraction, gpu, gpus, DeploymentOptions.gpusPerNode, DeploymentOptions.gpuCatalog,
      DeploymentOptions.precision,
      DeploymentOptions.kvPrecision, context, concurrency,
    ] + DeploymentOptions.engineOptions + [CommonOptions.ascii],
    examples: [
      "llmplan scale --parallel-fraction 0.95 --gpus 1,2,4,8,16,32",
      "llmplan scale llama3-70b --gpu l40s --gpus 1,2,4,8",
      "llmplan scale llama3-70b --gpu h100 --gpus 1,2,4,8,16 --concurrency 64 --context 4k",
    ],
    details: """
      Amdahl: S(N) = 1 / ((1 − p) + p / N); efficiency S(N) / N. With a MODEL, each count
      takes its fastest layout that fits (the fastest valid one, marked, when none fits) and
      S(N) is one ideal GPU's decode step for the same sequences divided by that layout's
      step: communication (TP all-reduces on NVLink or PCIe, PP sends, EP all-to-alls),
      pipeline bubbles and replicated KV heads are what keep it below N. The serial fraction
      1 − p is derived from each point, and fitted over all of them by least squares.
      """, insteadOf: ["batch": "concurrency", "max-model-len": "context"])

  struct Options {
    let request: ScaleRequest
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let counts = input[Self.gpus]
    if input.has(Self.parallelFraction) {
      let fraction = input[Self.parallelFraction]
      if let model = input.positionalText {
        input.problem(
          "--parallel-fraction is plain Amdahl's law; drop it to derive the curve for '\(model)', or drop the model"
        )
      }
      let modelOnly: [any DeclaredOption] =
        [
          gpu, context, concurrency, DeploymentOptions.gpuCatalog, DeploymentOptions.precision,
          DeploymentOptions.kvPrecision,
          DeploymentOptions.gpusPerNode,
        ] + DeploymentOptions.engineOptions
      for option in modelOnly.map(\.info) where input.has(named: option.name) {
        input.problem("--\(option.name) needs a MODEL; --parallel-fraction takes none")
      }
      guard let fraction, let counts else { return nil }
      return Options(request: .amdahl(parallelFraction: fraction, gpus: counts))
    }
    guard input.hasPositional else {
      input.problem(
        "scale needs a MODEL with --gpu, or --parallel-fraction P (for example 'llmplan scale --parallel-fraction 0.95')"
      )
      return nil
    }
    if !input.has(Self.gpu) { input.problem(Self.gpu.info.missing(in: "scale")) }
    let (model, deployment) = DeploymentOptions.deployment(&input, gpu: Self.gpu)
    let context = input.tokens(Self.context, within: model)
    let concurrency = input[Self.concurrency]
    guard let deployment, let counts, let concurrency else { return nil }
    return Options(
      request: .derived(deployment, context: context, concurrency: concurrency, gpus: counts))
  }

  static func run(_ options: Options, style: OutputStyle) -> Outcome {
    let plan = Planner.scale(options.request)
    return Outcome(ScaleReport(plan: plan), style: style, verdict: plan.verdict)
  }
}
