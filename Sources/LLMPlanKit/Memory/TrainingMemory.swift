/// Memory to train with Adam, two rules.
public enum TrainingMemory {
  /// accelerate's `estimate-memory` rule, (Hugging Face accelerate docs, "Model memory estimator"): ≈ 4 × the model size at that
  /// dtype = weights 1× + gradients 1× + Adam's two moments 2×. Activations are not counted.
  public static func accelerate(weights: Bytes) -> (weights: Bytes, gradients: Bytes, adam: Bytes) {
    (weights, weights, weights * 2)
  }

  /// Mixed-precision Adam as ZeRO counts it: 16 bytes per parameter (bf16 weights 2 + bf16
  /// gradients 2 + fp32 master weights 4 + fp32 moments 8), activations not counted.
  public static func mixedPrecisionAdam(parameters: Int) -> Bytes {
    Bytes(Double(parameters) * 16)
  }
}
