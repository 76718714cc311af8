import LLMPlanKit

/// `llmplan kv MODEL`: KV-cache growth, paging waste and, with `--gpu`, the engine's KV budget.
enum KVCommand: Command {
  static let gpu = Option<[GPUSpec]>.gpuList.noted("report the engine's KV budget on each")
    .defaulting("none, for growth and paging only")
  static let gpus = Option<Int>.gpus.noted("one replica, as TP × PP").defaulting(
    "the fewest on which the engine starts")
  static let tp = Option<Int>.tp.defaulting("1 with --pp, else as --gpus")
  static let pp = Option<Int>.pp.defaulting("1 with --tp, else as --gpus")
  static let context = Option<Int>.context.aliased("max-model-len").defaulting(
    "the model's maximum")
  static let contexts = Option<[Int]>(
    "contexts", .list(.tokens(1...Limits.context)), "context lengths of the growth table"
  ).defaulting("1k, 2k, 4k, … up to --context")
  static let batch = Option<[Int]>.batchList.noted("the growth table's columns").defaulting(
    to: KVRequest.defaultBatches)
  static let requests = Option<[Int]>(
    "request-lengths", .list(.tokens(1...Limits.context)),
    "request lengths for paged against contiguous waste"
  ).defaulting("1/16 to 1/2 of --context")

  static let spec = CommandSpec(
    name: "kv", positional: .model,
    summary: "KV cache growth over context and batch, and an engine's KV budget on a GPU.",
    options: [
      gpu, gpus, tp, pp, DeploymentOptions.gpuCatalog, DeploymentOptions.precision,
      DeploymentOptions.kvPrecision, context,
      contexts, batch, requests,
    ] + DeploymentOptions.engineOptions + [CommonOptions.ascii],
    examples: [
      "llmplan kv llama3-70b",
      "llmplan kv llama-3.1-8b --gpu h100 --engine vllm",
      "llmplan kv deepseek-v3 --gpu h200 --gpus 8 --kv-precision fp8",
      "llmplan kv llama-3.1-8b --gpu rtx3090 --gpu-memory-utilization 0.9 --max-model-len 20000",
    ],
    details: """
      KV per token = 2 · layers · KV heads · head dim · bytes (MLA: layers · (kv_lora_rank +
      rope dim) · bytes); per GPU the KV heads are divided by TP (at least one per rank) and the
      layers by PP; sliding-window layers hold at most their window. The chart shows the first
      --batch.

      With --gpu, the engine's budget is what it leaves after weights, activations and
      overhead, counted in its blocks, as the engine logs it. Exit 1 when one --context
      (max-model-len) request does not fit.
      """, insteadOf: ["concurrency": "batch", "requests": "request-lengths"])

  struct Options {
    let request: KVRequest
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let model = input.positional(.model)
    let gpus = input[Self.gpu] ?? []
    let count = input[Self.gpus]
    let tp = input[Self.tp]
    let pp = input[Self.pp]
    var context: Int?
    if let text = input.text(Self.context), text.contains(","),
      case .failure = Self.context.type.parse(text, input.context)
    {
      input.reject(
        Self.context, "is a list; this takes one length per request, and --contexts the table's")
    } else {
      context = input.tokens(Self.context, within: model)
    }
    let contexts = input[Self.contexts]
    let batches = input[Self.batch]
    let requests = input[Self.requests]
    let setup = DeploymentOptions.setup(&input, model: model)
    if let model {
      if let contexts { input.check(contexts, of: model, option: Self.contexts) }
    }
    if let model, context != nil || !input.has(Self.context) {
      let length = context ?? model.maxContext
      if let longest = requests?.max(), longest > length {
        input.problem(
          "--request-lengths: \(Format.integer(longest)) is longer than max-model-len \(Format.integer(length))"
        )
      }
    }
    if !input.has(Self.gpu), input.has(Self.gpus) || input.has(Self.tp) || input.has(Self.pp) {
      input.problem("--gpus, --tp and --pp need --gpu (for example --gpu h100)")
    }
    guard let setup else { return nil }
    for gpu in gpus {
      if let problem = DeploymentOptions.gpuProblem(setup.deployment(on: gpu), setup: setup) {
        input.problem(problem)
      }
    }
    let layout: KVLayoutChoice =
      if tp != nil || pp != nil {
        .explicit(tp: tp ?? 1, pp: pp ?? 1)
      } else if let count {
        .gpus(count)
      } else {
        .fewest
      }
    return Options(
      request: KVRequest(
        setup: setup, gpus: gpus, maxModelLen: context, layout: layout, contexts: contexts,
        batches: batches, requests: requests))
  }

  static func run(_ options: Options, style: OutputStyle) throws(PlanError) -> Outcome {
    let plan = try Planner.kv(options.request)
    return Outcome(KVReport(plan: plan), style: style, verdict: plan.verdict)
  }
}
