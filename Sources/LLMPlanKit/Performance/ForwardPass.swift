/// Time one GPU of a pipeline stage spends on one forward pass of a micro-batch, term by term.
public struct StageTime: Sendable, Hashable {
  public let layers: Int
  /// Matmul FLOPs / (dense peak · compute efficiency); in a prompt, attention's too.
  public let computeSeconds: Double
  /// Weight bytes read (and, in a prompt, KV written) / (bandwidth · memory efficiency).
  public let memorySeconds: Double
  /// Decode attention: max(KV bytes read / (bandwidth · memory efficiency), its FLOPs /
  /// (16-bit dense peak · attention efficiency)); 0 in a prompt, where it is in
  /// ``computeSeconds``.
  public let attentionSeconds: Double
  public let tensorParallelSeconds: Double
  public let expertParallelSeconds: Double
  /// Fixed per-layer costs (``Efficiency/prefillOverhead``, ``Efficiency/decodeOverhead``).
  public let overheadSeconds: Double

  /// Seconds one micro-batch spends on this stage.
  public var seconds: Double {
    max(computeSeconds, memorySeconds) + attentionSeconds + tensorParallelSeconds
      + expertParallelSeconds + overheadSeconds
  }
}

/// Which kind of forward pass: a prompt (many new tokens per sequence) or one decode step.
enum PassPhase: Sendable, Hashable {
  case prefill
  case decode
}

/// The model, precision and GPU figures a forward pass needs, computed once.
///
/// Per layer on one GPU: FLOPs = new tokens · (2 · active parameters / tp) + attention
/// (4 · heads · head_dim / tp per attended token, causal in a prompt); bytes = the layer's weight
/// shard (routed experts only as far as the tokens touch them: E · (1 − (1 − k/E)^tokens) of E
/// experts) + the KV the sequences read (decode) or write (prefill). TP: two all-reduces per layer
/// of tokens · hidden · 2 B, ring cost 2(t − 1)/t · message / link + the call's latency. EP: an
/// all-to-all dispatch and combine per MoE layer. The LM head runs for the last new token of
/// each sequence only.
struct PassShape {
  let request: PlanRequest
  let count: ParameterCount
  let weightBytes: Double
  let edgeBytes: Double
  let peakFLOPS: Double
  /// The 16-bit dense peak, which decode attention (over a 16- or 8-bit cache) is measured on.
  let attentionPeakFLOPS: Double
  let bandwidth: Double
  let activationBytesPerToken: Double
  /// Attention FLOPs per attended token per layer, before the TP split.
  let attentionFLOPsPerToken: Double

  init(_ request: PlanRequest, count: ParameterCount) {
    let model = request.model
    self.request = request
    self.count = count
    weightBytes = request.precision.bytes
    edgeBytes = WeightMemory.edgeBits(model, request.precision) / 8
    peakFLOPS = request.gpu.compute.peak(for: request.precision.computePath).dense * 1e12
    attentionPeakFLOPS = request.gpu.compute.fp16.dense * 1e12
    bandwidth = request.gpu.bandwidthTBps * 1e12
    activationBytesPerToken = Double(model.hidden) * model.activationPrecision.bytes
    if let mla = model.latentAttention {
      let qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim
      attentionFLOPsPerToken = 2 * Double(model.heads * (qk + mla.vHeadDim))
    } else {
      attentionFLOPsPerToken = 4 * Double(model.heads * model.headDim)
    }
  }

  /// Attended tokens summed over `newTokens` new tokens that end at `context`, for a layer
  /// that holds at most `held(n)` tokens of a sequence n long (sliding windows included).
  func attended(layer: Int, newTokens: Int, context: Int) -> Double {
    let model = request.model
    if newTokens <= 1 {
      return Double(KVCache.tokensHeld(model, layer: layer, context: context))
    }
    // Token i of the prompt (1-based, after `start` earlier tokens) attends to
    // min(window, start + i) tokens.
    let start = max(context - newTokens, 0)
    func prefix(_ n: Int) -> Double {  // Σ_{j=1…n} min(window, j)
      let w = KVCache.tokensHeld(model, layer: layer, context: n)
      let full = Double(w) * Double(w + 1) / 2
      return full + Double(n - w) * Double(w)
    }
    return prefix(context) - prefix(start)
  }

