/// GPU generations whose kernels reach similar fractions of peak.
public enum GPUFamily: String, Sendable, Hashable, CaseIterable {
  case blackwell, hopper, ada, ampere, turing, volta, cdna, gaudi, tpu

  /// The family whose measurements stand in when this one has none.
  var standIn: GPUFamily {
    switch self {
    case .blackwell, .cdna, .gaudi, .tpu: .hopper
    case .turing, .volta: .ampere
    case .hopper, .ada, .ampere: self
    }
  }
}

extension GPUSpec {
  /// The architecture generation: the catalog's, else from the catalog id.
  public var family: GPUFamily {
    if let architecture { return architecture }
    return switch id {
    case "b200", "b100", "gb200", "b300", "rtx5090": .blackwell
    case _ where id.hasPrefix("h"): .hopper
    case "l40s", "l40", "l4", "rtx4090", "rtx6000-ada": .ada
    case "t4": .turing
    case "v100": .volta
    case _ where vendor == .amd: .cdna
    case _ where vendor == .intel: .gaudi
    default: .ampere
    }
  }
}

/// Weight formats grouped by how their kernels behave.
public enum PrecisionClass: String, Sendable, Hashable, CaseIterable {
  case bits16 = "16-bit"
  case bits8 = "8-bit"
  case bits4 = "4-bit"

  public init(_ precision: Precision) {
    self = precision.bits > 12 ? .bits16 : precision.bits > 6 ? .bits8 : .bits4
  }
}

/// The efficiencies fitted to published measurements (``Efficiency``), per GPU family and
/// weight-precision class, with the spread of the fit's errors for low/high ranges.
public struct Calibration: Sendable, Hashable {
  public let family: GPUFamily
  public let precision: PrecisionClass
  public let efficiency: Efficiency
  /// Spread of measured/predicted times on the fitting rows, as a factor ≥ 1 (the 80th
  /// percentile of max(ratio, 1/ratio)): low and high estimates scale the efficiencies by it.
  public let spread: Double
  /// Which measurements the factors come from, or which family they were borrowed from.
  public let basis: EfficiencyBasis

  /// The calibration for `gpu` running `precision` weights: the fitted entry of its family and
  /// class, else the same family's nearest class, else the stand-in family's (wider spread).
  public static func of(gpu: GPUSpec, precision: Precision) -> Calibration {
    let wanted = PrecisionClass(precision)
    let family = gpu.family
    let order: [PrecisionClass] =
      switch wanted {
      case .bits16: [.bits16, .bits8, .bits4]
      case .bits8: [.bits8, .bits16, .bits4]
      case .bits4: [.bits4, .bits8, .bits16]
      }
    for source in [family, family.standIn] {
      for (rank, kind) in order.enumerated() {
        guard let entry = fitted.first(where: { $0.family == source && $0.precision == kind })
        else { continue }
        if source == family && rank == 0 { return entry }
        return Calibration(
          family: family, precision: wanted, efficiency: entry.efficiency,
          spread: entry.spread * 1.15,
          basis: .borrowed(family: family, wanted: wanted, source: source, sourceClass: kind))
      }
    }
    return Calibration(
      family: family, precision: wanted, efficiency: .standard, spread: 1.5, basis: .uncalibrated)
  }

  /// Low (faster) and high (slower) efficiencies.
  public var optimistic: Efficiency { efficiency.scaled(by: spread) }
  public var pessimistic: Efficiency { efficiency.scaled(by: 1 / spread) }
  /// Expected, optimistic and pessimistic together.
  public var range: EfficiencyRange {
    EfficiencyRange(
      expected: efficiency, optimistic: optimistic, pessimistic: pessimistic, basis: basis)
  }

  /// Fitted by `scripts/calibrate.py fit` to published TensorRT-LLM and gpt-fast measurements
  /// (README, "Calibration").
  static let fitted: [Calibration] = [
    entry(
      .ada, .bits16,
      Efficiency(
        prefillCompute: 0.386, decodeCompute: 0.187, memory: 1.000,
        attention: 0.0086, prefillSecondsPerLayer: 142.4e-6, decodeSecondsPerLayer: 0.6e-6,
        collectiveLatencyScale: 3.21), spread: 1.39),
    entry(
      .ada, .bits8,
      Efficiency(
        prefillCompute: 0.431, decodeCompute: 0.270, memory: 0.864,
        attention: 0.0086, prefillSecondsPerLayer: 142.4e-6, decodeSecondsPerLayer: 0.6e-6,
        collectiveLatencyScale: 3.21), spread: 1.36),
    entry(
      .ampere, .bits16,
      Efficiency(
        prefillCompute: 0.693, decodeCompute: 0.433, memory: 0.864,
        attention: 0.0134, prefillSecondsPerLayer: 295.2e-6, decodeSecondsPerLayer: 42.2e-6,
        collectiveLatencyScale: 1.97), spread: 1.17),
    entry(
      .ampere, .bits4,
      Efficiency(
        prefillCompute: 0.700, decodeCompute: 0.700, memory: 0.448,
        attention: 0.0134, prefillSecondsPerLayer: 295.2e-6, decodeSecondsPerLayer: 42.2e-6,
        collectiveLatencyScale: 1.97), spread: 1.04),
    entry(
      .ampere, .bits8,
      Efficiency(
        prefillCompute: 0.700, decodeCompute: 0.700, memory: 0.622,
        attention: 0.0134, prefillSecondsPerLayer: 295.2e-6, decodeSecondsPerLayer: 42.2e-6,
        collectiveLatencyScale: 1.97), spread: 1.10),
    entry(
      .hopper, .bits16,
      Efficiency(
        prefillCompute: 0.536, decodeCompute: 0.193, memory: 0.803,
        attention: 0.0145, prefillSecondsPerLayer: 93.0e-6, decodeSecondsPerLayer: 17.3e-6,
        collectiveLatencyScale: 1.97), spread: 1.38),
    entry(
      .hopper, .bits8,
      Efficiency(
        prefillCompute: 0.463, decodeCompute: 0.277, memory: 0.519,
        attention: 0.0145, prefillSecondsPerLayer: 93.0e-6, decodeSecondsPerLayer: 17.3e-6,
        collectiveLatencyScale: 1.97), spread: 1.53),
  ]

  static func entry(
    _ family: GPUFamily, _ precision: PrecisionClass, _ efficiency: Efficiency, spread: Double
  ) -> Calibration {
    Calibration(
      family: family, precision: precision, efficiency: efficiency, spread: spread,
      basis: .fitted(family, precision))
  }
}
