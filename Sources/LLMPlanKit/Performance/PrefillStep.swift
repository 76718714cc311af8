/// The prompt pass of a layout: every sequence's input tokens through every stage, producing
/// the first output token (time to first token).
///
/// Per stage: FLOPs = prompt tokens · 2 · active parameters / tp + causal attention
/// (token i attends to min(window, i) tokens, so a 2,048-token prompt attends to
/// 2,048 · 2,049 / 2 tokens per layer), bytes = the weight shard + the KV written, with the
/// prefill compute efficiency; TP all-reduces carry the whole prompt's activations. A prompt
/// passes the stages one after another, so PP adds stages and transfers rather than dividing
/// them.
public struct PrefillStep: Sendable, Hashable {
  public let layout: Layout
  /// Prompts processed together.
  public let sequences: Int
  public let promptTokens: Int
  public let stages: [StageTime]
  public let transferSeconds: Double

  /// Seconds from the prompts' arrival to their first output token.
  public var seconds: Double {
    stages.map(\.seconds).reduce(0, +) + Double(layout.pp - 1) * transferSeconds
  }

  public static func evaluate(
    _ deployment: Deployment, layout: Layout, stageLayers: [Int], sequences: Int,
    promptTokens: Int, efficiency: Efficiency
  ) -> PrefillStep {
    let shape = PassShape(deployment)
    let sequences = max(1, sequences)
    let prompt = max(1, promptTokens)
    let stages = shape.stages(
      stageLayers: stageLayers, sequences: sequences, newTokens: prompt, context: prompt,
      phase: .prefill, layout: layout, efficiency: efficiency)
    let transfer = shape.transferSeconds(
      tokens: sequences * prompt, layout: layout, efficiency: efficiency)
    return PrefillStep(
      layout: layout, sequences: sequences, promptTokens: prompt, stages: stages,
      transferSeconds: transfer)
  }
}
