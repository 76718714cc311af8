/// One decode step of a layout (one new token for every running sequence), term by term.
///
/// Per stage and micro-batch, on one GPU:
/// - work = max(FLOPs / (dense peak · compute efficiency), bytes / (bandwidth · memory
///   efficiency)); FLOPs = 2 · active parameters per token + attention over the held context;
///   bytes = the stage's weights (routed experts only as far as the micro-batch touches them:
///   E · (1 − (1 − k/E)^tokens) of E experts) + the KV of its sequences.
/// - TP: two all-reduces per layer, ring cost 2(t − 1)/t · tokens · hidden · 2 B / link + the
///   call's latency (launch + 2(t − 1) hops, ``Topology/Interconnect``).
/// - EP: an all-to-all dispatch and combine per MoE layer, of tokens · k · hidden · 2 B.
/// - PP: one point-to-point send of tokens · hidden · 2 B per stage boundary.
///
/// Pipeline stages run micro-batches (vLLM runs pp of them): the step takes the longer of one
/// micro-batch's trip through every stage and the slowest stage's busy time, so PP only helps
/// throughput when there are sequences to fill the pipe, and each micro-batch re-reads the
/// stage's weights.
///
/// The speedup compares with one ideal GPU that has room for everything and produces the same
/// tokens; Amdahl's serial fraction follows from it: s = (N/S − 1) / (N − 1).
public struct DecodeStep: Sendable, Hashable {
  public struct Stage: Sendable, Hashable {
    public let layers: Int
    public let computeSeconds: Double
    public let memorySeconds: Double
    public let tensorParallelSeconds: Double
    public let expertParallelSeconds: Double

    /// Seconds one micro-batch spends on this stage.
    public var seconds: Double {
      max(computeSeconds, memorySeconds) + tensorParallelSeconds + expertParallelSeconds
    }
  }

  public let layout: Layout
  /// Sequences each attention group runs in one step.
  public let sequencesPerGroup: Int
  public let microBatches: Int
  public let stages: [Stage]
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
  /// attention group, of `request.context` tokens each; `tokensPerCycle` defaults to every
  /// group's sequences.
  public static func evaluate(
    _ request: PlanRequest, layout: Layout, stageLayers: [Int], sequencesPerGroup: Int,
    tokensPerCycle: Int? = nil, topology: Topology, efficiency: Efficiency = .standard,
    count: ParameterCount? = nil
  ) -> DecodeStep {
    let count = count ?? request.model.parameters
    let sequences = max(1, sequencesPerGroup)
    let tokens = tokensPerCycle ?? sequences * layout.attentionGroups
    let micro = min(layout.pp, sequences)
    let perMicro = (sequences + micro - 1) / micro
    let tensorLink = topology.link(forGroupOf: layout.tp)
    let expertLink = topology.link(forGroupOf: layout.expertGroup)
    let stageLink = topology.link(forGroupOf: layout.gpusPerReplica)
    let shape = Shape(request, count: count, efficiency: efficiency)
    var start = 0
    let stages = stageLayers.enumerated().map { index, layers in
      defer { start += layers }
      return shape.stage(
        layers: start..<(start + layers), isLast: index == stageLayers.count - 1,
        tokens: perMicro, layout: layout, tensorLink: tensorLink, expertLink: expertLink)
    }
    let message = Double(perMicro) * shape.activationBytesPerToken
    let transfer = layout.pp > 1 ? stageLink.sendLatency + message / stageLink.bytesPerSecond : 0
    let trip = stages.map(\.seconds).reduce(0, +) + Double(layout.pp - 1) * transfer
    let busiest = (stages.map(\.seconds).max() ?? 0) + transfer
    let cycle = max(trip, Double(micro) * busiest)
    let reference = shape.stage(
      layers: 0..<request.model.layers, isLast: true, tokens: tokens, layout: Layout(tp: 1, pp: 1),
      tensorLink: tensorLink, expertLink: expertLink
    ).seconds
    return DecodeStep(
      layout: layout, sequencesPerGroup: sequences, microBatches: micro, stages: stages,
      transferSeconds: transfer, cycleSeconds: cycle, tokensPerCycle: tokens,
      referenceSeconds: reference,
      communicationBytesPerToken: shape.communicationBytesPerToken(layout), tensorLink: tensorLink,
      stageLink: stageLink)
  }

  /// The model, precision and GPU figures a step needs, computed once.
  struct Shape {
    let request: PlanRequest
    let count: ParameterCount
    let weightBytes: Double
    let edgeBytes: Double
    let peakFLOPS: Double
    let bandwidth: Double
    let activationBytesPerToken: Double
    /// Attention FLOPs per held token per layer, before the TP split.
    let attentionFLOPsPerToken: Double

