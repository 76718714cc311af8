/// The fractions of peak that real kernels reach, and the fixed costs rooflines leave out.
///
/// A forward pass costs, per layer, max(FLOPs / (peak · compute), bytes / (bandwidth · memory))
/// plus a fixed per-layer overhead (kernel launches and scheduling a roofline does not see:
/// ``prefillSecondsPerLayer`` per layer of a prompt pass, ``decodeSecondsPerLayer`` per layer of
/// a step), plus its collectives (``Collectives``), whose per-call latency is the link's
/// (``Topology/Interconnect``) times ``collectiveLatencyScale``.
///
/// Three sets exist: ``ideal`` (pure roofline, what most planners print), ``standard`` (the
/// pre-calibration defaults below), and the fitted ones in ``Calibration``, which the planner
/// uses unless told otherwise.
public struct Efficiency: Sendable, Hashable {
  /// Fraction of the dense tensor-core peak a prefill (prompt) matmul reaches.
  public var prefillCompute: Double
  /// Fraction of the dense tensor-core peak a decode matmul reaches (skinny GEMMs).
  public var decodeCompute: Double
  /// Fraction of the memory bandwidth weight and KV reads reach.
  public var memory: Double
  /// Fraction of the 16-bit dense peak decode attention's FLOPs reach (a decode step's
  /// attention is a batched matrix-vector product per sequence, far from tensor-core peak).
  public var attention: Double
  /// Seconds of fixed cost per layer of a prompt pass.
  public var prefillSecondsPerLayer: Double
  /// Seconds of fixed cost per layer of a decode step.
  public var decodeSecondsPerLayer: Double
  /// Multiplier on the link's per-call collective latency.
  public var collectiveLatencyScale: Double
  /// Fraction of the dense matmul efficiency a MoE layer's routed experts reach: their grouped
  /// GEMMs split the tokens over many small matrices (a few tokens per expert in a decode step,
  /// padded to the kernel's tile), so they run further from peak than a dense GEMM of the same
  /// FLOPs. 1 for dense models and the uncalibrated sets.
  public var expertCompute: Double

  public init(
    prefillCompute: Double, decodeCompute: Double, memory: Double, attention: Double,
    prefillSecondsPerLayer: Double = 0, decodeSecondsPerLayer: Double = 0,
    collectiveLatencyScale: Double = 1, expertCompute: Double = 1
  ) {
    self.expertCompute = expertCompute
    self.prefillCompute = prefillCompute
    self.decodeCompute = decodeCompute
    self.memory = memory
    self.attention = attention
    self.prefillSecondsPerLayer = prefillSecondsPerLayer
    self.decodeSecondsPerLayer = decodeSecondsPerLayer
    self.collectiveLatencyScale = collectiveLatencyScale
  }

  /// One compute fraction for both phases.
  public init(compute: Double, memory: Double) {
    self.init(
      prefillCompute: compute, decodeCompute: compute, memory: memory, attention: compute)
  }

  /// The pure roofline: every peak reached, nothing fixed.
  public static let ideal = Efficiency(compute: 1, memory: 1)

  /// Pre-calibration defaults from published measurements: the best GEMMs reach 73–87 % of the
  /// dense tensor peak on A100/H100/B200 (stas00/ml-engineering, "Maximum Achievable Matmul
  /// FLOPS"; 0.70 taken, since serving shapes are smaller), and weight streaming reaches 84 %
  /// of HBM peak on H100 while paged attention reads KV at 42–57 % (0.80 taken).
  public static let standard = Efficiency(compute: 0.70, memory: 0.80)

  /// Every fraction multiplied by `factor` (capped at 1) and the fixed costs divided by it:
  /// `factor` < 1 gives a slower machine.
  public func scaled(by factor: Double) -> Efficiency {
    Efficiency(
      prefillCompute: min(1, prefillCompute * factor),
      decodeCompute: min(1, decodeCompute * factor),
      memory: min(1, memory * factor), attention: min(1, attention * factor),
      prefillSecondsPerLayer: prefillSecondsPerLayer / factor,
      decodeSecondsPerLayer: decodeSecondsPerLayer / factor,
      collectiveLatencyScale: collectiveLatencyScale / factor,
      expertCompute: min(1, expertCompute * factor))
  }
}

