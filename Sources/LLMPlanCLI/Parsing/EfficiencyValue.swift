import LLMPlanKit

/// `--efficiency`: a base set (`calibrated`, `standard`, `ideal`) and overrides `KEY=VALUE`,
/// comma-separated.
enum EfficiencyValue {
  /// One override key: what it sets, in which unit it is written, and the range a real GPU
  /// and engine can have (a fraction of a peak below 1 % would mean a different machine; a
  /// per-layer cost above 10 ms, a different program).
  struct Key: Sendable {
    let name: String
    let range: ClosedRange<Double>
    /// "a fraction of peak", "µs per layer".
    let unit: String
    let make: @Sendable (Double) -> EfficiencySetting.Override

    var rangeText: String {
      "\(Format.number(range.lowerBound)) to \(Format.number(range.upperBound)) (\(unit))"
    }
  }

  static let fraction = 0.01...1.0
  static let microseconds = 0.0...10_000.0

  static let keys: [Key] = [
    Key(name: "compute", range: fraction, unit: "of peak compute") { .compute($0) },
    Key(name: "gemm-half", range: 0...16_384, unit: "tokens") { .gemmHalfTokens($0) },
    Key(name: "memory", range: fraction, unit: "of bandwidth") { .memory($0) },
    Key(name: "kv-memory", range: fraction, unit: "of bandwidth") { .kvMemory($0) },
    Key(name: "attention", range: fraction, unit: "of 16-bit peak") { .attention($0) },
    Key(name: "prefill-us", range: microseconds, unit: "µs per layer") {
      .prefillSecondsPerLayer($0 / 1e6)
    },
    Key(name: "decode-us", range: microseconds, unit: "µs per layer") {
      .decodeSecondsPerLayer($0 / 1e6)
    },
    Key(name: "latency", range: 0...100, unit: "× link latency") { .collectiveLatencyScale($0) },
    Key(name: "expert", range: fraction, unit: "of the dense GEMMs' efficiency") {
      .expertCompute($0)
    },
    Key(name: "host-us", range: microseconds, unit: "µs per sequence per iteration") {
      .hostSecondsPerSequence($0 / 1e6)
    },
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
          guard let value = NumberText.decimal(pair[1]), key.range.contains(value) else {
            return .failure(
              ValueProblem("\(key.name) '\(pair[1])' must be \(key.rangeText)"))
          }
          overrides.append(key.make(value))
        }
        return .success(EfficiencySetting(base: base, overrides: overrides))
      },
      show: { setting in setting.overrides.isEmpty ? setting.base.rawValue : "custom" },
      choices: bases,
      range: "KEY=VALUE ranges: "
        + keys.map { "\($0.name) \($0.rangeText)" }.joined(separator: ", "))
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
          guard let value = NumberText.decimal(pair[1]), value > 0, value <= 10_000 else {
            return .failure(
              ValueProblem(
                "'\(pair[1])' for \(gpu.id) is not a price in USD per GPU-hour above 0 and at most 10,000 (e.g. 2.99)"
              ))
          }
          prices.append(GPUPrice(gpu: gpu, usdPerHour: value))
        }
        return .success(prices)
      },
      show: { prices in
        prices.map { "\($0.gpu.id)=\(Format.number($0.usdPerHour))" }.joined(separator: ",")
      }, range: "USD above 0, at most 10,000 each")
  }
}
