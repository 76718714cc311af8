import LLMPlanKit

/// The thresholds a CI sizing check sets (``Requirement``): one option per metric, named
/// after its bound (`--min-headroom 10%`, `--max-tpot-ms 40`).
enum RequirementOptions {
  static let options: [(Option<Double>, Requirement.Metric)] = Requirement.Metric.allCases.map {
    metric in
    (Option<Double>(metric.option, type(metric), meaning(metric)).defaulting("none"), metric)
  }

  static var all: [any DeclaredOption] { options.map(\.0) }

  /// The options of `metrics` only (a command that has no figure for the others).
  static func only(_ metrics: [Requirement.Metric]) -> [any DeclaredOption] {
    options.filter { metrics.contains($0.1) }.map(\.0)
  }

  /// The requirements given (of `metrics`, default all); `nil` when one is malformed.
  static func read(
    _ input: inout OptionReader, metrics: [Requirement.Metric] = Requirement.Metric.allCases
  ) -> [Requirement]? {
    input.given(options.filter { metrics.contains($0.1) }) { limit, metric in
      Requirement(metric, limit)
    }
  }

  static func meaning(_ metric: Requirement.Metric) -> String {
    switch metric {
    case .headroomPercent:
      "requirement: memory left on the fullest GPU, at least this share of its capacity (10%)"
    case .concurrency:
      "requirement: sequences of the context the KV cache holds at once, at least this many"
    case .ttftMs: "requirement: one prompt's time to first token, at most this many ms"
    case .tpotMs: "requirement: time per output token at the batch, at most this many ms"
    case .tokensPerSecond: "requirement: output tokens/s at the batch, at least this many"
    case .costPerMillionTokens:
      "requirement: USD per million output tokens at the batch, at most this much"
    }
  }

  static func type(_ metric: Requirement.Metric) -> ValueType<Double> {
    switch metric {
    case .headroomPercent: .percent
    case .concurrency:
      .number(
        placeholder: "N", range: "0 to 1,000,000",
        problem: "must be a number of sequences from 0 to 1,000,000"
      ) {
        $0 >= 0 && $0 <= 1_000_000
      }
    case .ttftMs, .tpotMs:
      .number(
        placeholder: "MS", range: "above 0, at most 10,000,000",
        problem: "must be milliseconds above 0, at most 10,000,000"
      ) {
        $0 > 0 && $0 <= 10_000_000
      }
    case .tokensPerSecond:
      .number(
        placeholder: "N", range: "0 to 1,000,000,000",
        problem: "must be tokens/s from 0 to 1,000,000,000"
      ) {
        $0 >= 0 && $0 <= 1e9
      }
    case .costPerMillionTokens:
      .number(
        placeholder: "USD", range: "above 0, at most 1,000,000",
        problem: "must be USD above 0, at most 1,000,000"
      ) {
        $0 > 0 && $0 <= 1e6
      }
    }
  }
}

extension ValueType where Value == Double {
  /// A percentage from 0 to 100, with or without `%`: `10%`, `12.5`.
  static var percent: ValueType {
    ValueType(
      placeholder: "P%",
      parse: { raw in
        let digits = raw.hasSuffix("%") ? String(raw.dropLast()) : raw
        guard let value = NumberText.decimal(digits), value >= 0, value <= 100 else {
          return .failure(ValueProblem("'\(raw)' must be a percentage from 0 to 100 (e.g. 10%)"))
        }
        return .success(value)
      }, show: { Format.number($0) + "%" }, range: "0% to 100%")
  }
}
