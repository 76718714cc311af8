/// Parameters counted from the architecture, per component.
///
/// Counts every weight and bias a checkpoint stores for the language model: embeddings,
/// attention (with biases where the family has them), MLP or experts plus router, norms, the
/// final norm and an untied LM head. Buffers (rotary tables, causal masks) are not parameters.
public struct ParameterCount: Sendable, Hashable {
  public let embedding: Int
  /// Parameters of each decoder layer, in order (they differ when some layers are MoE).
  public let layers: [Int]
  /// Attention projections (with their biases, q/k norms) of each layer.
  public let attention: [Int]
  /// The dense MLP, or the shared experts (with their gate), of each layer.
  public let mlp: [Int]
  /// Routed-expert parameters inside each layer (0 for dense layers): what expert parallelism
  /// shards and what a decode step reads only in part.
  public let routedExperts: [Int]
  public let finalNorm: Int
  /// 0 when the head is tied to the embedding.
  public let lmHead: Int
  /// Parameters outside the language model (``ModelSpec/encoderParameters``).
  public let encoder: Int
  /// Parameters a single token passes through (routed experts only count the chosen ones).
  public let active: Int

  public var layerTotal: Int { layers.reduce(0, +) }
  /// The language model's parameters (the encoder's are apart).
  public var total: Int { embedding + layerTotal + finalNorm + lmHead }
  /// Norms, routers and sinks of each layer: what is neither attention, MLP nor experts.
  public var other: [Int] {
    layers.indices.map { layers[$0] - attention[$0] - mlp[$0] - routedExperts[$0] }
  }

  public init(_ model: ModelSpec) {
    let h = model.hidden
    let norms =
      model.normsPerLayer * model.norm.vectors * h + (model.attentionSinks ? model.heads : 0)
    let attention = ParameterCount.attention(model)
    let dense = ParameterCount.mlp(model, width: model.intermediate)
    var layers: [Int] = []
    var attentionCounts: [Int] = []
    var mlpCounts: [Int] = []
    var routed: [Int] = []
    var activeLayers = 0
    for index in 0..<model.layers {
      attentionCounts.append(attention)
      if let moe = model.moe, moe.isMoELayer(index) {
        let expert =
          3 * h * moe.expertIntermediate + (moe.expertBias ? 2 * moe.expertIntermediate + h : 0)
        let shared =
          moe.sharedExperts * 3 * h * moe.sharedIntermediate
          + (moe.sharedExpertGate && moe.sharedExperts > 0 ? h : 0)
        let router = h * moe.experts + (moe.routerBias ? moe.experts : 0)
        layers.append(attention + norms + moe.experts * expert + shared + router)
        mlpCounts.append(shared)
        routed.append(moe.experts * expert)
        activeLayers += attention + norms + moe.expertsPerToken * expert + shared + router
      } else {
        layers.append(attention + norms + dense)
        mlpCounts.append(dense)
        routed.append(0)
        activeLayers += attention + norms + dense
      }
    }
    self.embedding = model.vocab * h
    self.layers = layers
    self.attention = attentionCounts
    self.mlp = mlpCounts
    self.routedExperts = routed
    self.finalNorm = model.norm.vectors * h
    self.lmHead = model.tiedEmbeddings ? 0 : model.vocab * h + (model.lmHeadBias ? model.vocab : 0)
    self.encoder = model.encoderParameters
    self.active = embedding + activeLayers + finalNorm + lmHead
  }

  /// Attention projections of one layer.
  static func attention(_ model: ModelSpec) -> Int {
    let h = model.hidden
    if let mla = model.latentAttention {
      let qHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim
      let query: Int
      if let rank = mla.qLoraRank {
        query = h * rank + rank + rank * model.heads * qHead  // q_a, q_a_layernorm, q_b
      } else {
        query = h * model.heads * qHead
      }
      // kv_a_proj_with_mqa and its norm
      let kvA = h * (mla.kvLoraRank + mla.qkRopeHeadDim) + mla.kvLoraRank
      let kvB = mla.kvLoraRank * model.heads * (mla.qkNopeHeadDim + mla.vHeadDim)
      let output = model.heads * mla.vHeadDim * h
      return query + kvA + kvB + output
    }
    let q = model.heads * model.headDim
    let kv = model.kvHeads * model.headDim
    var count = h * q + 2 * h * kv + q * h
    if model.qkvBias { count += q + 2 * kv }
    if model.outputBias { count += h }
    if model.qkNorm { count += 2 * model.headDim }
    return count
  }

  /// A dense MLP of the given width.
  static func mlp(_ model: ModelSpec, width: Int) -> Int {
    let h = model.hidden
    switch model.feedForward {
    case .gated:
      return 3 * h * width + (model.mlpBias ? 2 * width + h : 0)
    case .plain:
      return 2 * h * width + (model.mlpBias ? width + h : 0)
    }
  }
}

extension ModelSpec {
  /// Parameters computed from the architecture.
  public var parameters: ParameterCount { ParameterCount(self) }
}
