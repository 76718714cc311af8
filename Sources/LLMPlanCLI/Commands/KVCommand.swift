import LLMPlanKit

/// `llmplan kv MODEL`: KV-cache growth, paging waste and, with `--gpu`, the engine's KV budget.
enum KVCommand {
  static let spec = CommandSpec(
    name: "kv", positional: "MODEL", positionalOptional: false,
    summary: "KV cache growth over context and batch, and an engine's KV budget on a GPU.",
    options: [
      OptionSpec(name: "gpu", value: "GPU[,GPU…]", help: "report the KV budget on these GPUs"),
      OptionSpec(name: "gpus", value: "N", help: "GPUs per replica (default: fewest that start)"),
      OptionSpec(
        name: "tp", value: "N", help: "tensor-parallel size (with --pp; overrides --gpus)"),
      OptionSpec(name: "pp", value: "N", help: "pipeline-parallel size (default 1)"),
      CommonOptions.precision, CommonOptions.kvPrecision,
      OptionSpec(
        name: "max-model-len", value: "TOKENS",
        help: "tokens per request (default: the model's maximum)"),
      OptionSpec(
        name: "context", value: "LIST",
        help: "context lengths for the growth table (default 1k … max-model-len)"),
      OptionSpec(
        name: "batch", value: "LIST",
        help: "batch sizes for the table (default 8,32,128); the chart uses the first",
        aliases: ["concurrency"]),
      OptionSpec(
        name: "requests", value: "LIST", help: "request lengths for paged vs contiguous waste"),
    ] + EngineOptions.specs + [
      CommonOptions.ascii,
      CommonOptions.format, CommonOptions.color, CommonOptions.help,
    ],
    examples: [
      "llmplan kv llama3-70b",
      "llmplan kv llama-3.1-8b --gpu h100 --engine vllm",
      "llmplan kv deepseek-v3 --gpu h200 --gpus 8 --kv-precision fp8",
      "llmplan kv llama-3.1-8b --gpu rtx3090 --gpu-memory-utilization 0.9 --max-model-len 20000 --format json",
    ],
    details: """
      KV per token = 2 · layers · KV heads · head dim · bytes (MLA: layers · (kv_lora_rank +
      rope dim) · bytes); per GPU the KV heads are divided by TP (at least one per rank) and the
      layers by PP; sliding-window layers hold at most their window. With --gpu, the engine's
      budget is what it leaves after weights, activations and overhead, counted in its blocks,
      as the engine logs it. Exit 1 when one max-model-len request does not fit.
      """)

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    let model = reader.model(invocation.positionals[0])
    let gpus = invocation.values["gpu"].map { $0.split(separator: ",").map(String.init) } ?? []
    let specs = gpus.compactMap { reader.gpu($0) }
    let precision = reader.precision(invocation.values["precision"], option: "precision")
    let kvPrecision = reader.precision(
      invocation.values["kv-precision"], option: "kv-precision", kvCache: true)
    let count = reader.integer(
      invocation.values["gpus"], option: "gpus", range: 1...FitCommand.maxGPUs)
    let tp = reader.integer(invocation.values["tp"], option: "tp", range: 1...4096)
    let pp = reader.integer(invocation.values["pp"], option: "pp", range: 1...4096)
    var maxModelLen = reader.integer(
      invocation.values["max-model-len"], option: "max-model-len", range: 1...FitCommand.maxContext,
      allowK: true)
    var contexts = reader.list(
      invocation.values["context"], option: "context", range: 1...FitCommand.maxContext)
    let batches = reader.list(
      invocation.values["batch"], option: "batch", range: 1...FitCommand.maxBatch)
    let requests = reader.list(
      invocation.values["requests"], option: "requests", range: 1...FitCommand.maxContext)
    let engine = EngineOptions.read(invocation, into: &reader)
    if let model {
      if let length = maxModelLen,
        !reader.withinContext(
          length, of: model, option: "max-model-len",
          shown: "'\(invocation.values["max-model-len"]!)'")
      {
        maxModelLen = nil
      }
      if let longest = contexts?.max(),
        !reader.withinContext(longest, of: model, option: "context", shown: Format.integer(longest))
      {
        contexts = nil
      }
    }
    if specs.isEmpty, count != nil || tp != nil || pp != nil {
      reader.errors.append("--gpus, --tp and --pp need --gpu (for example --gpu h100)")
    }
    guard reader.errors.isEmpty, let model else { return LLMPlan.usage(reader.errors) }
    let length = maxModelLen ?? model.maxContext
    if let requests, let longest = requests.max(), longest > length {
      return LLMPlan.usage([
        "--requests: \(Format.integer(longest)) is longer than max-model-len \(Format.integer(length))"
      ])
    }

