/// The fractions of peak that real kernels reach.
///
/// The defaults come from the published measurements in gpus.md ("Achievable fractions of
/// peak"): the best GEMMs reach 73–87 % of the dense tensor peak on A100/H100/B200 (0.70 taken,
/// since serving shapes are smaller), and weight streaming reaches 84 % of HBM peak on H100
/// while paged attention reads KV at 42–57 % (0.80 taken for the mix a decode step reads).
public struct Efficiency: Sendable, Hashable {
  /// Fraction of the dense tensor-core peak a matmul reaches.
  public var compute: Double
  /// Fraction of the memory bandwidth a decode step's reads reach.
  public var memory: Double

  public init(compute: Double, memory: Double) {
    self.compute = compute
    self.memory = memory
  }

  public static let standard = Efficiency(compute: 0.70, memory: 0.80)
}
