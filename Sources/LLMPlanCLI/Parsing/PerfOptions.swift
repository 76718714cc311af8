import LLMPlanKit

/// Options about the requests served and the efficiencies assumed, shared by `perf` and
/// `compare`.
enum PerfOptions {
  static let inputTokens = OptionSpec(
    name: "input-tokens", value: "N", help: "prompt tokens per request (default 2048)",
    aliases: ["isl"])
  static let outputTokens = OptionSpec(
    name: "output-tokens", value: "N", help: "generated tokens per request (default 256)",
    aliases: ["osl"])
  static let efficiency = OptionSpec(
    name: "efficiency", value: "E",
    help:
      "calibrated (default), standard, ideal, or overrides like memory=0.8,prefill=0.6,decode=0.5,attention=0.01,decode-us=20,latency=1"
  )
  static let context = OptionSpec(
    name: "context", value: "TOKENS",
    help: "tokens per request, input + output: sets input = TOKENS − output tokens")
  static let specs = [inputTokens, outputTokens, context, efficiency]

  static let defaultInput = 2048
  static let defaultOutput = 256
  /// The longest request accepted: beyond any model's context.
  static let maxTokens = FitCommand.maxContext

  /// The overrides of `--efficiency` on top of a base set.
  struct EfficiencySetting {
    enum Base: String, CaseIterable { case calibrated, standard, ideal }
    var base: Base = .calibrated
    var overrides: [(key: String, value: Double)] = []

    static let keys = [
      "prefill", "decode", "memory", "attention", "prefill-us", "decode-us", "latency",
    ]

    /// The choice for one GPU and precision: the base, with each override applied to the
    /// expected, optimistic and pessimistic sets alike.
    func choice(gpu: GPUSpec, precision: Precision) -> EfficiencyChoice {
      let choice: EfficiencyChoice =
        switch base {
        case .calibrated: .calibrated
        case .standard: .standard
        case .ideal: .ideal
        }
      guard !overrides.isEmpty else { return choice }
      var efficiency = choice.resolve(gpu: gpu, precision: precision).expected
      for (key, value) in overrides {
        switch key {
        case "prefill": efficiency.prefillCompute = value
        case "decode": efficiency.decodeCompute = value
        case "memory": efficiency.memory = value
        case "attention": efficiency.attention = value
        case "prefill-us": efficiency.prefillOverhead = value / 1e6
        case "decode-us": efficiency.decodeOverhead = value / 1e6
        default: efficiency.collectiveLatency = value
        }
      }
      return .custom(efficiency)
    }
  }

  static func efficiency(_ invocation: Invocation, into reader: inout ValueReader)
    -> EfficiencySetting
  {
    var setting = EfficiencySetting()
    guard let raw = invocation.values["efficiency"] else { return setting }
    let bases = EfficiencySetting.Base.allCases.map(\.rawValue)
    for part in raw.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
      let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
      if pair.count == 1, let base = EfficiencySetting.Base(rawValue: pair[0]) {
        setting.base = base
        continue
      }
      let key = pair.first ?? ""
      guard pair.count == 2, EfficiencySetting.keys.contains(key) else {
        reader.errors.append(
          "--efficiency: '\(part)' is not one of \(bases.joined(separator: ", ")) or KEY=VALUE with KEY in \(EfficiencySetting.keys.joined(separator: ", "))"
        )
        return setting
      }
      let isFraction = !["prefill-us", "decode-us", "latency"].contains(key)
      guard let value = Double(pair[1]), value.isFinite, value >= 0,
        isFraction ? (value > 0 && value <= 1) : value <= 100_000
      else {
        reader.errors.append(
          "--efficiency: \(key) '\(pair[1])' must be \(isFraction ? "a fraction in (0, 1]" : "a number ≥ 0")"
        )
        return setting
      }
      setting.overrides.append((key, value))
    }
    return setting
  }

  /// Input and output tokens, also from `--context` (input = context − output).
  /// Requests longer than the model's context are estimated anyway (published benchmarks run
  /// them); the reports say so.
  static func tokens(_ invocation: Invocation, into reader: inout ValueReader)
    -> (input: Int, output: Int)?
  {
    let output =
      reader.integer(
        invocation.values["output-tokens"], option: "output-tokens", range: 1...maxTokens,
        allowK: true) ?? defaultOutput
    var input = reader.integer(
      invocation.values["input-tokens"], option: "input-tokens", range: 1...maxTokens,
      allowK: true)
    if let raw = invocation.values["context"] {
      guard
        let context = reader.integer(raw, option: "context", range: 2...maxTokens, allowK: true)
      else { return nil }
      if input != nil {
        reader.errors.append(
          "--context and --input-tokens both set the prompt; give one (context = input + output tokens)"
        )
        return nil
      }
      guard context > output else {
        reader.errors.append(
          "--context: '\(raw)' leaves no room for the prompt after \(Format.integer(output)) output tokens; raise it or lower --output-tokens"
        )
        return nil
      }
      input = context - output
    }
    return (input: input ?? defaultInput, output: output)
  }
}
