/// The fractions of peak that real kernels reach, and the fixed costs rooflines leave out.
///
/// A forward pass costs, per layer, max(FLOPs / (peak · compute), bytes / (bandwidth · memory))
/// plus a fixed per-layer overhead (kernel launches and scheduling a roofline does not see:
/// ``prefillOverhead`` per layer of a prompt pass, ``decodeOverhead`` per layer of a step), plus its
/// collectives, whose per-call latency is the link's (``Topology/Interconnect``) times
/// ``collectiveLatency``.
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
  public var prefillOverhead: Double
  /// Seconds of fixed cost per layer of a decode step.
  public var decodeOverhead: Double
  /// Multiplier on the link's per-call collective latency.
  public var collectiveLatency: Double

  public init(
    prefillCompute: Double, decodeCompute: Double, memory: Double, attention: Double,
    prefillOverhead: Double = 0, decodeOverhead: Double = 0, collectiveLatency: Double = 1
  ) {
    self.prefillCompute = prefillCompute
    self.decodeCompute = decodeCompute
    self.memory = memory
    self.attention = attention
    self.prefillOverhead = prefillOverhead
    self.decodeOverhead = decodeOverhead
    self.collectiveLatency = collectiveLatency
  }

  /// One compute fraction for both phases.
  public init(compute: Double, memory: Double) {
    self.init(
      prefillCompute: compute, decodeCompute: compute, memory: memory, attention: compute)
  }

  /// The pure roofline: every peak reached, nothing fixed.
  public static let ideal = Efficiency(compute: 1, memory: 1)

  /// Pre-calibration defaults from the published measurements in gpus.md ("Achievable
  /// fractions of peak"): the best GEMMs reach 73–87 % of the dense tensor peak on
  /// A100/H100/B200 (0.70 taken, since serving shapes are smaller), and weight streaming
  /// reaches 84 % of HBM peak on H100 while paged attention reads KV at 42–57 % (0.80 taken).
  public static let standard = Efficiency(compute: 0.70, memory: 0.80)

  /// Every fraction multiplied by `factor` (capped at 1) and the fixed costs divided by it:
  /// `factor` < 1 gives a slower machine.
  public func scaled(by factor: Double) -> Efficiency {
    Efficiency(
      prefillCompute: min(1, prefillCompute * factor),
      decodeCompute: min(1, decodeCompute * factor),
      memory: min(1, memory * factor), attention: min(1, attention * factor),
      prefillOverhead: prefillOverhead / factor, decodeOverhead: decodeOverhead / factor,
      collectiveLatency: collectiveLatency / factor)
  }
}

extension Efficiency {
  /// "prefill 0.62 / decode 0.48 of peak compute, 0.78 of bandwidth, 25 µs per layer, 1.5×
  /// link latency".
  public var summary: String {
    var text =
      "prefill \(Format.fixed(prefillCompute, 2)) / decode \(Format.fixed(decodeCompute, 2)) of peak compute, \(Format.fixed(memory, 2)) of bandwidth, decode attention \(Format.number(attention, maxDecimals: 4)) of 16-bit peak"
    if prefillOverhead > 0 || decodeOverhead > 0 {
      text +=
        ", \(Format.number(prefillOverhead * 1e6, maxDecimals: 1)) / \(Format.number(decodeOverhead * 1e6, maxDecimals: 1)) µs per layer (prefill / decode)"
    }
    if collectiveLatency != 1 {
      text += ", \(Format.number(collectiveLatency, maxDecimals: 2))× link latency"
    }
    return text
  }
}
