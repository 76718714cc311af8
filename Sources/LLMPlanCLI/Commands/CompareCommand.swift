import LLMPlanKit

/// `llmplan compare MODEL --gpu a,b,c`: one row per GPU (GPUs needed, best layout, latency,
/// throughput, cost), cheapest per token first.
enum CompareCommand: Command {
  static let gpu = Option<[GPUSpec]>.gpuList.noted("one row each, e.g. h100,h200,b200")
    .defaulting("every GPU with a price")
  static let price = Option<[GPUPrice]>("price", GPUPrice.list, Option<Double>.price.meaning)
    .noted("e.g. h100=2.99,b200=6.5").defaulting("the catalog's")
  static let efficiency = Option<EfficiencySetting>.efficiency
  static let maxGPUs = Option<Int>(
    "max-gpus", .integer(1...Limits.gpus), "largest GPU count searched"
  ).noted("with --rate and targets").defaulting(to: 32)

  static let spec = CommandSpec(
    name: "compare", positional: .model,
    summary: "One row per GPU: GPUs needed, best layout, TTFT, TPOT, tokens/s, $/h, $/M tokens.",
    options: [gpu, price] + RequestShapeOptions.all + [
      efficiency, DeploymentOptions.gpuCatalog, DeploymentOptions.precision,
      DeploymentOptions.kvPrecision,
      DeploymentOptions.engine, ServeCommand.rate, FitCommand.requests, ServeCommand.seed,
      maxGPUs,
    ] + TargetOptions.all,
    examples: [
      "llmplan compare llama3-70b --gpu h100,h200,b200,a100,l40s --context 8192 --price h100=2.99",
      "llmplan compare llama-3.1-8b --precision fp8 --isl 128 --osl 2048 --format csv",
      "llmplan compare llama3-70b --gpu h100,b200 --rate 20 --isl 2000 --osl 300 --tpot-p99 50ms",
    ],
    details: """
      For each GPU: from the fewest GPUs that hold the model and one request (as 'fit') up to
      one server, each count's layout with the lowest cost per token (as 'layouts --optimize
      cost', DP and PP included, EP left out), the best of them (a larger count only for 10 %
      more tokens/s per GPU), then 'perf' of that layout: TTFT and TPOT of a lone request, and
      tokens/s, TPOT and cost at the largest batch the KV cache holds.

      Rows are sorted by $ per million output tokens; GPUs without a price, then GPUs that
      cannot hold the model, come last. Exit 1 when no GPU can hold it.

      With --rate and latency targets: per GPU the cheapest configuration that meets them
      ('fit --rate' with replicas of TP and at most 2 pipeline stages, up to --max-gpus),
      priced by the hour and per million output tokens at that rate, cheapest first; exit 1
      when no GPU meets them.
      """, insteadOf: ["max-model-len": "context"])

  struct Options {
    let request: CompareRequest
    var traffic:
      (rate: Double?, requests: Int, seed: UInt64, targets: [LatencyTarget], maxGPUs: Int)?
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let model = input.positional(.model)
    let gpus =
      input.has(Self.gpu) ? input[Self.gpu] : CompareRequest.defaultGPUs(input.context.gpus)
    let prices = input[Self.price] ?? []
    let shape = RequestShapeOptions.decode(&input)
    let efficiency = input[Self.efficiency]
    let setup = DeploymentOptions.setup(&input, model: model)
    var unique: [GPUSpec] = []
    for gpu in gpus ?? [] where !unique.contains(where: { $0.id == gpu.id }) { unique.append(gpu) }
    if gpus != nil,
      let outside = prices.first(where: { price in !unique.contains { $0.id == price.gpu.id } })
    {
      input.problem("--price: \(outside.gpu.id) is not among the GPUs compared (--gpu)")
    }
    let targets = TargetOptions.read(&input)
    let rate = input[ServeCommand.rate]
    let requests = input[FitCommand.requests] ?? 500
    let seed = input[ServeCommand.seed] ?? 0
    let maxGPUs = input[Self.maxGPUs] ?? 32
    if input.has(ServeCommand.rate), targets?.isEmpty == true {
      input.problem(
        "--rate compares the cheapest configuration that meets latency targets: add --ttft-p99, --tpot-p99 or --e2e-p99"
      )
    } else if !input.has(ServeCommand.rate), let targets, !targets.isEmpty {
      input.problem("latency targets need the traffic: add --rate R (requests/s)")
    }
    guard let setup, gpus != nil, let shape, let efficiency, let targets else { return nil }
    var byGPU: [String: Double] = [:]
    for price in prices { byGPU[price.gpu.id] = price.usdPerHour }
    var options = Options(
      request: CompareRequest(
        setup: setup, gpus: unique, prices: byGPU, shape: shape, efficiency: efficiency))
    if input.has(ServeCommand.rate), let rate, !targets.isEmpty {
      do throws(PlanError) {
        try TrafficSizingRequest.check(
          shape: shape, requests: requests, model: setup.model, searches: unique.count)
      } catch {
        input.problem(error.message)
        return nil
      }
      options.traffic = (rate, requests, UInt64(seed), targets, maxGPUs)
    }
    return options
  }

  static func run(_ options: Options, style: OutputStyle) -> Outcome {
    if let traffic = options.traffic {
      let comparison = Planner.compareTraffic(
        options.request, rate: traffic.rate, requests: traffic.requests, seed: traffic.seed,
        targets: traffic.targets, maxGPUs: traffic.maxGPUs)
      return Outcome(
        TrafficCompareReport(comparison: comparison, request: options.request),
        style: style, verdict: comparison.verdict)
    }
    let comparison = Planner.compare(options.request)
    return Outcome(CompareReport(comparison: comparison), style: style, verdict: comparison.verdict)
  }
}
