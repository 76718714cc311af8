/// What an engineer would deploy rather than the fewest GPUs that hold the model: among the
/// counts from that minimum up to one server, the layout that delivers the most output
/// tokens/s per GPU when every attention group runs as many sequences as its KV cache holds
/// (the decode step `layouts` ranks by), a larger count only for at least 10 % more; and the
/// same with FP8 weights where the GPU has FP8 tensor cores and the checkpoint is 16-bit.
///
/// The fewest GPUs often leave almost no KV cache (Llama-3-70B on 3 × H100 as TP1 × PP3 holds
/// a handful of sequences and streams every weight for them), so a wider layout serves many
/// times more tokens per GPU for the same price per GPU.
public struct DeploymentSuggestion: Sendable, Hashable {
  public struct Choice: Sendable, Hashable {
    public let precision: Precision
    public let layout: Layout
    public let sequencesPerGroup: Int
    public let tokensPerSecondPerGPU: Double
    public let msPerOutputToken: Double
    public var gpus: Int { layout.gpus }
  }

  /// The minimum's own best layout, for the comparison.
  public let minimum: Choice
  public let suggested: Choice
  /// With FP8 weights, when they apply.
  public let fp8: Choice?
}

extension Planner {
  /// The gain in tokens/s per GPU that a larger count must bring to be suggested: 10 %.
  static let worthMoreGPUs = 1.1

  /// Counts tried: the minimum, its powers of two and the server's size, up to one server.
  static func suggestionCounts(minimum: Int, node: Int) -> [Int] {
    var counts: Set<Int> = [minimum]
    var power = 1
    while power <= node {
      if power >= minimum { counts.insert(power) }
      power *= 2
    }
    if node >= minimum { counts.insert(node) }
    return counts.sorted()
  }

  /// The suggestion for `deployment` at sequences of `context` tokens; `nil` when nothing up to
  /// one server holds it.
  public static func suggest(_ deployment: Deployment, context: Int) -> DeploymentSuggestion? {
    guard deployment.method == .detailed else { return nil }
    func best(_ deployment: Deployment) -> (
      minimum: DeploymentSuggestion.Choice, best: DeploymentSuggestion.Choice
    )? {
      let node = deployment.topology.gpusPerNode
      guard
        let minimum = Planner.minimum(deployment, Workload(context: context), limit: node)
      else { return nil }
      var choices: [DeploymentSuggestion.Choice] = []
      for gpus in suggestionCounts(minimum: minimum.gpus, node: node) {
        var query = LayoutQuery(deployment: deployment, context: context, gpus: gpus)
        query.measuresShortLayouts = false
        let search = LayoutSearch(query)
        guard let candidate = search.recommended, let evaluation = candidate.evaluation else {
          continue
        }
        choices.append(
          .init(
            precision: deployment.precision, layout: candidate.layout,
            sequencesPerGroup: evaluation.sequencesPerGroup,
            tokensPerSecondPerGPU: evaluation.step.tokensPerSecondPerGPU,
            msPerOutputToken: evaluation.step.cycleSeconds * 1e3))
      }
      guard let first = choices.first else { return nil }
      // More GPUs only for at least `worthMoreGPUs` more tokens/s per GPU than the best so far.
      var top = first
      for choice in choices.dropFirst()
      where choice.tokensPerSecondPerGPU > top.tokensPerSecondPerGPU * worthMoreGPUs {
        top = choice
      }
      return (first, top)
    }
    guard let plain = best(deployment) else { return nil }
    var fp8: DeploymentSuggestion.Choice?
    if deployment.precision.bits >= 16, deployment.gpu.hasTensorCores(for: .fp8),
      deployment.engine.profile.support(.fp8, on: deployment.gpu) == .native,
      deployment.engine.profile.loads(.fp8)
    {
      fp8 = best(deployment.with(precision: .fp8))?.best
    }
    return DeploymentSuggestion(minimum: plain.minimum, suggested: plain.best, fp8: fp8)
  }
}
