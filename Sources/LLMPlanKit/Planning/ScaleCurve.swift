/// Speedup against GPU count: Amdahl's law for a given parallel fraction, or derived from a
/// model's decode step on a GPU.
public struct ScaleCurve: Sendable, Hashable {
  public struct Point: Sendable, Hashable {
    public let gpus: Int
    public let speedup: Double
    /// Speedup per GPU, S(N) / N.
    public var efficiency: Double { speedup / Double(max(gpus, 1)) }
    /// Amdahl's 1 − p that this point implies.
    public var serialFraction: Double { Amdahl.serialFraction(speedup: speedup, gpus: gpus) }
    /// For the model-derived curve: the fastest layout, its step, and whether it fits.
    public let layout: Layout?
    public let stepSeconds: Double?
    public let fits: Bool?
  }

  public let points: [Point]
  /// The parallel fraction given, or the one fitted to the derived points (least squares).
  public let parallelFraction: Double?
  /// Whether the points come from a model (else from `parallelFraction` alone).
  public let isDerived: Bool

  /// S(N) = 1 / ((1 − p) + p / N) at each count.
  public static func amdahl(parallelFraction p: Double, gpus: [Int]) -> ScaleCurve {
    ScaleCurve(
      points: gpus.map {
        Point(
          gpus: $0, speedup: Amdahl.speedup(parallelFraction: p, gpus: $0), layout: nil,
          stepSeconds: nil, fits: nil)
      }, parallelFraction: p, isDerived: false)
  }

  /// At each count, the fastest layout that fits (or, if none fits, the fastest valid one)
  /// serving `concurrency` sequences; its speedup over one ideal GPU doing the same step.
  public static func derived(
    _ deployment: Deployment, context: Int, gpus: [Int], concurrency: Int,
    efficiency: Efficiency? = nil
  ) -> ScaleCurve {
    let points = gpus.map { count -> Point in
      let search = LayoutSearch(
        LayoutQuery(
          deployment: deployment, context: context, gpus: count, concurrency: concurrency,
          objective: .latency, efficiency: efficiency))
      let evaluated = search.candidates.filter { $0.evaluation != nil }
      let fastest =
        search.recommended
        ?? evaluated.min {
          $0.evaluation!.step.cycleSeconds < $1.evaluation!.step.cycleSeconds
        }
      guard let fastest, let step = fastest.evaluation?.step else {
        return Point(gpus: count, speedup: 0, layout: nil, stepSeconds: nil, fits: false)
      }
      return Point(
        gpus: count, speedup: step.speedup, layout: fastest.layout,
        stepSeconds: step.cycleSeconds, fits: fastest.fits)
    }
    let serial = Amdahl.fittedSerialFraction(
      points.filter { $0.layout != nil }.map { ($0.gpus, $0.speedup) })
    return ScaleCurve(points: points, parallelFraction: serial.map { 1 - $0 }, isDerived: true)
  }
}
