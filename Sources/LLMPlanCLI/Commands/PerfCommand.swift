import LLMPlanKit

/// `llmplan perf MODEL --gpu GPU`: time to first token, time per output token, throughput and
/// cost of one layout at given batch sizes or at the most the KV cache holds.
enum PerfCommand: Command {
  static let gpu = Option<GPUSpec>.gpu.required()
  static let tp = Option<Int>.tp.defaulting("1 with --pp, else the fewest GPUs that fit, TP first")
  static let pp = Option<Int>.pp.defaulting("1 with --tp, else the fewest GPUs that fit")
  static let dp = Option<Int>("dp", .integer(1...Limits.gpus), "data-parallel replicas")
    .defaulting(to: 1)
  static let batch = Option<[Int]>.batchList.noted("e.g. 1,8,32,128").defaulting(
    "1, or none with --max-throughput")
  static let maxThroughput = Option<Bool>(
    "max-throughput", .flag, "add the largest batch the KV cache holds (engine cap included)")
  static let efficiency = Option<EfficiencySetting>.efficiency
  static let price = Option<Double>.price

  static let spec = CommandSpec(
    name: "perf", positional: .model,
    summary: "TTFT, time per output token, tokens/s and $ per million tokens of one layout.",
    options: [gpu, tp, pp, dp, batch, maxThroughput] + RequestShapeOptions.all + [
      efficiency, DeploymentOptions.gpuCatalog, DeploymentOptions.precision,
      DeploymentOptions.kvPrecision,
      DeploymentOptions.gpusPerNode, price,
    ] + DeploymentOptions.engineOptions + RequirementOptions.all,
    examples: [
      "llmplan perf llama3-70b --gpu h100 --tp 4 --input-tokens 2048 --output-tokens 256",
      "llmplan perf llama3-70b --gpu h100 --tp 4 --batch 32 --max-tpot-ms 40 --quiet",
      "llmplan perf llama3-70b --gpu h100 --tp 4 --batch 1,8,32,128",
      "llmplan perf llama-3.1-8b --gpu l40s --precision fp8 --max-throughput --isl 128 --osl 2048",
      "llmplan perf mixtral-8x7b --gpu h200 --tp 2 --efficiency ideal --format json",
    ],
    details: """
      A batch of B requests arrives together: TTFT is their prompts' prefill (compute-bound:
      2 · active parameters per token plus causal attention), TPOT one decode step for B
      sequences at input + output/2 tokens of context (bandwidth-bound: the weight shard plus
      every sequence's KV), request latency TTFT + (output − 1) · TPOT, and a replica
      delivers B · output / request latency tokens/s.

      Each pass costs max(compute, memory) per layer at the calibrated efficiencies, plus TP
      all-reduces and PP sends on the catalog's links. Low–high ranges come from the
      calibration's spread. Exit 1 when a batch does not fit in memory, or when a requirement
      (--max-tpot-ms, --min-tokens-per-second, …) fails on the worst row for that figure.
      """, insteadOf: ["concurrency": "batch", "max-model-len": "context"])

  struct Options {
    let request: PerfRequest
    let requirements: [Requirement]
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let deployment = DeploymentOptions.deployment(&input, gpu: Self.gpu).deployment
    let tp = input[Self.tp]
    let pp = input[Self.pp]
    let dp = input[Self.dp]
    let batches = input[Self.batch]
    let maxThroughput = input[Self.maxThroughput]
    let shape = RequestShapeOptions.decode(&input)
    let efficiency = input[Self.efficiency]
    let price = input[Self.price]
    let requirements = RequirementOptions.read(&input)
    guard let deployment, let shape, let dp, let efficiency, let requirements else { return nil }
    return Options(
      request: PerfRequest(
        deployment: deployment, shape: shape, tp: tp, pp: pp, dp: dp,
        batches: batches, maxThroughput: maxThroughput, efficiency: efficiency,
        pricePerHour: price), requirements: requirements)
  }

  static func run(_ options: Options, style: OutputStyle) throws(PlanError) -> Outcome {
    let plan = try Planner.perf(options.request)
    guard !options.requirements.isEmpty else {
      return Outcome(PerfReport(plan: plan), style: style, verdict: plan.verdict)
    }
    let check = RequirementCheck(
      options.requirements, figures: plan.figures,
      basis: "the worst of the rows for each figure; TTFT: a row's prompts prefilled together")
    let verdict = check.verdict(over: plan.verdict)
    return Outcome(
      PerfReport(plan: plan, requirements: check, verdict: verdict), style: style,
      verdict: verdict)
  }
}
