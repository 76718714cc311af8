import LLMPlanKit

/// `llmplan fit MODEL --gpu GPU`: the minimum GPU count, its layout and per-GPU memory.
enum FitCommand {
  static let spec = CommandSpec(
    name: "fit", positional: "MODEL", positionalOptional: false,
    summary: "Minimum GPUs that hold a model, with the layout and per-GPU memory.",
    options: [
      CommonOptions.gpu,
      CommonOptions.precision, CommonOptions.kvPrecision,
      CommonOptions.context,
      OptionSpec(
        name: "batch", value: "N", help: "sequences held at once (default 1)",
        aliases: ["concurrency"]),
      OptionSpec(
        name: "gpus", value: "N", help: "check this exact GPU count (exit 1 if it does not fit)"),
      OptionSpec(name: "max-gpus", value: "N", help: "search at most N GPUs (exit 1 if none fits)"),
      OptionSpec(name: "method", value: "M", help: "detailed (default) or rule-of-thumb"),
      LayoutOptions.gpusPerNode, LayoutOptions.emit,
    ] + EngineOptions.specs + [
      CommonOptions.format, CommonOptions.color, CommonOptions.help,
    ],
    examples: [
      "llmplan fit llama3-70b --gpu h100",
      "llmplan fit llama3-70b --gpu h100 --gpus 2",
      "llmplan fit llama-2-13b --gpu l4 --precision int4 --format json",
      "llmplan fit llama-3.1-8b --gpu a10g --context 8k --batch 16 --method rule-of-thumb",
      "llmplan fit llama3-70b --gpu h100 --emit vllm",
    ],
    details: """
      detailed: weights (exact parameters × bits) + KV cache (context × batch, in the engine's
      blocks) + activation peak + runtime overhead per GPU, against the engine's budget (vLLM
      by default: 0.90 × the memory CUDA reports). --concurrency is accepted for --batch. rule-of-thumb: the seed's M = P · 4 B / (32 / Q) · 1.2 against the
      marketed capacity. TP divides the attention heads and stays inside one NVLink domain or
      server; pipeline stages take the rest, balanced. The recommended layout is the best of
      every TP × PP × DP × EP layout of that count by throughput per GPU ('llmplan layouts'
      ranks them all); --emit prints the engine command that starts it.
      """)

  static let maxContext = 16_777_216
  static let maxBatch = 1_000_000
  static let maxGPUs = 65_536

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    let model = reader.model(invocation.positionals[0])
    let gpu = reader.gpu(invocation.values["gpu"])
    if invocation.values["gpu"] == nil {
      reader.errors.append("fit needs --gpu GPU (for example --gpu h100; see 'llmplan gpus')")
    }
    let precision = reader.precision(invocation.values["precision"], option: "precision")
    let kvPrecision = reader.precision(
      invocation.values["kv-precision"], option: "kv-precision", kvCache: true)
    var context = reader.integer(
      invocation.values["context"], option: "context", range: 1...maxContext, allowK: true,
      limitReason: " tokens, beyond any model's context")
    let batch = reader.integer(invocation.values["batch"], option: "batch", range: 1...maxBatch)
    let gpus = reader.integer(invocation.values["gpus"], option: "gpus", range: 1...maxGPUs)
    let maxGPUs = reader.integer(
      invocation.values["max-gpus"], option: "max-gpus", range: 1...maxGPUs)
    let method = reader.choice(
      invocation.values["method"], option: "method", among: MemoryMethod.allCases.map(\.rawValue))
    let engine = EngineOptions.read(invocation, into: &reader)
    let topology = LayoutOptions.topology(invocation, gpu: gpu, into: &reader)
    let emit = LayoutOptions.emit(invocation, into: &reader)
    if let model, let value = context,
      !reader.withinContext(
        value, of: model, option: "context", shown: "'\(invocation.values["context"]!)'")
    {
      context = nil
    }
    if let gpus, let maxGPUs, gpus > maxGPUs {
      reader.errors.append("--gpus \(gpus) is more than --max-gpus \(maxGPUs)")
    }
    guard reader.errors.isEmpty, let model, let gpu else { return LLMPlan.usage(reader.errors) }
    let request = PlanRequest(
      model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision, context: context,
      batch: batch ?? 1, method: method.flatMap(MemoryMethod.init(rawValue:)) ?? .detailed,
      engine: engine)
    if emit != nil, request.method != .detailed {
      return LLMPlan.usage(["--emit needs the detailed method (drop --method rule-of-thumb)"])
    }
    let plan = Planner.fit(request, gpus: gpus, maxGPUs: maxGPUs, topology: topology)
    let text: String
    switch style.format {
    case .table: text = FitReport.table(plan, emit: emit, paint: Paint(enabled: style.color))
    case .json: text = FitReport.json(plan, emit: emit).rendered()
    case .csv: text = FitReport.csv(plan)
    }
    return Outcome(stdout: text, code: plan.fits ? .success : .doesNotFit)
  }
}