  func stage(
    layers: Range<Int>, isLast: Bool, sequences: Int, newTokens: Int, context: Int,
    phase: PassPhase, layout: Layout, tensorLink: Topology.Interconnect,
    expertLink: Topology.Interconnect, efficiency: Efficiency
  ) -> StageTime {
    let model = request.model
    let tp = Double(layout.tp)
    let group = Double(layout.expertGroup)
    let s = Double(sequences)
    let tokens = sequences * newTokens
    let n = Double(tokens)
    let kvPerLayer = KVCache.bytesPerTokenPerLayer(
      model, precision: request.kvPrecision, tp: layout.tp)
    // Tokens reaching one stage's experts: every attention group of the expert pool.
    let touched = model.moe.map { moe in
      1 - power(1 - Double(moe.expertsPerToken) / Double(moe.experts), tokens * layout.ep)
    }
    var flops = 0.0
    var bytes = 0.0
    var attentionFLOPs = 0.0
    var kvBytes = 0.0
    var moeLayers = 0
    for index in layers {
      let routed = Double(count.routedExperts[index])
      let dense = Double(count.layers[index]) - routed
      var active = dense
      // Decode reads every held token's KV; a prompt writes its new tokens' KV.
      let kvTokens =
        phase == .decode
        ? Double(KVCache.tokensHeld(model, layer: index, context: context)) : Double(newTokens)
      bytes += dense / tp * weightBytes
      kvBytes += s * kvTokens * kvPerLayer
      if routed > 0, let moe = model.moe, let touched {
        moeLayers += 1
        active += routed * Double(moe.expertsPerToken) / Double(moe.experts)
        bytes += touched * routed / group * weightBytes
      }
      let attention = attended(layer: index, newTokens: newTokens, context: context)
      flops += n * 2 * active / tp
      attentionFLOPs += s * attentionFLOPsPerToken * attention / tp
    }
    if isLast {
      let head = Double(model.vocab * model.hidden)
      bytes += head / tp * edgeBytes
      flops += s * 2 * head / tp
    }
    let message = n * activationBytesPerToken
    var tensorSeconds = 0.0
    if layout.tp > 1 {
      let ring = 2 * (tp - 1) / tp * message / tensorLink.bytesPerSecond
      let latency = tensorLink.allReduceLatency(gpus: layout.tp) * efficiency.collectiveLatency
      tensorSeconds = 2 * Double(layers.count) * (latency + ring)
    }
    var expertSeconds = 0.0
    if layout.ep > 1, let moe = model.moe {
      let sent = message * Double(moe.expertsPerToken) / tp * (group - 1) / group
      let latency =
        expertLink.allToAllLatency(gpus: layout.expertGroup) * efficiency.collectiveLatency
      expertSeconds = 2 * Double(moeLayers) * (latency + sent / expertLink.bytesPerSecond)
    }
    let memory = bandwidth * efficiency.memory
    var attentionSeconds = 0.0
    if phase == .prefill {
      flops += attentionFLOPs
      bytes += kvBytes
    } else {
      attentionSeconds = max(
        kvBytes / memory, attentionFLOPs / (attentionPeakFLOPS * efficiency.attention))
    }
    let compute = phase == .prefill ? efficiency.prefillCompute : efficiency.decodeCompute
    return StageTime(
      layers: layers.count, computeSeconds: flops / (peakFLOPS * compute),
      memorySeconds: bytes / memory, attentionSeconds: attentionSeconds,
      tensorParallelSeconds: tensorSeconds, expertParallelSeconds: expertSeconds,
      overheadSeconds: Double(layers.count)
        * (phase == .prefill ? efficiency.prefillOverhead : efficiency.decodeOverhead))
  }

  /// Every stage of `layout` for one micro-batch, in order.
  func stages(
    stageLayers: [Int], sequences: Int, newTokens: Int, context: Int, phase: PassPhase,
    layout: Layout, topology: Topology, efficiency: Efficiency
  ) -> [StageTime] {
    let tensorLink = topology.link(forGroupOf: layout.tp)
    let expertLink = topology.link(forGroupOf: layout.expertGroup)
    var start = 0
    return stageLayers.enumerated().map { index, layers in
      defer { start += layers }
      return stage(
        layers: start..<(start + layers), isLast: index == stageLayers.count - 1,
        sequences: sequences, newTokens: newTokens, context: context, phase: phase,
        layout: layout, tensorLink: tensorLink, expertLink: expertLink, efficiency: efficiency)
    }
  }

  /// Seconds to pass `tokens` tokens' activations to the next stage (0 without PP).
  func transferSeconds(tokens: Int, layout: Layout, topology: Topology, efficiency: Efficiency)
    -> Double
  {
    guard layout.pp > 1 else { return 0 }
    let link = topology.link(forGroupOf: layout.gpusPerReplica)
    let message = Double(tokens) * activationBytesPerToken
    return link.sendLatency * efficiency.collectiveLatency + message / link.bytesPerSecond
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
