/// How weights are stored, module by module: the format of each kind of module, and, when a
/// checkpoint's headers were read, the exact bytes they take.
///
/// A format the user asks for (`--precision fp8`) is ``uniform(_:activation:)``: every decoder
/// layer at that format, the embedding and LM head at the 16-bit activation dtype when it is
/// quantized (as quantized checkpoints ship them). A checkpoint read from files says what it
/// holds: gpt-oss keeps attention, routers and embeddings at bf16 with MXFP4 experts; a GGUF
/// file mixes Q4_K and Q6_K tensor by tensor.
public struct WeightFormat: Sendable, Hashable {
  /// Attention projections (q, k, v, o; MLA's low-rank ones).
  public let attention: Precision
  /// Dense MLPs and shared experts.
  public let mlp: Precision
  /// Routed experts.
  public let experts: Precision
  /// Norms, routers, biases, sinks.
  public let other: Precision
  public let embedding: Precision
  /// The LM head and the final norm.
  public let lmHead: Precision
  /// Exact bytes per tensor group, from a checkpoint's headers or a llama.cpp mix's per-tensor
  /// rules; `nil`: parameters × bits.
  public let stored: StoredWeights?

  public init(
    attention: Precision, mlp: Precision, experts: Precision, other: Precision,
    embedding: Precision, lmHead: Precision, stored: StoredWeights? = nil
  ) {
    self.attention = attention
    self.mlp = mlp
    self.experts = experts
    self.other = other
    self.embedding = embedding
    self.lmHead = lmHead
    self.stored = stored
  }

  /// The weights of `model` at `precision`: ``uniform(_:activation:)``, or for a llama.cpp mix
  /// (`q4_k_m`) the bytes its per-tensor rules give.
  public init(_ precision: Precision, for model: ModelSpec) {
    guard let mix = precision.gguf else {
      self = .uniform(precision, activation: model.activationPrecision)
      return
    }
    self.init(
      attention: precision, mlp: precision, experts: precision, other: .fp32,
      embedding: precision, lmHead: precision, stored: mix.storedWeights(model))
  }

  /// `precision` on every decoder layer; the embedding and LM head at `activation` when
  /// `precision` is quantized.
  public static func uniform(_ precision: Precision, activation: Precision) -> WeightFormat {
    let edge = precision.isQuantized ? activation : precision
    return WeightFormat(
      attention: precision, mlp: precision, experts: precision, other: precision,
      embedding: edge, lmHead: edge)
  }

  /// Whether every decoder-layer module has one format.
  public var isUniform: Bool { attention == mlp && mlp == experts && experts == other }

  /// Bytes of decoder layer `index`: what tensor parallelism splits (attention, dense MLP,
  /// norms) and what the expert group shares (routed experts).
  public func layerBytes(_ count: ParameterCount, layer index: Int) -> (
    dense: Double, routed: Double
  ) {
    if let stored, index < stored.layers.count { return stored.layers[index] }
    let routed = Double(count.routedExperts[index])
    guard !isUniform else {
      return ((Double(count.layers[index]) - routed) * attention.bytes, routed * experts.bytes)
    }
    let dense =
      Double(count.attention[index]) * attention.bytes + Double(count.mlp[index]) * mlp.bytes
      + Double(count.other[index]) * other.bytes
    return (dense, routed * experts.bytes)
  }

  /// Bytes of the embedding (with an encoder the checkpoint holds).
  public func embeddingBytes(_ count: ParameterCount) -> Double {
    if let stored { return stored.embedding + stored.encoder }
    return Double(count.embedding + count.encoder) * embedding.bytes
  }

  /// Bytes of the final norm and LM head (for tied embeddings, the embedding's copy when the
  /// head sits on another pipeline stage).
  public func headBytes(_ count: ParameterCount, tiedCopy: Bool) -> Double {
    if let stored { return stored.lmHead + (tiedCopy ? stored.embedding : 0) }
    return Double(count.finalNorm + count.lmHead + (tiedCopy ? count.embedding : 0)) * lmHead.bytes
  }

  /// Bytes of the matrix the LM head reads every step (vocab × hidden).
  public func headMatrixBytes(_ model: ModelSpec) -> Double {
    if let stored, stored.headMatrix > 0 { return stored.headMatrix }
    return Double(model.vocab * model.hidden) * lmHead.bytes
  }
}

/// Bytes as a checkpoint stores them: read from its headers (safetensors or GGUF), or what
/// `llama-quantize` would write (``GGUFMix``).
public struct StoredWeights: Sendable, Hashable {
  /// Per decoder layer: bytes split by TP, and routed-expert bytes.
  public let layers: [(dense: Double, routed: Double)]
  public let embedding: Double
  /// Final norm and LM head (0 when tied).
  public let lmHead: Double
  /// The matrix the LM head multiplies by (the embedding's when tied).
  public let headMatrix: Double
  /// Tensors outside the language model (a vision tower and projector).
  public let encoder: Double

  public init(
    layers: [(dense: Double, routed: Double)], embedding: Double, lmHead: Double,
    headMatrix: Double, encoder: Double
  ) {
    self.layers = layers
    self.embedding = embedding
    self.lmHead = lmHead
    self.headMatrix = headMatrix
    self.encoder = encoder
  }

  public var total: Double {
    layers.reduce(0) { $0 + $1.dense + $1.routed } + embedding + lmHead + encoder
  }

  public static func == (a: StoredWeights, b: StoredWeights) -> Bool {
    a.embedding == b.embedding && a.lmHead == b.lmHead && a.headMatrix == b.headMatrix
      && a.encoder == b.encoder && a.layers.count == b.layers.count
      && zip(a.layers, b.layers).allSatisfy { $0.dense == $1.dense && $0.routed == $1.routed }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(embedding)
    hasher.combine(lmHead)
    hasher.combine(layers.count)
  }
}
