import LLMPlanKit

/// `llmplan compare MODEL --gpu a,b,c`: one row per GPU (GPUs needed, best layout, latency,
/// throughput, cost), cheapest per token first.
enum CompareCommand {
  static let spec = CommandSpec(
    name: "compare", positional: "MODEL", positionalOptional: false,
    summary: "One row per GPU: GPUs needed, best layout, TTFT, TPOT, tokens/s, $/h, $/M tokens.",
    options: [
      OptionSpec(
        name: "gpu", value: "LIST",
        help: "accelerators to compare, e.g. h100,h200,b200 (default: every priced GPU)"),
      OptionSpec(
        name: "price", value: "GPU=USD,…",
        help: "$ per GPU-hour, e.g. h100=2.99,b200=6.5 (default: the catalog's)"),
    ] + PerfOptions.specs + [
      CommonOptions.precision, CommonOptions.kvPrecision,
    ] + [EngineOptions.specs[0]] + [
      CommonOptions.format, CommonOptions.color, CommonOptions.help,
    ],
    examples: [
      "llmplan compare llama3-70b --gpu h100,h200,b200,a100,l40s,mi300x --context 8192 --price h100=2.99,b200=6.5",
      "llmplan compare llama-3.1-8b --precision fp8 --input-tokens 128 --output-tokens 2048 --format csv",
    ],
    details: """
      For each GPU: the fewest GPUs that hold the model and one request (as 'fit'), the
      layout of that count with the lowest cost per token (as 'layouts --optimize cost', DP
      and PP included, EP left out), then 'perf' of that layout: TTFT and TPOT of a lone
      request, and tokens/s, TPOT and cost at the largest batch the KV cache holds. Rows are
      sorted by $ per million output tokens; GPUs without a price, then GPUs that cannot hold
      the model, come last. Exit 1 when no GPU can hold it.
      """)

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    let model = reader.model(invocation.positionals[0])
    let gpus = readGPUs(invocation, into: &reader)
    let prices = readPrices(invocation, gpus: gpus ?? [], into: &reader)
    let precision = reader.precision(invocation.values["precision"], option: "precision")
    let kvPrecision = reader.precision(
      invocation.values["kv-precision"], option: "kv-precision", kvCache: true)
    let tokens = PerfOptions.tokens(invocation, into: &reader)
    let setting = PerfOptions.efficiency(invocation, into: &reader)
    let engine = EngineOptions.read(invocation, into: &reader)
    guard reader.errors.isEmpty, let model, let gpus, let tokens else {
      return LLMPlan.usage(reader.errors)
    }
    let rows = gpus.map { gpu in
      var request = PlanRequest(
        model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision,
        context: tokens.input + tokens.output, engine: engine)
      request.batch = 1
      return CompareReport.Row.evaluate(
        request, tokens: tokens,
        efficiency: setting.choice(gpu: gpu, precision: request.precision),
        price: prices[gpu.id])
    }
    let report = CompareReport(
      model: model, tokens: tokens, rows: CompareReport.sorted(rows), context: model.maxContext)
    let text: String
    switch style.format {
    case .table: text = report.table(paint: Paint(enabled: style.color))
    case .json: text = report.json().rendered()
    case .csv: text = report.csv()
    }
    return Outcome(
      stdout: text, code: rows.contains { $0.estimate != nil } ? .success : .doesNotFit)
  }

  static func readGPUs(_ invocation: Invocation, into reader: inout ValueReader) -> [GPUSpec]? {
    guard let raw = invocation.values["gpu"] else {
      return GPUCatalog.builtin.gpus.filter { $0.pricePerHour != nil }
    }
    var gpus: [GPUSpec] = []
    for name in raw.split(separator: ",", omittingEmptySubsequences: false) {
      guard let gpu = reader.gpu(String(name)) else { return nil }
      if !gpus.contains(where: { $0.id == gpu.id }) { gpus.append(gpu) }
    }
    return gpus
  }

  static func readPrices(
    _ invocation: Invocation, gpus: [GPUSpec], into reader: inout ValueReader
  ) -> [String: Double] {
    var prices: [String: Double] = [:]
    for gpu in gpus { prices[gpu.id] = gpu.pricePerHour }
    guard let raw = invocation.values["price"] else { return prices }
    for part in raw.split(separator: ",", omittingEmptySubsequences: false) {
      let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
      guard pair.count == 2 else {
        reader.errors.append("--price: '\(part)' is not GPU=USD (e.g. h100=2.99)")
        return prices
      }
      guard let gpu = reader.gpu(pair[0], option: "price") else { return prices }
      guard gpus.contains(where: { $0.id == gpu.id }) else {
        reader.errors.append("--price: \(gpu.id) is not among the GPUs compared (--gpu)")
        return prices
      }
      guard let value = Double(pair[1]), value.isFinite, value > 0, value <= 10_000 else {
        reader.errors.append(
          "--price: '\(pair[1])' for \(gpu.id) is not a price in USD per GPU-hour (e.g. 2.99)")
        return prices
      }
      prices[gpu.id] = value
    }
    return prices
  }
}
