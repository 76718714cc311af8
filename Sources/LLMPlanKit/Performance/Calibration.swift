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

/// The engine release a set of measurements came from: `trtllm@0.17`.
public struct MeasuredRelease: Sendable, Hashable, CustomStringConvertible {
  public let engine: Engine
  public let version: EngineVersion

  public init(_ engine: Engine, _ version: EngineVersion) {
    self.engine = engine
    self.version = version
  }

  public var description: String { "\(engine.rawValue)@\(version)" }

  /// Whether `profile` is the release line these measurements are of.
  public func isOf(_ profile: any EngineProfile) -> Bool {
    profile.engine == engine && profile.since <= version && version <= profile.version
  }
}

/// The efficiencies fitted to published measurements (``Efficiency``), per engine release, GPU
/// family and weight-precision class, with the spread of the fit's errors for low/high ranges.
///
/// Kernels and schedulers change between releases (the same configurations run about 1.4×
/// faster in TensorRT-LLM 0.17 than in 0.10), so each fit belongs to the release it was
/// measured on. A profile without measurements of its own takes the nearest measured release's
/// (``EngineProfile/measurements``) and says so, with a range widened by 15 %.
public struct Calibration: Sendable, Hashable {
  /// TensorRT-LLM 0.9 static batching and TTFT, 0.10 in-flight batching at full load, and
  /// gpt-fast's batch-1 decode (the set every release borrowed before 0.17 was measured).
  public static let trtllm010 = MeasuredRelease(.trtllm, EngineVersion(0, 10))
  /// TensorRT-LLM 0.17 `trtllm-bench` in-flight batching at an infinite request rate.
  public static let trtllm017 = MeasuredRelease(.trtllm, EngineVersion(0, 17))

  public let release: MeasuredRelease
  public let family: GPUFamily
  public let precision: PrecisionClass
  public let efficiency: Efficiency
  /// Spread of measured/predicted times on the fitting rows, as a factor ≥ 1 (the 80th
  /// percentile of max(ratio, 1/ratio)): low and high estimates scale the efficiencies by it.
  public let spread: Double
  /// Which measurements the factors come from, or which family they were borrowed from.
  public let basis: EfficiencyBasis

