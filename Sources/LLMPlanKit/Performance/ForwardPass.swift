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
  /// TP all-reduces (``Collectives``).
  public let tensorParallelSeconds: Double
  /// EP all-to-alls (``Collectives``).
  public let expertParallelSeconds: Double
  /// Fixed per-layer costs (``Efficiency/prefillSecondsPerLayer``,
  /// ``Efficiency/decodeSecondsPerLayer``).
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

/// FLOPs by tensor-core path: one number per path, added per layer in the hot loop of every
/// step estimate (a dictionary keyed by the path hashed its name on every add).
struct PathFLOPs: Sendable, Hashable {
  var fp32 = 0.0
  var fp16 = 0.0
  var fp8 = 0.0
  var int8 = 0.0
  var fp4 = 0.0

  subscript(path: Precision.ComputePath) -> Double {
    get {
      switch path {
      case .fp32: fp32
      case .fp16: fp16
      case .fp8: fp8
      case .int8: int8
      case .fp4: fp4
      }
    }
    set {
      switch path {
      case .fp32: fp32 = newValue
      case .fp16: fp16 = newValue
      case .fp8: fp8 = newValue
      case .int8: int8 = newValue
      case .fp4: fp4 = newValue
      }
    }
  }

  static func + (lhs: PathFLOPs, rhs: PathFLOPs) -> PathFLOPs {
    PathFLOPs(
      fp32: lhs.fp32 + rhs.fp32, fp16: lhs.fp16 + rhs.fp16, fp8: lhs.fp8 + rhs.fp8,
      int8: lhs.int8 + rhs.int8, fp4: lhs.fp4 + rhs.fp4)
  }
}

/// The work of a forward pass over some layers on one GPU, added layer by layer: what prefill
/// and decode share before a roofline turns it into seconds.
struct PassCost {
  /// Matmul FLOPs (new tokens · 2 · active parameters / tp, + the LM head), by the tensor-core
  /// path of the weights' format.
  var matmulFLOPs = PathFLOPs()
  /// The routed experts' share of them (grouped GEMMs, ``Efficiency/expertCompute``).
  var expertFLOPs = PathFLOPs()
  /// Weight bytes read: the layers' shards (routed experts only as far as the tokens touch them).
  var weightBytes = 0.0
  /// Attention FLOPs over the attended tokens.
  var attentionFLOPs = 0.0
  /// KV bytes read (decode) or written (prefill).
  var kvBytes = 0.0
  /// MoE layers among those added.
  var moeLayers = 0
}

/// What one engine iteration runs: one new token for each of `decodeSequences` sequences at
/// `decodeContext` tokens, and `prefillTokens` prompt tokens for each of `prefillSequences`
/// prompts, ending at `prefillContext`.
struct StepWork: Sendable, Hashable {
  var decodeSequences: Int
  var decodeContext: Int
  var prefillSequences: Int
  var prefillTokens: Int
  var prefillContext: Int
}

/// The model, precision and GPU figures a forward pass needs, computed once.
///
/// Per layer on one GPU (``PassCost``): FLOPs = new tokens · (2 · active parameters / tp) +
/// attention (4 · heads · head_dim / tp per attended token, causal in a prompt); bytes = the
/// layer's weight shard (routed experts only as far as the tokens touch them:
/// E · (1 − (1 − k/E)^tokens) of E experts) + the KV the sequences read (decode) or write
/// (prefill). Collectives are in ``Collectives``. The LM head runs for the last new token of
/// each sequence only.
struct PassShape {
  let deployment: Deployment
  /// Bytes of the LM head's matrix on one GPU before the TP split.
  let headBytes: Double
  /// The 16-bit dense FLOP/s, which decode attention (over a 16- or 8-bit cache) is measured on.
  let attentionPeakFLOPS: Double
  let bandwidthBytesPerSecond: Double
  let activationBytesPerToken: Double
  /// Attention FLOPs per attended token per layer, before the TP split.
  let attentionFLOPsPerToken: Double

