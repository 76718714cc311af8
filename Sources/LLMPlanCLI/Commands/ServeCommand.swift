import LLMPlanKit

/// `llmplan serve MODEL --gpu GPU --rate R`: a request-level simulation of continuous batching
/// on one layout, with latency percentiles, throughput, KV use and latency targets.
enum ServeCommand: Command {
  static let gpu = Option<GPUSpec>.gpu.required()
  static let tp = Option<Int>.tp.defaulting("1 with --pp, else the fewest GPUs that fit, TP first")
  static let pp = Option<Int>.pp.defaulting("1 with --tp, else the fewest GPUs that fit")
  static let dp = PerfCommand.dp.noted("behind a round-robin load balancer")
  static let rate = Option<Double?>(
    "rate", .requestRate,
    "Poisson arrivals at R requests/s, above 0 and at most 1,000,000, or inf: all at once"
  ).defaulting("none: give --rate or --trace")
  static let requests = Option<Int>(
    "requests", .integer(1...Planner.serveRequestLimit, allowK: true),
    "requests to simulate with --rate"
  ).defaulting(to: 1000)
  static let seed = Option<Int>(
    "seed", .integer(0...Int(Int32.max)), "seed of the arrival times (same seed, same run)"
  ).defaulting(to: 0)
  static let trace = Option<String>(
    "trace", .path,
    "replay FILE: JSONL objects {\"arrival_s\", \"input_tokens\", \"output_tokens\"} or CSV with that header"
  ).defaulting("none")
  static let prefixCacheHit = Option<Double>(
    "prefix-cache-hit", .share, "fraction of each prompt found in the prefix cache, 0 to 1"
  ).defaulting(to: 0)
  static let efficiency = Option<EfficiencySetting>.efficiency
  static let gpus = Option<Int>.gpus.noted(
    "with --disaggregate: the prefill and decode pools together"
  )
  .defaulting("none")
  static let disaggregate = Option<Bool>(
    "disaggregate", .flag,
    "split --gpus into prefill and decode replicas (xPyD) and compare every split with aggregated serving"
  )

  static let spec = CommandSpec(
    name: "serve", positional: .model,
    summary: "Simulate serving traffic on a layout: TTFT, TPOT and latency percentiles, tokens/s.",
    options: [
      gpu, tp, pp, dp, gpus, disaggregate, rate, requests, seed, trace, RequestShapeOptions.input,
      RequestShapeOptions.output, prefixCacheHit,
    ] + TargetOptions.all + RequirementOptions.only(ServePlan.requirementMetrics) + [
      price, efficiency, DeploymentOptions.gpuCatalog, DeploymentOptions.precision,
      DeploymentOptions.kvPrecision, DeploymentOptions.gpusPerNode,
    ] + DeploymentOptions.engineOptions + [CommonOptions.ascii],
    examples: [
      "llmplan serve llama3-70b --gpu h100 --tp 4 --rate 20 --input-tokens 2000 --output-tokens 300",
      "llmplan serve llama3-70b --gpu h100 --tp 4 --trace Fixtures/traces/requests.jsonl",
      "llmplan serve llama-3.1-8b --gpu h100 --rate inf --requests 3000 --isl 1000 --osl 1000",
      "llmplan serve llama3-70b --gpu h100 --tp 4 --rate 20 --ttft-p99 2s --tpot-p99 50ms",
      "llmplan serve llama3-70b --gpu h100 --tp 4 --gpus 16 --rate 20 --disaggregate",
      "llmplan serve llama3-70b --gpu h100 --tp 4 --rate 5 --min-tokens-per-second 500",
    ],
    details: """
      Each replica runs its engine profile's scheduler one iteration at a time: the running
      sequences decode one token each, then prompts are prefilled in chunks within
      max_num_batched_tokens, new requests are admitted in arrival order while fewer than
      max_num_seqs run and the KV cache has blocks for them, and the most recently admitted
      request is preempted (and later recomputed) when a decode finds no free block. An
      iteration costs max(compute, memory) per layer for all its tokens together, at the
      calibrated efficiencies, plus collectives and pipeline micro-batching.

      TTFT is arrival to first token (queueing included); TPOT a request's mean time between
      its later tokens; ITL every gap between two tokens; E2E arrival to last token; queue
      arrival to first scheduling. Targets take a unit (2s, 50ms; a bare number is ms); exit 1
      when one is missed, with goodput the share of requests meeting every target.

      Requirements (--min-headroom, --min-concurrency, --min-tokens-per-second,
      --max-cost-per-million-tokens) bound the run's figures: headroom and concurrency of one
      replica holding the longest request, the simulated output tokens/s, and its cost at
      --price per GPU-hour. TTFT and TPOT are bounded by the percentile targets. Exit 1 when a
      requirement fails.

      --disaggregate --gpus N splits N GPUs into x prefill and y decode replicas of the layout:
      prompts are prefilled in one pool, their KV sent over the link between the pools (NVLink
      in a node, the network between nodes), and decoded in the other; every split (up to
      16, evenly spaced, when there are more) is simulated and compared with the N GPUs
      serving both phases together. A run simulates at most 10,000,000 output tokens.
      """,
    insteadOf: [
      "concurrency": "rate", "batch": "rate", "max-ttft-ms": "ttft-p99",
      "max-tpot-ms": "tpot-p99",
    ])

