import LLMPlanKit

extension Verdict {
  /// 0 when it fits, 1 when the answer is "does not fit".
  var exitCode: ExitCode { fits ? .success : .doesNotFit }

  /// `{"code": "fits"}`, `{"code": "short", "shortByBytes": N}`, or `{"code": "impossible",
  /// "reasons": [{"code", "message"}]}`.
  var json: JSON {
    switch self {
    case .fits:
      .object([("code", .string(code))])
    case .short(let bytes, _):
      .object([("code", .string(code)), ("shortByBytes", .bytes(bytes))])
    case .impossible(let reasons, _):
      .object([
        ("code", .string(code)),
        (
          "reasons",
          .array(
            reasons.map { .object([("code", .string($0.code)), ("message", .string($0.text))]) })
        ),
      ])
    case .missesTargets(let results):
      .object([
        ("code", .string(code)),
        ("missed", .array(results.filter { !$0.met }.map(\.json))),
      ])
    case .failsRequirements(let results):
      .object([
        ("code", .string(code)),
        ("failed", .array(results.filter { !$0.met }.map(\.json))),
      ])
    }
  }
}

extension Requirement.Metric {
  /// The option that sets it, e.g. `--max-tpot-ms`.
  var option: String {
    switch self {
    case .headroomPercent: "min-headroom"
    case .concurrency: "min-concurrency"
    case .ttftMs: "max-ttft-ms"
    case .tpotMs: "max-tpot-ms"
    case .tokensPerSecond: "min-tokens-per-second"
    case .costPerMillionTokens: "max-cost-per-million-tokens"
    }
  }

  /// "headroom", "TPOT", … as a person reads it.
  var label: String {
    switch self {
    case .headroomPercent: "headroom"
    case .concurrency: "concurrency"
    case .ttftMs: "TTFT"
    case .tpotMs: "TPOT"
    case .tokensPerSecond: "throughput"
    case .costPerMillionTokens: "cost"
    }
  }

  /// `value` with its unit: "12.4 %", "31.2 sequences", "45.1 ms", "1,234 tokens/s", "$0.52/M".
  func text(_ value: Double) -> String {
    switch self {
    case .headroomPercent: Format.fixed(value, 1) + " %"
    case .concurrency: Format.fixed(value, 2, grouped: true) + " sequences"
    case .ttftMs, .tpotMs: Format.fixed(value, 1, grouped: true) + " ms"
    case .tokensPerSecond: Format.fixed(value, 0, grouped: true) + " tokens/s"
    case .costPerMillionTokens: Format.fixed(value, 2) + " USD per million output tokens"
    }
  }
}

extension Requirement.Result {
  /// "TPOT 45.1 ms > 40.0 ms (--max-tpot-ms; 5.1 ms over)" or "… ≤ … (met, 3.2 ms to spare)".
  var text: String {
    let metric = requirement.metric
    let limit = metric.text(requirement.limit)
    guard let value, let margin else {
      let why =
        metric == .costPerMillionTokens ? "no price for this GPU in the catalog" : "nothing fits"
      return "\(metric.label): no figure (\(why)) against \(limit) (--\(metric.option))"
    }
    let relation = met ? (metric.isMinimum ? "≥" : "≤") : (metric.isMinimum ? "<" : ">")
    let by = metric.text(abs(margin))
    let note = met ? "met, \(by) to spare" : "fails by \(by)"
    return
      "\(metric.label) \(metric.text(value)) \(relation) \(limit) (--\(metric.option): \(note))"
  }

  /// `{"requirement", "limit", "value", "met", "margin"}`.
  var json: JSON {
    .object([
      ("requirement", .string(requirement.metric.option)),
      ("limit", .number(requirement.limit, decimals: 4)),
      ("value", .optional(value) { .number($0, decimals: 4) }),
      ("met", .bool(met)),
      ("margin", .optional(margin) { .number($0, decimals: 4) }),
    ])
  }
}