    init(_ request: PlanRequest, count: ParameterCount, efficiency: Efficiency) {
      let model = request.model
      self.request = request
      self.count = count
      weightBytes = request.precision.bytes
      edgeBytes = WeightMemory.edgeBits(model, request.precision) / 8
      let peak = request.gpu.compute.peak(for: request.precision.computePath).dense
      peakFLOPS = peak * 1e12 * efficiency.compute
      bandwidth = request.gpu.bandwidthTBps * 1e12 * efficiency.memory
      activationBytesPerToken = Double(model.hidden) * model.activationPrecision.bytes
      if let mla = model.latentAttention {
        let qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim
        attentionFLOPsPerToken = 2 * Double(model.heads * (qk + mla.vHeadDim))
      } else {
        attentionFLOPsPerToken = 4 * Double(model.heads * model.headDim)
      }
    }

    func stage(
      layers: Range<Int>, isLast: Bool, tokens: Int, layout: Layout,
      tensorLink: Topology.Interconnect, expertLink: Topology.Interconnect
    ) -> Stage {
      let model = request.model
      let tp = Double(layout.tp)
      let group = Double(layout.expertGroup)
      let n = Double(tokens)
      let kvPerLayer = KVCache.bytesPerTokenPerLayer(
        model, precision: request.kvPrecision, tp: layout.tp)
      // Tokens reaching one stage's experts: every attention group of the expert pool.
      let touched = model.moe.map { moe in
        1 - power(1 - Double(moe.expertsPerToken) / Double(moe.experts), tokens * layout.ep)
      }
      var flops = 0.0
      var bytes = 0.0
      var moeLayers = 0
      for index in layers {
        let routed = Double(count.routedExperts[index])
        let dense = Double(count.layers[index]) - routed
        let held = Double(KVCache.tokensHeld(model, layer: index, context: request.context))
        var active = dense
        bytes += dense / tp * weightBytes + n * held * kvPerLayer
        if routed > 0, let moe = model.moe, let touched {
          moeLayers += 1
          active += routed * Double(moe.expertsPerToken) / Double(moe.experts)
          bytes += touched * routed / group * weightBytes
        }
        flops += n * (2 * active / tp + attentionFLOPsPerToken * held / tp)
      }
      if isLast {
        let head = Double(model.vocab * model.hidden)
        bytes += head / tp * edgeBytes
        flops += n * 2 * head / tp
      }
      let message = n * activationBytesPerToken
      var tensorSeconds = 0.0
      if layout.tp > 1 {
        let ring = 2 * (tp - 1) / tp * message / tensorLink.bytesPerSecond
        let latency = tensorLink.allReduceLatency(gpus: layout.tp)
        tensorSeconds = 2 * Double(layers.count) * (latency + ring)
      }
      var expertSeconds = 0.0
      if layout.ep > 1, let moe = model.moe {
        let sent = message * Double(moe.expertsPerToken) / tp * (group - 1) / group
        let latency = expertLink.allToAllLatency(gpus: layout.expertGroup)
        expertSeconds = 2 * Double(moeLayers) * (latency + sent / expertLink.bytesPerSecond)
      }
      return Stage(
        layers: layers.count, computeSeconds: flops / peakFLOPS, memorySeconds: bytes / bandwidth,
        tensorParallelSeconds: tensorSeconds, expertParallelSeconds: expertSeconds)
    }

    /// Bytes sent over links per generated token, summed over the replica's GPUs.
    func communicationBytesPerToken(_ layout: Layout) -> Double {
      let model = request.model
      let a = activationBytesPerToken
      var total = 4 * Double(layout.tp - 1) * Double(model.layers) * a
      total += Double(layout.pp - 1) * a
      if layout.ep > 1, let moe = model.moe {
        let moeLayers = count.routedExperts.filter { $0 > 0 }.count
        let group = Double(layout.expertGroup)
        total += 2 * Double(moeLayers * moe.expertsPerToken) * a * (group - 1) / group
      }
      return total
    }
  }
}

/// `base` to a non-negative integer power, by squaring (the standard library has no `pow`).
func power(_ base: Double, _ exponent: Int) -> Double {
  var result = 1.0
  var factor = base
  var remaining = max(exponent, 0)
  while remaining > 0 {
    if remaining & 1 == 1 { result *= factor }
    factor *= factor
    remaining >>= 1
  }
  return result
}
