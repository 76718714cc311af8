/// Amdahl's law (Amdahl, AFIPS 1967): with a fraction p of the work parallel over N GPUs,
/// S(N) = 1 / ((1 − p) + p / N).
public enum Amdahl {
  public static func speedup(parallelFraction p: Double, gpus: Int) -> Double {
    1 / ((1 - p) + p / Double(max(gpus, 1)))
  }

  /// The serial fraction 1 − p that explains a speedup `speedup` on `gpus` GPUs:
  /// 1/S = s + (1 − s)/N, so s = (N/S − 1) / (N − 1). 0 for one GPU; clamped to 0...1.
  public static func serialFraction(speedup: Double, gpus: Int) -> Double {
    guard gpus > 1, speedup > 0 else { return 0 }
    let n = Double(gpus)
    return min(1, max(0, (n / speedup - 1) / (n - 1)))
  }

  /// The serial fraction that best explains several (N, S) points: least squares on
  /// 1/S − 1/N = s · (1 − 1/N), which is linear in s. `nil` without a point beyond one GPU.
  public static func fittedSerialFraction(_ points: [(gpus: Int, speedup: Double)]) -> Double? {
    var xy = 0.0
    var xx = 0.0
    for point in points where point.gpus > 1 && point.speedup > 0 {
      let n = Double(point.gpus)
      let x = 1 - 1 / n
      xy += x * (1 / point.speedup - 1 / n)
      xx += x * x
    }
    guard xx > 0 else { return nil }
    return min(1, max(0, xy / xx))
  }
}