    var reports: [KVReport.GPUReport] = []
    for gpu in specs {
      let request = PlanRequest(
        model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision, context: length,
        engine: engine)
      switch layout(request, gpus: count, tp: tp, pp: pp) {
      case .failure(let message): return LLMPlan.usage([message.text])
      case .success(let layout):
        reports.append(
          KVReport.GPUReport(
            gpu: gpu, layout: layout,
            capacity: layout.flatMap { KVCapacity.of(request, tp: $0.tp, pp: $0.pp) }))
      }
    }
    let growth = KVReport.Growth(
      model: model, kvPrecision: kvPrecision ?? model.activationPrecision,
      contexts: contexts ?? KVReport.defaultContexts(max: length),
      batches: batches ?? [8, 32, 128])
    let waste = PagingWaste(
      requestLengths: requests ?? KVReport.defaultRequests(maxModelLen: length),
      maxModelLen: length, blockSize: max(engine.effectiveBlockSize, 16))
    let report = KVReport(
      model: model, engine: engine, maxModelLen: length, growth: growth, paging: waste,
      gpus: reports)
    let text: String
    switch style.format {
    case .table: text = report.table(ascii: style.ascii)
    case .json: text = report.json().rendered()
    case .csv: text = report.csv()
    }
    let fits = reports.allSatisfy { ($0.capacity?.maxConcurrency ?? 0) >= 1 }
    return Outcome(stdout: text, code: fits ? .success : .doesNotFit)
  }

  /// The replica layout: explicit --tp/--pp, the planner's layout for --gpus, or the fewest GPUs
  /// on which the engine starts and holds at least one token. `nil` when no count within the
  /// search limit starts.
  static func layout(_ request: PlanRequest, gpus: Int?, tp: Int?, pp: Int?) -> Result<
    Layout?, UsageErrorMessage
  > {
    if tp != nil || pp != nil {
      let tp = tp ?? 1
      let pp = pp ?? 1
      if let reason = TensorParallel.rejection(tp, model: request.model, gpu: request.gpu) {
        return .failure(
          UsageErrorMessage(
            "--tp: impossible layout for \(request.model.id) on \(request.gpu.id): \(reason)"))
      }
      if pp > request.model.layers {
        return .failure(
          UsageErrorMessage(
            "--pp: \(pp) stages exceed \(request.model.id)'s \(request.model.layers) layers"))
      }
      return .success(Layout(tp: tp, pp: pp))
    }
    var starting = request
    starting.context = 1
    if let gpus {
      let option = Planner.option(starting, gpus: gpus)
      guard let layout = option.placement?.layout else {
        return .failure(
          UsageErrorMessage(
            "--gpus: no TP × PP layout of \(gpus) GPUs for \(request.model.id) on \(request.gpu.id): \(option.rejection ?? "")"
          ))
      }
      return .success(layout)
    }
    return .success(Planner.minimum(starting, limit: Planner.defaultSearchLimit)?.placement?.layout)
  }
}

/// A single usage message carried through a `Result`.
struct UsageErrorMessage: Error {
  let text: String
  init(_ text: String) { self.text = text }
}
