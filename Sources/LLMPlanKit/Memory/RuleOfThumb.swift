/// The serving rule of thumb M = P · 4 B / (32 / Q) · 1.2 (Substratus, "Calculating GPU memory
/// for serving LLMs", 2023, and the articles that repeat it).
///
/// P parameters, 4 bytes per fp32 parameter scaled to Q bits, and a flat 20 % for "additional
/// elements" (KV cache, activations, runtime). Reproduced exactly: 70 B parameters at 16 bit
/// give 70e9 · 4 / 2 · 1.2 = 168 GB. It compares with the marketed capacity, as those articles do.
public enum RuleOfThumb {
  public static let overheadFactor = 1.2

  /// Weights alone at Q bits: P · 4 / (32 / Q) bytes.
  public static func weights(parameters: Double, bits: Double) -> Bytes {
    Bytes(parameters * 4 / (32 / bits))
  }

  /// M: the weights × 1.2.
  public static func memory(parameters: Double, bits: Double) -> Bytes {
    weights(parameters: parameters, bits: bits) * overheadFactor
  }
}
