import LLMPlanKit

/// `llmplan layouts MODEL --gpu GPU --gpus N`: every TP × PP × DP × EP layout of N GPUs, ranked.
enum LayoutsCommand {
  static let spec = CommandSpec(
    name: "layouts", positional: "MODEL", positionalOptional: false,
    summary: "Every TP × PP × DP × EP layout of N GPUs, ranked, with why the rest are rejected.",
    options: [
      CommonOptions.gpu,
      OptionSpec(
        name: "gpus", value: "N", help: "GPUs to lay out (default: the fewest that fit)"),
      LayoutOptions.gpusPerNode,
      CommonOptions.precision, CommonOptions.kvPrecision,
      CommonOptions.context,
      OptionSpec(
        name: "concurrency", value: "N",
        help: "sequences served at once by all GPUs (default: as many as the KV cache holds)",
        aliases: ["batch"]),
      LayoutOptions.optimize, LayoutOptions.price, LayoutOptions.emit,
    ] + EngineOptions.specs + [
      CommonOptions.format, CommonOptions.color, CommonOptions.help,
    ],
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
      on the catalog's links; the
      Amdahl serial fraction is derived from that step against one ideal GPU. Exit 1 when no
      layout fits.
      """)

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    let parsed = Parsed.read(invocation, into: &reader)
    let emit = LayoutOptions.emit(invocation, into: &reader)
    guard reader.errors.isEmpty, let parsed else { return LLMPlan.usage(reader.errors) }
    guard let query = parsed.query() else {
      return Outcome(stdout: parsed.noFitMessage, code: .doesNotFit)
    }
    let search = LayoutSearch(query)
    let text: String
    switch style.format {
    case .table: text = LayoutsReport.table(search, emit: emit, paint: Paint(enabled: style.color))
    case .json: text = LayoutsReport.json(search, emit: emit).rendered()
    case .csv: text = LayoutsReport.csv(search)
    }
    return Outcome(stdout: text, code: search.recommended == nil ? .doesNotFit : .success)
  }

  /// The question as read from the command line; the GPU count may still be open.
  struct Parsed {
    var request: PlanRequest
    var topology: Topology
    var gpus: Int?
    var concurrency: Int?
    var objective: LayoutObjective
    var price: Double?

    /// The query for the given count, or for the fewest GPUs that fit; `nil` if none do.
    func query() -> LayoutQuery? {
      let count =
        gpus
        ?? Planner.minimum(request, limit: Planner.defaultSearchLimit, topology: topology)?.gpus
      return count.map {
        LayoutQuery(
          request: request, gpus: $0, topology: topology, concurrency: concurrency,
          objective: objective, pricePerHour: price)
      }
    }

    var noFitMessage: String {
      "\(request.model.name) does not fit on any layout of up to \(Format.integer(Planner.defaultSearchLimit)) × \(request.gpu.id); give --gpus N to see why each is short.\n"
    }

    /// Reads everything but the output options; `nil` (with errors recorded) when unusable.
    /// `countOption`: whether --gpus is one count here (`scale` reads it as a list).
    static func read(
      _ invocation: Invocation, countOption: Bool = true, into reader: inout ValueReader
    ) -> Parsed? {
      let model = reader.model(invocation.positionals[0])
      let gpu = reader.gpu(invocation.values["gpu"])
      if invocation.values["gpu"] == nil {
        reader.errors.append(
          "\(invocation.command.name) needs --gpu GPU (for example --gpu h100; see 'llmplan gpus')")
      }
      let topology = LayoutOptions.topology(invocation, gpu: gpu, into: &reader)
      let precision = reader.precision(invocation.values["precision"], option: "precision")
      let kvPrecision = reader.precision(
        invocation.values["kv-precision"], option: "kv-precision", kvCache: true)
      var context = reader.integer(
        invocation.values["context"], option: "context", range: 1...FitCommand.maxContext,
        allowK: true, limitReason: " tokens, beyond any model's context")
      let concurrency = reader.integer(
        invocation.values["concurrency"], option: "concurrency", range: 1...FitCommand.maxBatch)
      let gpus =
        countOption
        ? reader.integer(
          invocation.values["gpus"], option: "gpus", range: 1...FitCommand.maxGPUs) : nil
      let objective = LayoutOptions.objective(invocation, into: &reader)
      let price = LayoutOptions.price(invocation, into: &reader)
      let engine = EngineOptions.read(invocation, into: &reader)
      if let model, let value = context,
        !reader.withinContext(
          value, of: model, option: "context", shown: "'\(invocation.values["context"]!)'")
      {
        context = nil
      }
      guard reader.errors.isEmpty, let model, let gpu, let topology else { return nil }
      let request = PlanRequest(
        model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision, context: context,
        batch: concurrency ?? 1, engine: engine)
      return Parsed(
        request: request, topology: topology, gpus: gpus, concurrency: concurrency,
        objective: objective, price: price)
    }
  }
}
