/// The fractions of peak that real kernels reach, and the fixed costs rooflines leave out.
///
/// A forward pass costs, per layer, max(FLOPs / (peak · e(M)), bytes / (bandwidth · memory))
/// plus a fixed per-layer overhead (kernel launches and scheduling a roofline does not see:
/// ``prefillSecondsPerLayer`` per layer of a prompt pass, ``decodeSecondsPerLayer`` per layer of
/// a step), plus its collectives (``Collectives``), whose per-call latency is the link's
/// (``Topology/Interconnect``) times ``collectiveLatencyScale``.
///
/// GEMM efficiency depends on the rows M of the matmul, the tokens of the step (``gemm(rows:)``):
/// e(M) = compute · M / (M + gemmHalfTokens). Skinny decode GEMMs leave most of a tile and of
/// the GPU's waves empty and are memory-bound anyway; thousands of prompt rows approach
/// ``compute``. One curve covers decode steps, prompts and the mixed iterations of continuous
/// batching, so a step does not jump in speed when a small prompt chunk joins it.
///
/// Three sets exist: ``ideal`` (pure roofline, what most planners print), ``standard`` (the
/// pre-calibration defaults below), and the fitted ones in ``Calibration``, which the planner
/// uses unless told otherwise.
public struct Efficiency: Sendable, Hashable {
  /// Fraction of the dense tensor-core peak a GEMM of many rows (thousands of prompt tokens)
  /// reaches: the curve's asymptote.
  public var compute: Double
  /// Rows (tokens in the step) at which a GEMM reaches half of ``compute``; 0: a flat curve.
  public var gemmHalfTokens: Double
  /// Fraction of the memory bandwidth weight reads reach (long contiguous streams).
  public var memory: Double
  /// Fraction of the memory bandwidth decode attention's KV reads reach: paged attention
  /// gathers blocks scattered over the cache, per sequence, and reaches less than a weight
  /// stream (42–57 % of HBM peak measured for vLLM's paged attention; FlashInfer and
  /// TensorRT-LLM's XQA more).
  public var kvMemory: Double
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
  /// Seconds of host work per sequence in each iteration (scheduling, sampling, detokenizing,
  /// bookkeeping the runtime does per request between forward passes): what makes a large
  /// batch's step slower than its kernels and short requests reach a ceiling.
  public var hostSecondsPerSequence: Double

  public init(
    compute: Double, gemmHalfTokens: Double, memory: Double, kvMemory: Double? = nil,
    attention: Double,
    prefillSecondsPerLayer: Double = 0, decodeSecondsPerLayer: Double = 0,
    collectiveLatencyScale: Double = 1, expertCompute: Double = 1,
    hostSecondsPerSequence: Double = 0
  ) {
    self.hostSecondsPerSequence = hostSecondsPerSequence
    self.expertCompute = expertCompute
    self.compute = compute
    self.gemmHalfTokens = gemmHalfTokens
    self.memory = memory
    self.kvMemory = kvMemory ?? memory
    self.attention = attention
    self.prefillSecondsPerLayer = prefillSecondsPerLayer
    self.decodeSecondsPerLayer = decodeSecondsPerLayer
    self.collectiveLatencyScale = collectiveLatencyScale
  }

  /// One compute fraction at every GEMM size.
  public init(compute: Double, memory: Double) {
    self.init(compute: compute, gemmHalfTokens: 0, memory: memory, attention: compute)
  }

  /// Fraction of the dense peak a GEMM of `rows` rows reaches: compute · M / (M + M½).
  public func gemm(rows: Double) -> Double {
    guard gemmHalfTokens > 0 else { return compute }
    let m = max(rows, 1)
    return compute * m / (m + gemmHalfTokens)
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
      compute: min(1, compute * factor), gemmHalfTokens: gemmHalfTokens,
      memory: min(1, memory * factor), kvMemory: min(1, kvMemory * factor),
      attention: min(1, attention * factor),
      prefillSecondsPerLayer: prefillSecondsPerLayer / factor,
      decodeSecondsPerLayer: decodeSecondsPerLayer / factor,
      collectiveLatencyScale: collectiveLatencyScale / factor,
      expertCompute: min(1, expertCompute * factor),
      hostSecondsPerSequence: hostSecondsPerSequence / factor)
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
    case compute(Double)
    case gemmHalfTokens(Double)
    case memory(Double)
    case kvMemory(Double)
    case attention(Double)
    case prefillSecondsPerLayer(Double)
    case decodeSecondsPerLayer(Double)
    case collectiveLatencyScale(Double)
    case expertCompute(Double)
    case hostSecondsPerSequence(Double)
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
      case .compute(let value): efficiency.compute = value
      case .gemmHalfTokens(let value): efficiency.gemmHalfTokens = value
      case .memory(let value): efficiency.memory = value
      case .kvMemory(let value): efficiency.kvMemory = value
      case .attention(let value): efficiency.attention = value
      case .prefillSecondsPerLayer(let value): efficiency.prefillSecondsPerLayer = value
      case .decodeSecondsPerLayer(let value): efficiency.decodeSecondsPerLayer = value
      case .collectiveLatencyScale(let value): efficiency.collectiveLatencyScale = value
      case .expertCompute(let value): efficiency.expertCompute = value
      case .hostSecondsPerSequence(let value): efficiency.hostSecondsPerSequence = value
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
