/// How weights are stored, module by module: the format of each kind of module, and, when a
/// checkpoint's headers were read, the exact bytes they take.
///
/// A format the user asks for (`--precision fp8`) is ``uniform(_:activation:)``: every decoder
/// layer at that format, the embedding and LM head at the 16-bit activation dtype when it is
/// quantized (as quantized checkpoints ship them). A checkpoint read from files says what it
/// holds: gpt-oss keeps attention, routers and embeddings at bf16 with MXFP4 experts; a GGUF
/// file mixes Q4_K and Q6_K tensor by tensor.
public struct WeightFormat: Sendable, Hashable {
  /// The fields, boxed: plans copy their WeightFormat often, and one reference copies cheaply
  /// (and keeps every struct that holds one small).
  private struct Fields: Sendable, Hashable {
    let attention: Precision
    let mlp: Precision
    let experts: Precision
    let other: Precision
    let embedding: Precision
    let lmHead: Precision
    let stored: StoredWeights?
  }

  private final class Box: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private let box: Box

  /// Attention projections (q, k, v, o; MLA's low-rank ones).
  public var attention: Precision { box.fields.attention }
  /// Dense MLPs and shared experts.
  public var mlp: Precision { box.fields.mlp }
  /// Routed experts.
  public var experts: Precision { box.fields.experts }
  /// Norms, routers, biases, sinks.
  public var other: Precision { box.fields.other }
  public var embedding: Precision { box.fields.embedding }
  /// The LM head and the final norm.
  public var lmHead: Precision { box.fields.lmHead }
  /// Exact bytes per tensor group, from a checkpoint's headers or a llama.cpp mix's per-tensor
  /// rules; `nil`: parameters × bits.
  public var stored: StoredWeights? { box.fields.stored }

  public init(
    attention: Precision, mlp: Precision, experts: Precision, other: Precision,
    embedding: Precision, lmHead: Precision, stored: StoredWeights? = nil
  ) {
    box = Box(
      Fields(
        attention: attention, mlp: mlp, experts: experts, other: other, embedding: embedding,
        lmHead: lmHead, stored: stored))
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
    if let stored, index < stored.layers.count {
      return (stored.layers[index].dense, stored.layers[index].routed)
    }
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
  /// Tensors of one stored type: `BF16`, `F8_E4M3`, `Q4_K`.
  public struct TypeTotal: Sendable, Hashable {
    public let type: String
    public let tensors: Int
    /// Stored elements (packed formats hold several weights per element).
    public let elements: Int
    public let bytes: Int

    public init(type: String, tensors: Int, elements: Int, bytes: Int) {
      self.type = type
      self.tensors = tensors
      self.elements = elements
      self.bytes = bytes
    }
  }

  /// Tensors counted by type as a file's headers are read.
  public struct TypeTally: Sendable {
    private var totals: [String: (tensors: Int, elements: Int, bytes: Int)] = [:]

    public init() {}

    public mutating func add(_ type: String, elements: Int, bytes: Int) {
      totals[type, default: (0, 0, 0)].tensors += 1
      totals[type, default: (0, 0, 0)].elements += elements
      totals[type, default: (0, 0, 0)].bytes += bytes
    }

    /// Every type, most bytes first.
    public var types: [TypeTotal] {
      totals.map {
        TypeTotal(
          type: $0.key, tensors: $0.value.tensors, elements: $0.value.elements,
          bytes: $0.value.bytes)
      }.sorted { ($0.bytes, $1.type) > ($1.bytes, $0.type) }
    }
  }

  /// Per decoder layer: bytes split by TP, and routed-expert bytes.
  public let layers: [Layer]
  public let embedding: Double
  /// Final norm and LM head (0 when tied).
  public let lmHead: Double
  /// The matrix the LM head multiplies by (the embedding's when tied).
  public let headMatrix: Double
  /// Tensors outside the language model (a vision tower and projector).
  public let encoder: Double
  /// Every tensor of the files by stored type, in descending bytes (empty for a mix's
  /// estimate).
  public let types: [TypeTotal]
  /// The language model's weights, counted from the headers when they hold every weight
  /// unpacked (GGUF; unquantized safetensors); `nil` otherwise.
  public let parameters: Int?
  /// Bytes in the files that no engine loads for serving (multi-token-prediction layers).
  public let unloaded: Double

  public struct Layer: Sendable, Hashable {
    public var dense: Double
    public var routed: Double
    public init(dense: Double, routed: Double) {
      self.dense = dense
      self.routed = routed
    }
  }

  public init(
    layers: [Layer], embedding: Double, lmHead: Double, headMatrix: Double, encoder: Double,
    types: [TypeTotal] = [], parameters: Int? = nil, unloaded: Double = 0
  ) {
    self.layers = layers
    self.embedding = embedding
    self.lmHead = lmHead
    self.headMatrix = headMatrix
    self.encoder = encoder
    self.types = types
    self.parameters = parameters
    self.unloaded = unloaded
  }

  /// What an engine loads: every layer, the embedding, head and encoder.
  public var total: Double {
    layers.reduce(0) { $0 + $1.dense + $1.routed } + embedding + lmHead + encoder
  }
}

extension WeightFormat {
  public static func == (a: WeightFormat, b: WeightFormat) -> Bool {
    a.box === b.box || a.box.fields == b.box.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}
