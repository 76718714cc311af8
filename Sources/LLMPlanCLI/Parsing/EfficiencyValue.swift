import LLMPlanKit

/// `--efficiency`: a base set (`calibrated`, `standard`, `ideal`) and overrides `KEY=VALUE`,
/// comma-separated.
enum EfficiencyValue {
  /// One override key: what it sets and in which unit it is written.
  struct Key: Sendable {
    let name: String
    /// A fraction in (0, 1]; else a number from 0 to 100,000.
    let isFraction: Bool
    let make: @Sendable (Double) -> EfficiencySetting.Override
  }

  static let keys: [Key] = [
    Key(name: "compute", isFraction: true) { .compute($0) },
    Key(name: "gemm-half", isFraction: false) { .gemmHalfTokens($0) },
    Key(name: "memory", isFraction: true) { .memory($0) },
    Key(name: "kv-memory", isFraction: true) { .kvMemory($0) },
    Key(name: "attention", isFraction: true) { .attention($0) },
    Key(name: "prefill-us", isFraction: false) { .prefillSecondsPerLayer($0 / 1e6) },
    Key(name: "decode-us", isFraction: false) { .decodeSecondsPerLayer($0 / 1e6) },
    Key(name: "latency", isFraction: false) { .collectiveLatencyScale($0) },
    Key(name: "expert", isFraction: true) { .expertCompute($0) },
    Key(name: "host-us", isFraction: false) { .hostSecondsPerSequence($0 / 1e6) },
  ]

  static var type: ValueType<EfficiencySetting> {
    let bases = EfficiencySetting.Base.allCases.map(\.rawValue)
    return ValueType(
      placeholder: "E",
      parse: { raw in
        var base = EfficiencySetting.Base.calibrated
        var overrides: [EfficiencySetting.Override] = []
        for part in raw.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
          let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
          if pair.count == 1, let named = EfficiencySetting.Base(rawValue: pair[0]) {
            base = named
            continue
          }
          guard pair.count == 2, let key = keys.first(where: { $0.name == pair[0] }) else {
            return .failure(
              ValueProblem(
                "'\(part)' is not one of \(bases.joined(separator: ", ")) or KEY=VALUE with KEY in \(keys.map(\.name).joined(separator: ", "))"
              ))
          }
          guard let value = Double(pair[1]), value.isFinite, value >= 0,
            key.isFraction ? (value > 0 && value <= 1) : value <= 100_000
          else {
            return .failure(
              ValueProblem(
                "\(key.name) '\(pair[1])' must be \(key.isFraction ? "a fraction in (0, 1]" : "a number ≥ 0")"
              ))
          }
          overrides.append(key.make(value))
        }
        return .success(EfficiencySetting(base: base, overrides: overrides))
      },
      show: { setting in setting.overrides.isEmpty ? setting.base.rawValue : "custom" },
      choices: bases)
  }
}

/// `compare --price h100=2.99,b200=6.5`: USD per GPU-hour by GPU.
struct GPUPrice: Sendable {
  let gpu: GPUSpec
  let usdPerHour: Double

  static var list: ValueType<[GPUPrice]> {
    ValueType(
      placeholder: "GPU=USD,…",
      parse: { raw, context in
        var prices: [GPUPrice] = []
        for part in raw.split(separator: ",", omittingEmptySubsequences: false) {
          let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
          guard pair.count == 2 else {
            return .failure(ValueProblem("'\(part)' is not GPU=USD (e.g. h100=2.99)"))
          }
          let gpu: GPUSpec
          switch ValueType<GPUSpec>.gpu.parse(pair[0], context) {
          case .success(let found): gpu = found
          case .failure(let problem): return .failure(problem)
          }
          guard let value = Double(pair[1]), value.isFinite, value > 0, value <= 10_000 else {
            return .failure(
              ValueProblem(
                "'\(pair[1])' for \(gpu.id) is not a price in USD per GPU-hour (e.g. 2.99)"))
          }
          prices.append(GPUPrice(gpu: gpu, usdPerHour: value))
        }
        return .success(prices)
      },
      show: { prices in
        prices.map { "\($0.gpu.id)=\(Format.number($0.usdPerHour))" }.joined(separator: ",")
      })
  }
}