/// Which efficiencies an estimate uses: a base set, with single factors overridden.
public struct EfficiencySetting: Sendable, Hashable {
  /// The sets to start from.
  public enum Base: String, Sendable, Hashable, CaseIterable {
    /// The fitted ``Calibration`` of the GPU and precision, with its low/high spread.
    case calibrated
    /// The pre-calibration defaults (``Efficiency/standard``).
    case standard
    /// The pure roofline (``Efficiency/ideal``).
    case ideal
  }

  /// One factor set explicitly.
  public enum Override: Sendable, Hashable {
    case prefillCompute(Double)
    case decodeCompute(Double)
    case memory(Double)
    case attention(Double)
    case prefillSecondsPerLayer(Double)
    case decodeSecondsPerLayer(Double)
    case collectiveLatencyScale(Double)
    case expertCompute(Double)
  }

  public let base: Base
  /// Applied in order to the base's expected set; with any, the range collapses to that set.
  public let overrides: [Override]

  public init(base: Base = .calibrated, overrides: [Override] = []) {
    self.base = base
    self.overrides = overrides
  }

  public static let calibrated = EfficiencySetting()

  /// Expected, optimistic and pessimistic efficiencies for `gpu` running `precision` weights,
  /// and where they come from.
  public func resolve(gpu: GPUSpec, precision: Precision, engine: any EngineProfile)
    -> EfficiencyRange
  {
    let range: EfficiencyRange =
      switch base {
      case .calibrated:
        Calibration.of(gpu: gpu, precision: precision, engine: engine).range
      case .standard: EfficiencyRange(single: .standard, basis: .standard)
      case .ideal: EfficiencyRange(single: .ideal, basis: .ideal)
      }
    guard !overrides.isEmpty else { return range }
    var efficiency = range.expected
    for override in overrides {
      switch override {
      case .prefillCompute(let value): efficiency.prefillCompute = value
      case .decodeCompute(let value): efficiency.decodeCompute = value
      case .memory(let value): efficiency.memory = value
      case .attention(let value): efficiency.attention = value
      case .prefillSecondsPerLayer(let value): efficiency.prefillSecondsPerLayer = value
      case .decodeSecondsPerLayer(let value): efficiency.decodeSecondsPerLayer = value
      case .collectiveLatencyScale(let value): efficiency.collectiveLatencyScale = value
      case .expertCompute(let value): efficiency.expertCompute = value
      }
    }
    return EfficiencyRange(single: efficiency, basis: .given)
  }
}

/// Expected efficiencies with a faster and a slower variant.
public struct EfficiencyRange: Sendable, Hashable {
  public let expected: Efficiency
  /// Faster than expected: the low end of time estimates.
  public let optimistic: Efficiency
  /// Slower than expected: the high end of time estimates.
  public let pessimistic: Efficiency
  public let basis: EfficiencyBasis

  public init(
    expected: Efficiency, optimistic: Efficiency, pessimistic: Efficiency, basis: EfficiencyBasis
  ) {
    self.expected = expected
    self.optimistic = optimistic
    self.pessimistic = pessimistic
    self.basis = basis
  }

  public init(single: Efficiency, basis: EfficiencyBasis) {
    self.init(expected: single, optimistic: single, pessimistic: single, basis: basis)
  }
}

/// Where a set of efficiencies comes from.
public enum EfficiencyBasis: Sendable, Hashable {
  /// Fitted on the engine release's measurements (`trtllm@0.17`) of the family and class.
  case fitted(GPUFamily, PrecisionClass, measurements: String)
  /// No measurements of `engine` (a profile id) on `family` × `wanted`; taken from the
  /// `measurements` release's `source` × `sourceClass` fit.
  case borrowed(
    family: GPUFamily, wanted: PrecisionClass, source: GPUFamily, sourceClass: PrecisionClass,
    measurements: String, engine: String)
  /// No fitted entry anywhere: the standard defaults, widely spread.
  case uncalibrated
  /// ``Efficiency/standard`` asked for.
  case standard
  /// ``Efficiency/ideal`` asked for.
  case ideal
  /// Factors given explicitly.
  case given

  /// A stable machine name (README, "Rule and rejection codes").
  public var code: String {
    switch self {
    case .fitted: "calibration.fitted"
    case .borrowed: "calibration.borrowed"
    case .uncalibrated: "calibration.none"
    case .standard: "efficiency.standard"
    case .ideal: "efficiency.ideal"
    case .given: "efficiency.given"
    }
  }
}