  static let price = PerfCommand.price

  struct Options {
    let request: ServeRequest
    let label: String
    var disaggregateGPUs: Int?
    var requirements: [Requirement] = []
    var price: Double?
  }

  static func options(_ input: inout OptionReader) -> Options? {
    let deployment = DeploymentOptions.deployment(&input, gpu: Self.gpu).deployment
    let tp = input[Self.tp]
    let pp = input[Self.pp]
    let dp = input[Self.dp]
    let rate = input[Self.rate]
    let count = input[Self.requests]
    let seed = input[Self.seed]
    let tracePath = input[Self.trace]
    let hit = input[Self.prefixCacheHit]
    let efficiency = input[Self.efficiency]
    let targets = TargetOptions.read(&input)
    let requirements = RequirementOptions.read(&input, metrics: ServePlan.requirementMetrics)
    let price = input[Self.price]
    let inputTokens = input[RequestShapeOptions.input]
    let outputTokens = input[RequestShapeOptions.output]
    var traffic: ServeRequest.Traffic?
    var label = ""
    if let tracePath {
      for option in ["rate", "requests", "seed", "input-tokens", "output-tokens"]
      where input.has(named: option) {
        input.problem("--\(option) shapes Poisson arrivals; --trace \(tracePath) gives its own")
      }
      do {
        let requests = try TraceFile.read(tracePath)
        traffic = .trace(requests)
        label = "\(Format.integer(requests.count)) requests replayed from \(tracePath)"
      } catch {
        input.problem(error.message)
      }
    } else if input.has(Self.rate) {
      if let rate, let count, let seed, let inputTokens, let outputTokens {
        let shape = RequestShape(input: inputTokens, output: outputTokens)
        traffic = .poisson(count: count, rate: rate, shape: shape, seed: UInt64(seed))
        label =
          "\(Format.integer(count)) requests, "
          + (rate.map {
            "Poisson at \(Format.number($0, maxDecimals: 3)) requests/s (seed \(seed))"
          }
            ?? "all at once (rate inf)")
          + ", \(Format.integer(inputTokens)) tokens in, \(Format.integer(outputTokens)) out"
      }
    } else {
      input.problem(
        "serve needs traffic: --rate R (requests/s, or inf) or --trace FILE (for example --rate 20)"
      )
    }
    let split = input[Self.disaggregate]
    let total = input[Self.gpus]
    if split, total == nil, !input.has(Self.gpus) {
      input.problem("--disaggregate splits a GPU count: add --gpus N (for example --gpus 16)")
    } else if !split, input.has(Self.gpus) {
      input.problem(
        "--gpus is the pools' total with --disaggregate; for one pool give --tp, --pp and --dp")
    }
    if split, input.has(Self.dp) {
      input.problem("--dp: --disaggregate chooses the replicas of each pool from --gpus")
    }
    if split, requirements?.isEmpty == false {
      input.problem(
        "requirements bound one pool's run: drop --disaggregate, or compare the splits without them"
      )
    }
    guard let deployment, let traffic, let dp, let hit, let efficiency, let targets,
      let requirements
    else {
      return nil
    }
    return Options(
      request: ServeRequest(
        deployment: deployment, tp: tp, pp: pp, dp: dp, traffic: traffic,
        efficiency: efficiency, prefixCacheHit: hit, targets: targets),
      label: label, disaggregateGPUs: split ? total : nil, requirements: requirements,
      price: price)
  }