  /// The calibration for `gpu` running `precision` weights on `engine`: the fitted entry of
  /// the engine's measured release (``EngineProfile/measurements``), family and class; else,
  /// nearest first, the same class of the TensorRT-LLM 0.10 set (a precision's kernels differ
  /// more than releases do), the release's nearest class, the stand-in family's. Every step
  /// away from the engine's own measurements widens the spread by 15 %.
  public static func of(gpu: GPUSpec, precision: Precision, engine: any EngineProfile)
    -> Calibration
  {
    let wanted = PrecisionClass(precision)
    let family = gpu.family
    let order: [PrecisionClass] =
      switch wanted {
      case .bits16: [.bits16, .bits8, .bits4]
      case .bits8: [.bits8, .bits16, .bits4]
      case .bits4: [.bits4, .bits8, .bits16]
      }
    let releases = [engine.measurements] + (engine.measurements == trtllm010 ? [] : [trtllm010])
    let own = engine.measurements.isOf(engine)
    for source in [family, family.standIn] {
      for (rank, kind) in order.enumerated() {
        for release in releases {
          guard
            let entry = fitted.first(where: {
              $0.release == release && $0.family == source && $0.precision == kind
            })
          else { continue }
          let sameRelease = own && release == engine.measurements
          if sameRelease && source == family && rank == 0 { return entry }
          var spread = entry.spread
          if !sameRelease { spread *= 1.15 }
          if source != family || rank != 0 { spread *= 1.15 }
          return Calibration(
            release: release, family: family, precision: wanted, efficiency: entry.efficiency,
            spread: spread,
            basis: .borrowed(
              family: family, wanted: wanted, source: source, sourceClass: kind,
              measurements: release.description, engine: engine.id))
        }
      }
    }
    return Calibration(
      release: engine.measurements, family: family, precision: wanted, efficiency: .standard,
      spread: 1.5, basis: .uncalibrated)
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
      trtllm010, .ada, .bits16,
      Efficiency(
        compute: 0.356, gemmHalfTokens: 118.6, memory: 0.900, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 0.6e-6, decodeSecondsPerLayer: 40.0e-6,
        collectiveLatencyScale: 5.38,
        hostSecondsPerSequence: 1.29e-6), spread: 1.43),
    entry(
      trtllm010, .ada, .bits8,
      Efficiency(
        compute: 0.356, gemmHalfTokens: 142.4, memory: 0.900, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 0.6e-6, decodeSecondsPerLayer: 40.0e-6,
        collectiveLatencyScale: 5.38,
        hostSecondsPerSequence: 1.29e-6), spread: 1.41),
    entry(
      trtllm010, .ampere, .bits16,
      Efficiency(
        compute: 0.687, gemmHalfTokens: 118.6, memory: 0.750, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 4.6e-6, decodeSecondsPerLayer: 27.8e-6,
        collectiveLatencyScale: 2.36,
        hostSecondsPerSequence: 29.67e-6), spread: 1.22),
    entry(
      trtllm010, .ampere, .bits4,
      Efficiency(
        compute: 0.825, gemmHalfTokens: 64.0, memory: 0.434, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 4.6e-6, decodeSecondsPerLayer: 27.8e-6,
        collectiveLatencyScale: 2.36,
        hostSecondsPerSequence: 29.67e-6), spread: 1.04),
    entry(
      trtllm010, .ampere, .bits8,
      Efficiency(
        compute: 0.274, gemmHalfTokens: 64.0, memory: 0.625, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 4.6e-6, decodeSecondsPerLayer: 27.8e-6,
        collectiveLatencyScale: 2.36,
        hostSecondsPerSequence: 29.67e-6), spread: 1.07),
    entry(
      trtllm010, .hopper, .bits16,
      Efficiency(
        compute: 0.406, gemmHalfTokens: 82.4, memory: 0.900, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 42.3e-6, decodeSecondsPerLayer: 40.0e-6,
        collectiveLatencyScale: 1.97, expertCompute: 0.622,
        hostSecondsPerSequence: 17.17e-6), spread: 1.42),
    entry(
      trtllm010, .hopper, .bits8,
      Efficiency(
        compute: 0.487, gemmHalfTokens: 170.8, memory: 0.427, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 42.3e-6, decodeSecondsPerLayer: 40.0e-6,
        collectiveLatencyScale: 1.97, expertCompute: 0.622,
        hostSecondsPerSequence: 17.17e-6), spread: 1.33),
    entry(
      trtllm017, .ada, .bits8,
      Efficiency(
        compute: 0.356, gemmHalfTokens: 142.4, memory: 0.434, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 0.6e-6, decodeSecondsPerLayer: 40.0e-6,
        collectiveLatencyScale: 5.38, expertCompute: 0.482,
        hostSecondsPerSequence: 2.23e-6), spread: 1.26),
    entry(
      trtllm017, .ampere, .bits16,
      Efficiency(
        compute: 0.687, gemmHalfTokens: 118.6, memory: 0.625, kvMemory: 0.900,
        attention: 0.0500, prefillSecondsPerLayer: 4.6e-6, decodeSecondsPerLayer: 27.8e-6,
        collectiveLatencyScale: 2.36, expertCompute: 0.833,
        hostSecondsPerSequence: 17.17e-6), spread: 1.13),
    entry(
      trtllm017, .hopper, .bits8,
      Efficiency(
        compute: 0.584, gemmHalfTokens: 57.2, memory: 0.738, kvMemory: 0.750,
        attention: 0.0500, prefillSecondsPerLayer: 42.3e-6, decodeSecondsPerLayer: 40.0e-6,
        collectiveLatencyScale: 1.97, expertCompute: 0.746,
        hostSecondsPerSequence: 5.75e-6), spread: 1.15),
  ]

  static func entry(
    _ release: MeasuredRelease, _ family: GPUFamily, _ precision: PrecisionClass,
    _ efficiency: Efficiency, spread: Double
  ) -> Calibration {
    Calibration(
      release: release, family: family, precision: precision, efficiency: efficiency,
      spread: spread, basis: .fitted(family, precision, measurements: release.description))
  }
}
