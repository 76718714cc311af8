/// One decode step of a layout (one new token for every running sequence), term by term.
///
/// Per stage and micro-batch, on one GPU:
/// - work = max(FLOPs / (dense peak · compute efficiency), bytes / (bandwidth · memory
///   efficiency)); FLOPs = 2 · active parameters per token + attention over the held context;
///   bytes = the stage's weights (routed experts only as far as the micro-batch touches them:
///   E · (1 − (1 − k/E)^tokens) of E experts) + the KV of its sequences.
/// - collectives (``Collectives``): TP all-reduces, EP all-to-alls, PP sends.
///
/// Pipeline stages run micro-batches (vLLM runs pp of them): the step takes the longer of one
/// micro-batch's trip through every stage and the slowest stage's busy time, so PP only helps
/// throughput when there are sequences to fill the pipe, and each micro-batch re-reads the
/// stage's weights.
///
/// The speedup compares with one ideal GPU that has room for everything and produces the same
/// tokens; Amdahl's serial fraction follows from it: s = (N/S − 1) / (N − 1).
public struct DecodeStep: Sendable, Hashable {
  public typealias Stage = StageTime

  public let layout: Layout
  /// Sequences each attention group runs in one step.
  public let sequencesPerGroup: Int
  public let microBatches: Int
  public let stages: [StageTime]
  /// Seconds to pass a micro-batch's activations to the next stage.
  public let transferSeconds: Double
  /// Seconds between two tokens of one sequence (time per output token).
  public let cycleSeconds: Double
  /// Tokens the whole layout produces per cycle.
  public let tokensPerCycle: Int
  /// Seconds one ideal GPU needs for the same tokens.
  public let referenceSeconds: Double
  /// Bytes crossing GPU links per generated token (TP + EP + PP, whole replica).
  public let communicationBytesPerToken: Double
  /// What tensor-parallel (and expert) collectives and stage transfers travel on.
  public let tensorLink: Topology.Interconnect
  public let stageLink: Topology.Interconnect

  public var tokensPerSecond: Double { Double(tokensPerCycle) / cycleSeconds }
  public var tokensPerSecondPerGPU: Double { tokensPerSecond / Double(layout.gpus) }
  /// Speedup over one ideal GPU.
  public var speedup: Double { referenceSeconds / cycleSeconds }
  /// Amdahl's serial fraction implied by ``speedup`` on this many GPUs.
  public var serialFraction: Double {
    Amdahl.serialFraction(speedup: speedup, gpus: layout.gpus)
  }

  /// Evaluates `layout` with `stageLayers` per stage, `sequencesPerGroup` sequences per
  /// attention group, each holding `context` tokens; `tokensPerCycle` defaults to every
  /// group's sequences.
  public static func evaluate(
    _ deployment: Deployment, layout: Layout, stageLayers: [Int], sequencesPerGroup: Int,
    context: Int, tokensPerCycle: Int? = nil, efficiency: Efficiency = .standard
  ) -> DecodeStep {
    let sequences = max(1, sequencesPerGroup)
    let tokens = tokensPerCycle ?? sequences * layout.attentionGroups
    let micro = min(layout.pp, sequences)
    let perMicro = (sequences + micro - 1) / micro
    let shape = PassShape(deployment)
    let stages = shape.stages(
      stageLayers: stageLayers, sequences: perMicro, newTokens: 1, context: context,
      phase: .decode, layout: layout, efficiency: efficiency)
    let transfer = shape.transferSeconds(tokens: perMicro, layout: layout, efficiency: efficiency)
    let trip = stages.map(\.seconds).reduce(0, +) + Double(layout.pp - 1) * transfer
    let busiest = (stages.map(\.seconds).max() ?? 0) + transfer
    let cycle = max(trip, Double(micro) * busiest)
    let single = Layout(tp: 1, pp: 1)
    let reference = shape.stages(
      stageLayers: [deployment.model.layers], sequences: tokens, newTokens: 1, context: context,
      phase: .decode, layout: single, efficiency: efficiency
    ).map(\.seconds).reduce(0, +)
    let topology = deployment.topology
    return DecodeStep(
      layout: layout, sequencesPerGroup: sequences, microBatches: micro, stages: stages,
      transferSeconds: transfer, cycleSeconds: cycle, tokensPerCycle: tokens,
      referenceSeconds: reference,
      communicationBytesPerToken: shape.communicationBytesPerToken(layout),
      tensorLink: topology.link(forGroupOf: layout.tp),
      stageLink: topology.link(forGroupOf: layout.gpusPerReplica))
  }
}