  init(_ deployment: Deployment) {
    let model = deployment.model
    let gpu = deployment.gpu
    self.deployment = deployment
    headBytes = deployment.weights.headMatrixBytes(model)
    attentionPeakFLOPS = gpu.compute.fp16.dense * 1e12
    bandwidthBytesPerSecond = gpu.bandwidthTBps * 1e12
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
    let model = deployment.model
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

  /// The work of `layers` (and the LM head when `isLast`) for `sequences` sequences of
  /// `newTokens` new tokens each, ending at `context` tokens.
  func cost(
    layers: Range<Int>, isLast: Bool, sequences: Int, newTokens: Int, context: Int,
    phase: PassPhase, layout: Layout
  ) -> PassCost {
    let model = deployment.model
    let count = deployment.parameters
    let weights = deployment.weights
    let tp = Double(layout.tp)
    let group = Double(layout.expertGroup)
    let s = Double(sequences)
    let tokens = sequences * newTokens
    let n = Double(tokens)
    let kvPerLayer = KVCache.bytesPerTokenPerLayer(
      model, precision: deployment.kvPrecision, tp: layout.tp)
    // Tokens reaching one stage's experts: every attention group of the expert pool.
    let touched = model.moe.map { moe in
      1 - power(1 - Double(moe.expertsPerToken) / Double(moe.experts), tokens * layout.ep)
    }
    let uniform = weights.isUniform
    let densePath = weights.attention.computePath
    var cost = PassCost()
    for index in layers {
      let routed = Double(count.routedExperts[index])
      let dense = Double(count.layers[index]) - routed
      let bytes = weights.layerBytes(count, layer: index)
      // Decode reads every held token's KV; a prompt writes its new tokens' KV.
      let kvTokens =
        phase == .decode
        ? Double(KVCache.tokensHeld(model, layer: index, context: context)) : Double(newTokens)
      cost.weightBytes += bytes.dense / tp
      cost.kvBytes += s * kvTokens * kvPerLayer
      let active = uniform ? dense : Double(count.attention[index] + count.other[index])
      if !uniform {
        cost.matmulFLOPs[weights.mlp.computePath] +=
          n * 2 * Double(count.mlp[index]) / tp
      }
      if routed > 0, let moe = model.moe, let touched {
        cost.moeLayers += 1
        let expertParameters = routed * Double(moe.expertsPerToken) / Double(moe.experts)
        let path = uniform ? densePath : weights.experts.computePath
        cost.matmulFLOPs[path] += n * 2 * expertParameters / tp
        cost.expertFLOPs[path] += n * 2 * expertParameters / tp
        cost.weightBytes += touched * bytes.routed / group
      }
      let attention = attended(layer: index, newTokens: newTokens, context: context)
      cost.matmulFLOPs[densePath] += n * 2 * active / tp
      cost.attentionFLOPs += s * attentionFLOPsPerToken * attention / tp
    }
    if isLast {
      let head = Double(model.vocab * model.hidden)
      cost.weightBytes += headBytes / tp
      cost.matmulFLOPs[weights.lmHead.computePath] += s * 2 * head / tp
    }
    return cost
  }

  /// One stage's seconds for the cost of its layers: rooflines, collectives and overheads.
  func stage(
    layers: Range<Int>, isLast: Bool, sequences: Int, newTokens: Int, context: Int,
    phase: PassPhase, layout: Layout, tensorLink: Topology.Interconnect,
    expertLink: Topology.Interconnect, efficiency: Efficiency
  ) -> StageTime {
    let work =
      phase == .prefill
      ? StepWork(
        decodeSequences: 0, decodeContext: 0, prefillSequences: sequences,
        prefillTokens: newTokens, prefillContext: context)
      : StepWork(
        decodeSequences: sequences, decodeContext: context, prefillSequences: 0,
        prefillTokens: 0, prefillContext: 0)
    return stage(
      layers: layers, isLast: isLast, work: work, layout: layout, tensorLink: tensorLink,
      expertLink: expertLink, efficiency: efficiency)
  }

  /// One stage's seconds for one engine iteration that decodes some sequences and prefills
  /// others' prompt chunks together (continuous batching with chunked prefill): the weights
  /// are read once for all the iteration's tokens; decode matmuls run at the decode compute
  /// efficiency, prompt matmuls and their causal attention at the prefill one; decode
  /// attention reads the decoding sequences' KV; the prompts write theirs.
  func stage(
    layers: Range<Int>, isLast: Bool, work: StepWork, layout: Layout,
    tensorLink: Topology.Interconnect, expertLink: Topology.Interconnect, efficiency: Efficiency
  ) -> StageTime {
    let decode =
      work.decodeSequences > 0
      ? cost(
        layers: layers, isLast: isLast, sequences: work.decodeSequences, newTokens: 1,
        context: work.decodeContext, phase: .decode, layout: layout) : PassCost()
    let prefill =
      work.prefillTokens > 0
      ? cost(
        layers: layers, isLast: isLast, sequences: work.prefillSequences,
        newTokens: work.prefillTokens, context: work.prefillContext, phase: .prefill,
        layout: layout) : PassCost()
    let tokens = work.decodeSequences + work.prefillSequences * work.prefillTokens
    let messageBytes = Double(tokens) * activationBytesPerToken
    let latencyScale = efficiency.collectiveLatencyScale
    let tensorSeconds = Collectives.tensorParallelSeconds(
      messageBytes: messageBytes, layers: layers.count, tp: layout.tp, link: tensorLink,
      latencyScale: latencyScale)
    let expertSeconds = Collectives.expertParallelSeconds(
      messageBytes: messageBytes, moeLayers: max(decode.moeLayers, prefill.moeLayers),
      expertsPerToken: deployment.model.moe?.expertsPerToken ?? 0, layout: layout,
      link: expertLink, latencyScale: latencyScale)
    let memoryBytesPerSecond = bandwidthBytesPerSecond * efficiency.memory
    // The weights once (the experts that the larger share of tokens touches), the prompts' KV
    // written; decode's KV reads are its attention term.
    let bytes = max(decode.weightBytes, prefill.weightBytes) + prefill.kvBytes
    var attentionSeconds = 0.0
    if work.decodeSequences > 0 {
      attentionSeconds = max(
        decode.kvBytes / (bandwidthBytesPerSecond * efficiency.kvMemory),
        decode.attentionFLOPs / (attentionPeakFLOPS * efficiency.attention))
    }
    // Every matmul of the iteration, decode rows and prompt rows together, on one GEMM curve
    // at the step's rows; the routed experts at the rows each expert receives.
    var flops = decode.matmulFLOPs + prefill.matmulFLOPs
    if work.prefillTokens > 0 {
      flops[deployment.weights.attention.computePath] += prefill.attentionFLOPs
    }
    let experts = decode.expertFLOPs + prefill.expertFLOPs
    let rows = Double(tokens)
    let expertRows = deployment.model.moe.map { moe in
      rows * Double(layout.ep * moe.expertsPerToken) / Double(moe.experts)
    }
    let computeSeconds = computeSeconds(
      flops, experts: experts, rows: rows, expertRows: expertRows ?? rows,
      efficiency: efficiency)
    // A prompt pass's fixed cost (measured on lone prompts) is its own; an iteration that
    // also decodes is a decode step with more rows, at the decode step's fixed cost.
    let overhead =
      work.prefillTokens > 0 && work.decodeSequences == 0
      ? efficiency.prefillSecondsPerLayer : efficiency.decodeSecondsPerLayer
    // The runtime's per-sequence host work, once per iteration (counted on the last stage,
    // which samples).
    let host =
      isLast
      ? Double(work.decodeSequences + work.prefillSequences) * efficiency.hostSecondsPerSequence
      : 0
    return StageTime(
      layers: layers.count, computeSeconds: computeSeconds,
      memorySeconds: bytes / memoryBytesPerSecond, attentionSeconds: attentionSeconds,
      tensorParallelSeconds: tensorSeconds, expertParallelSeconds: expertSeconds,
      overheadSeconds: Double(layers.count) * overhead + host)
  }

  /// Matmul seconds on each path's dense peak: the dense part at the GEMM curve's efficiency
  /// for `rows` rows (``Efficiency/gemm(rows:)``), the routed experts' grouped GEMMs at the
  /// curve for the `expertRows` each expert receives, times ``Efficiency/expertCompute``.
  func computeSeconds(
    _ flops: PathFLOPs, experts: PathFLOPs,
    rows: Double, expertRows: Double, efficiency: Efficiency
  ) -> Double {
    let gpu = deployment.gpu
    let dense = efficiency.gemm(rows: rows)
    let routed = efficiency.gemm(rows: expertRows) * efficiency.expertCompute
    // Paths in a fixed order; a path without FLOPs adds nothing (its peak may be 0).
    let paths: [Precision.ComputePath] = [.fp32, .fp16, .fp8, .int8, .fp4]
    return paths.reduce(0.0) { seconds, path in
      let pathFLOPs = flops[path]
      guard pathFLOPs != 0 else { return seconds }
      let expertFLOPs = experts[path]
      let peak = gpu.compute.peak(for: path).dense * 1e12
      return seconds + (pathFLOPs - expertFLOPs) / (peak * dense) + expertFLOPs / (peak * routed)
    }
  }

  /// Every stage of `layout` for one micro-batch, in order.
  func stages(
    stageLayers: [Int], sequences: Int, newTokens: Int, context: Int, phase: PassPhase,
    layout: Layout, efficiency: Efficiency
  ) -> [StageTime] {
    let topology = deployment.topology
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
  func transferSeconds(tokens: Int, layout: Layout, efficiency: Efficiency) -> Double {
    guard layout.pp > 1 else { return 0 }
    let link = deployment.topology.link(forGroupOf: layout.gpusPerReplica)
    return Collectives.pipelineSendSeconds(
      messageBytes: Double(tokens) * activationBytesPerToken, link: link,
      latencyScale: efficiency.collectiveLatencyScale)
  }

  /// Bytes sent over links per generated token, summed over the replica's GPUs.
  func communicationBytesPerToken(_ layout: Layout) -> Double {
    let model = deployment.model
    let a = activationBytesPerToken
    var total = 4 * Double(layout.tp - 1) * Double(model.layers) * a
    total += Double(layout.pp - 1) * a
    if layout.ep > 1, let moe = model.moe {
      let moeLayers = deployment.parameters.routedExperts.filter { $0 > 0 }.count
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
