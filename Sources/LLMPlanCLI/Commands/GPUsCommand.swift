import LLMPlanKit

/// `llmplan gpus [GPU]`: the catalog, dense and 2:4-sparse compute side by side.
enum GPUsCommand: Command {
  static let spec = CommandSpec(
    name: "gpus", positional: .gpu,
    summary: "The GPU catalog: memory, bandwidth, dense and sparse compute, links, power, price.",
    options: [DeploymentOptions.gpuCatalog],
    examples: ["llmplan gpus", "llmplan gpus h100", "llmplan gpus --format csv"],
    details: """
      FP16 dense is what the planner computes with; the 2:4-sparse figure beside it is the
      vendors' headline. Usable GiB is what CUDA reports as total. Prices are indicative
      on-demand USD per GPU-hour: the midpoint of public 2026 price ranges (README, "GPU
      sources").
      """)

  struct Options {
    /// The GPU named, or `nil` for the whole catalog.
    let gpu: GPUSpec?
    /// The built-in catalog, with `--gpu-catalog`'s GPUs.
    let catalog: GPUCatalog
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let catalog = input.context.gpus
    guard input.hasPositional else { return Options(gpu: nil, catalog: catalog) }
    return input.positional(.gpu).map { Options(gpu: $0, catalog: catalog) }
  }

  static func run(_ options: Options, style: OutputStyle) -> Outcome {
    let gpus = options.gpu.map { [$0] } ?? options.catalog.gpus
    return Outcome(GPUCatalogReport(gpus: gpus, single: options.gpu), style: style, verdict: .fits)
  }
}