  static func run(_ options: Options, style: OutputStyle) throws(PlanError) -> Outcome {
    if let gpus = options.disaggregateGPUs {
      let plan = try Planner.disaggregate(options.request, gpus: gpus)
      return Outcome(
        DisaggregationReport(plan: plan, traffic: options.label, request: options.request),
        style: style, verdict: plan.verdict)
    }
    let plan = try Planner.serve(options.request)
    guard !options.requirements.isEmpty else {
      return Outcome(
        ServeReport(plan: plan, traffic: options.label), style: style, verdict: plan.verdict)
    }
    let check = RequirementCheck(
      options.requirements, figures: plan.figures(pricePerHour: options.price),
      basis: "the simulated run; headroom and concurrency: one replica holding the longest request")
    let verdict = check.verdict(over: plan.verdict)
    return Outcome(
      ServeReport(plan: plan, traffic: options.label, requirements: check, verdict: verdict),
      style: style, verdict: verdict)
  }
}

/// `--ttft-p99 2s` and the like: latency targets on percentiles of the simulated requests.
enum TargetOptions {
  static let options: [(Option<Double>, LatencyTarget)] = LatencyTarget.Metric.allCases.flatMap {
    metric in
    [50, 90, 99].map { percentile in
      (
        Option<Double>(
          "\(metric.rawValue)-p\(percentile)", .duration,
          "target: \(metric.label) at the \(percentile)th percentile at most this (2s, 50ms)"
        ).defaulting("none"),
        LatencyTarget(metric, percentile: percentile, seconds: 0)
      )
    }
  }

  static var all: [any DeclaredOption] { options.map(\.0) }

  /// The targets given; `nil` when one is malformed.
  static func read(_ input: inout OptionReader) -> [LatencyTarget]? {
    input.given(options) { seconds, template in
      LatencyTarget(template.metric, percentile: template.percentile, seconds: seconds)
    }
  }
}

extension LatencyTarget.Metric {
  /// "TTFT", "TPOT", "E2E".
  var label: String { rawValue.uppercased() }
}

extension ValueType where Value == Double? {
  /// `20`, `0.5` requests/s, or `inf` (`nil`): every request at time 0.
  static var requestRate: ValueType {
    ValueType(
      placeholder: "R",
      parse: { raw in
        if raw.lowercased() == "inf" { return .success(nil) }
        guard let value = NumberText.decimal(raw) else {
          return .failure(
            ValueProblem(
              "'\(raw)' is not a rate in requests/s above 0 and at most 1,000,000 (e.g. 20) or inf"
            ))
        }
        guard value > 0, value <= 1_000_000 else {
          return .failure(
            ValueProblem("'\(raw)' must be above 0 and at most 1,000,000 requests/s, or inf"))
        }
        return .success(value)
      }, show: { $0.map { Format.number($0) } ?? "inf" },
      range: "above 0, at most 1,000,000 requests/s, or inf")
  }
}

extension ValueType where Value == Double {
  /// A latency with its unit: `2s`, `1.5s`, `50ms` (a bare number is milliseconds); seconds,
  /// above 0 and at most a day.
  static var duration: ValueType {
    ValueType(
      placeholder: "T",
      parse: { raw in
        let text = raw.lowercased()
        var number = Substring(text)
        var scale = 1e-3
        if text.hasSuffix("ms") {
          number = number.dropLast(2)
        } else if text.hasSuffix("s") {
          number = number.dropLast()
          scale = 1
        }
        guard let value = NumberText.decimal(String(number)) else {
          return .failure(
            ValueProblem("'\(raw)' is not a latency above 0 and at most a day, like 2s or 50ms"))
        }
        let seconds = value * scale
        guard seconds > 0, seconds <= 86_400 else {
          return .failure(ValueProblem("'\(raw)' must be above 0 and at most a day (86400s)"))
        }
        return .success(seconds)
      }, show: { Format.number($0 * 1e3) + "ms" }, range: "above 0, at most 86400s")
  }

  /// A share from 0 to 1, 0 included.
  static var share: ValueType {
    number(placeholder: "F", range: "0 to 1", problem: "must be a fraction from 0 to 1 (e.g. 0.3)")
    {
      $0 >= 0 && $0 <= 1
    }
  }
}
