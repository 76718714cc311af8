import LLMPlanKit

/// `llmplan perf MODEL --gpu GPU`: time to first token, time per output token, throughput and
/// cost of one layout at given batch sizes or at the most the KV cache holds.
enum PerfCommand {
  static let spec = CommandSpec(
    name: "perf", positional: "MODEL", positionalOptional: false,
    summary: "TTFT, time per output token, tokens/s and $ per million tokens of one layout.",
    options: [
      CommonOptions.gpu,
      OptionSpec(
        name: "tp", value: "N", help: "tensor-parallel GPUs (default: the fewest that fit)"),
      OptionSpec(name: "pp", value: "N", help: "pipeline stages (default 1)"),
      OptionSpec(name: "dp", value: "N", help: "data-parallel replicas (default 1)"),
      OptionSpec(
        name: "batch", value: "LIST", help: "sequences per replica, e.g. 1,8,32,128 (default 1)",
        aliases: ["concurrency"]),
      OptionSpec(
        name: "max-throughput", value: nil,
        help: "add the largest batch the KV cache holds (engine cap included)"),
    ] + PerfOptions.specs + [
      CommonOptions.precision, CommonOptions.kvPrecision,
      LayoutOptions.gpusPerNode, LayoutOptions.price,
    ] + EngineOptions.specs + [
      CommonOptions.format, CommonOptions.color, CommonOptions.help,
    ],
    examples: [
      "llmplan perf llama3-70b --gpu h100 --tp 4 --input-tokens 2048 --output-tokens 256",
      "llmplan perf llama3-70b --gpu h100 --tp 4 --batch 1,8,32,128",
      "llmplan perf llama-3.1-8b --gpu l40s --precision fp8 --max-throughput --input-tokens 128 --output-tokens 2048",
      "llmplan perf mixtral-8x7b --gpu h200 --tp 2 --efficiency ideal --format json",
    ],
    details: """
      A batch of B requests arrives together: TTFT is their prompts' prefill (compute-bound:
      2 · active parameters per token plus causal attention), TPOT one decode step for B
      sequences at input + output/2 tokens of context (bandwidth-bound: the weight shard plus
      every sequence's KV), request latency TTFT + (output − 1) · TPOT, and a replica
      delivers B · output / request latency tokens/s. Each pass costs max(compute, memory)
      per layer at the calibrated efficiencies, plus TP all-reduces and PP sends on the
      catalog's links. Low–high ranges come from the calibration's spread. --context N sets
      input = N − output. Exit 1 when a batch does not fit in memory.
      """)

  static let maxBatch = FitCommand.maxBatch

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    let model = reader.model(invocation.positionals[0])
    let gpu = reader.gpu(invocation.values["gpu"])
    if invocation.values["gpu"] == nil {
      reader.errors.append("perf needs --gpu GPU (for example --gpu h100; see 'llmplan gpus')")
    }
    let topology = LayoutOptions.topology(invocation, gpu: gpu, into: &reader)
    let precision = reader.precision(invocation.values["precision"], option: "precision")
    let kvPrecision = reader.precision(
      invocation.values["kv-precision"], option: "kv-precision", kvCache: true)
    let tokens = PerfOptions.tokens(invocation, into: &reader)
    let tp = reader.integer(invocation.values["tp"], option: "tp", range: 1...FitCommand.maxGPUs)
    let pp = reader.integer(invocation.values["pp"], option: "pp", range: 1...FitCommand.maxGPUs)
    let dp = reader.integer(invocation.values["dp"], option: "dp", range: 1...FitCommand.maxGPUs)
    let batches = reader.list(invocation.values["batch"], option: "batch", range: 1...maxBatch)
    let setting = PerfOptions.efficiency(invocation, into: &reader)
    let price = LayoutOptions.price(invocation, into: &reader)
    let engine = EngineOptions.read(invocation, into: &reader)
    guard reader.errors.isEmpty, let model, let gpu, let topology, let tokens else {
      return LLMPlan.usage(reader.errors)
    }
    var request = PlanRequest(
      model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision,
      context: tokens.input + tokens.output, engine: engine)
    request.batch = 1
    let replica: Layout
    if tp != nil || pp != nil {
      replica = Layout(tp: tp ?? 1, pp: pp ?? 1)
    } else if let minimum = Planner.minimum(
      request, limit: Planner.defaultSearchLimit, topology: topology)?.placement
    {
      replica = minimum.layout
    } else {
      return Outcome(
        stdout:
          "\(model.name) does not fit on any layout of up to \(Format.integer(Planner.defaultSearchLimit)) × \(gpu.id) at \(Format.integer(request.context)) tokens; give --tp to see one anyway.\n",
        code: .doesNotFit)
    }
    let layout = Layout(tp: replica.tp, pp: replica.pp, dp: dp ?? 1)
    if let reason = layout.rejection(model: model, topology: topology) {
      return LLMPlan.usage(["\(layout): \(reason)"])
    }
    let query = ServingQuery(
      request: request, layout: layout, inputTokens: tokens.input, outputTokens: tokens.output,
      topology: topology, efficiency: setting.choice(gpu: gpu, precision: request.precision),
      pricePerHour: price)
    var sizes = batches ?? (invocation.has("max-throughput") ? [] : [1])
    var maxBatch: Int?
    if invocation.has("max-throughput") {
      maxBatch = query.maxBatch
      if let maxBatch { sizes.append(maxBatch) }
    }
    let estimates = sizes.map(query.estimate(batch:))
    let report = PerfReport(
      query: query, estimates: estimates, maxBatch: maxBatch,
      askedMax: invocation.has("max-throughput"))
    let text: String
    switch style.format {
    case .table: text = report.table(paint: Paint(enabled: style.color))
    case .json: text = report.json().rendered()
    case .csv: text = report.csv()
    }
    let fits = !estimates.isEmpty && estimates.allSatisfy(\.fits)
    return Outcome(stdout: text, code: fits ? .success : .doesNotFit)
  }
}
