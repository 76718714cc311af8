/// A decoder-only transformer's architecture: everything needed to count parameters and size
/// the KV cache exactly, read from its Hugging Face `config.json`.
public struct ModelSpec: Sendable, Hashable, Identifiable {
  /// Multi-head latent attention (DeepSeek-V2/V3): K and V come from a shared latent.
  public struct LatentAttention: Sendable, Hashable {
    /// `q_lora_rank`; `nil` when queries are projected directly.
    public let qLoraRank: Int?
    public let kvLoraRank: Int
    public let qkNopeHeadDim: Int
    public let qkRopeHeadDim: Int
    public let vHeadDim: Int
    public init(
      qLoraRank: Int?, kvLoraRank: Int, qkNopeHeadDim: Int, qkRopeHeadDim: Int, vHeadDim: Int
    ) {
      self.qLoraRank = qLoraRank
      self.kvLoraRank = kvLoraRank
      self.qkNopeHeadDim = qkNopeHeadDim
      self.qkRopeHeadDim = qkRopeHeadDim
      self.vHeadDim = vHeadDim
    }
  }

  /// Mixture-of-experts feed-forward layers.
  public struct MixtureOfExperts: Sendable, Hashable {
    /// Routed experts per MoE layer (`num_local_experts`, `n_routed_experts`, `num_experts`).
    public let experts: Int
    /// Experts each token is routed to (`num_experts_per_tok`).
    public let expertsPerToken: Int
    /// FFN width of one routed expert (`moe_intermediate_size`).
    public let expertIntermediate: Int
    /// Always-on shared experts and their width.
    public let sharedExperts: Int
    public let sharedIntermediate: Int
    /// Leading layers that stay dense (`first_k_dense_replace`).
    public let firstDenseLayers: Int
    /// Every n-th layer is MoE (`interleave_moe_layer_step`, `moe_layer_freq`).
    public let moeEvery: Int
    /// DeepSeek-V3's router carries a per-expert score-correction bias (gpt-oss: a bias).
    public let routerBias: Bool
    /// Experts with biases on their projections (gpt-oss: 2 · width + hidden each).
    public let expertBias: Bool
    /// A sigmoid gate on the shared experts (Qwen2-MoE's `shared_expert_gate`, hidden → 1).
    public let sharedExpertGate: Bool
    /// Which layers have experts, when the config lists them (`mlp_only_layers`); `nil`: the
    /// rule of ``firstDenseLayers`` and ``moeEvery``.
    public let layers: [Bool]?

    public init(
      experts: Int, expertsPerToken: Int, expertIntermediate: Int, sharedExperts: Int = 0,
      sharedIntermediate: Int = 0, firstDenseLayers: Int = 0, moeEvery: Int = 1,
      routerBias: Bool = false, expertBias: Bool = false, sharedExpertGate: Bool = false,
      layers: [Bool]? = nil
    ) {
      self.expertBias = expertBias
      self.sharedExpertGate = sharedExpertGate
      self.layers = layers
      self.experts = experts
      self.expertsPerToken = expertsPerToken
      self.expertIntermediate = expertIntermediate
      self.sharedExperts = sharedExperts
      self.sharedIntermediate = sharedIntermediate
      self.firstDenseLayers = firstDenseLayers
      self.moeEvery = moeEvery
      self.routerBias = routerBias
    }

    /// Whether layer `index` (0-based) has experts; the rest use the dense MLP.
    public func isMoELayer(_ index: Int) -> Bool {
      if let layers { return index < layers.count && layers[index] }
      return index >= firstDenseLayers && (index + 1) % max(moeEvery, 1) == 0
    }
  }

  /// Local attention that keeps at most `window` tokens of KV on some layers.
  public struct SlidingWindow: Sendable, Hashable {
    public let window: Int
    /// Every n-th layer (the last of each group) attends globally; `nil`: every layer is local.
    public let globalEvery: Int?
    /// What the config calls it (sliding window, chunked attention).
    public let kind: String
    /// Which layers are local, when the config lists them (`layer_types`); overrides
    /// ``globalEvery``.
    public let localLayers: [Bool]?

    public init(
      window: Int, globalEvery: Int? = nil, kind: String = "sliding window",
      localLayers: [Bool]? = nil
    ) {
      self.window = window
      self.globalEvery = globalEvery
      self.kind = kind
      self.localLayers = localLayers
    }

    public func isLocal(layer index: Int) -> Bool {
      if let localLayers { return index < localLayers.count && localLayers[index] }
      guard let globalEvery else { return true }
      return index % globalEvery != globalEvery - 1
    }
  }

  public enum FeedForward: String, Sendable, Hashable {
    /// Gate, up and down projections (SwiGLU, GeGLU): 3 matrices.
    case gated
    /// Up and down projections with biases (GPT-J, Phi-2, Falcon): 2 matrices.
    case plain
  }

  public enum Norm: String, Sendable, Hashable {
    /// RMSNorm: one weight vector.
    case rms
    /// LayerNorm: weight and bias.
    case layer

    var vectors: Int { self == .rms ? 1 : 2 }
  }

  /// The fields, boxed: plans copy their ModelSpec often, and one reference copies cheaply
  /// (and keeps every struct that holds one small).
  private struct Fields: Sendable, Hashable {
    let id: String
    let name: String
    let huggingFaceID: String
    let aliases: [String]
    let family: String
    let nominalBillions: Double
    let layers: Int
    let hidden: Int
    let heads: Int
    let kvHeads: Int
    let headDim: Int
    let intermediate: Int
    let vocab: Int
    let tiedEmbeddings: Bool
    let maxContext: Int
    let checkpointPrecision: Precision
    let activationPrecision: Precision
    let feedForward: FeedForward
    let norm: Norm
    let normsPerLayer: Int
    let qkvBias: Bool
    let outputBias: Bool
    let mlpBias: Bool
    let lmHeadBias: Bool
    let qkNorm: Bool
    let moe: MixtureOfExperts?
    let latentAttention: LatentAttention?
    let slidingWindow: SlidingWindow?
    let attentionSinks: Bool
    let encoderParameters: Int
    let checkpointFormat: WeightFormat?
    let checkpointKV: Precision?
    let origin: ModelOrigin
    let note: String
  }

  private final class Box: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private let box: Box

  public var id: String { box.fields.id }
  public var name: String { box.fields.name }
  public var huggingFaceID: String { box.fields.huggingFaceID }
  public var aliases: [String] { box.fields.aliases }
  /// `model_type` of the config.
  public var family: String { box.fields.family }
  /// The size in the model's name, in billions (published sizes round with it).
  public var nominalBillions: Double { box.fields.nominalBillions }
  public var layers: Int { box.fields.layers }
  public var hidden: Int { box.fields.hidden }
  public var heads: Int { box.fields.heads }
  /// `num_key_value_heads`; equal to ``heads`` for MHA, 1 for MQA.
  public var kvHeads: Int { box.fields.kvHeads }
  /// Explicit `head_dim` when the config has one, else hidden / heads.
  public var headDim: Int { box.fields.headDim }
  /// Width of the dense MLP (`intermediate_size`, or `intermediate_size_mlp` for Llama 4).
  public var intermediate: Int { box.fields.intermediate }
  public var vocab: Int { box.fields.vocab }
  public var tiedEmbeddings: Bool { box.fields.tiedEmbeddings }
  /// `max_position_embeddings`.
  public var maxContext: Int { box.fields.maxContext }
  /// The checkpoint's weight format (fp8 for DeepSeek-V3's released weights).
  public var checkpointPrecision: Precision { box.fields.checkpointPrecision }
  /// The dtype activations and the KV cache run in (`torch_dtype`; fp32 checkpoints serve in fp16).
  public var activationPrecision: Precision { box.fields.activationPrecision }
  public var feedForward: FeedForward { box.fields.feedForward }
  public var norm: Norm { box.fields.norm }
  /// Norm modules per layer (2 for pre-norm Llama, 4 for Gemma-2, 1 for parallel GPT-J/Phi).
  public var normsPerLayer: Int { box.fields.normsPerLayer }
  public var qkvBias: Bool { box.fields.qkvBias }
  public var outputBias: Bool { box.fields.outputBias }
  public var mlpBias: Bool { box.fields.mlpBias }
  public var lmHeadBias: Bool { box.fields.lmHeadBias }
  /// Per-head RMSNorm on queries and keys (Qwen3).
  public var qkNorm: Bool { box.fields.qkNorm }
  public var moe: MixtureOfExperts? { box.fields.moe }
  public var latentAttention: LatentAttention? { box.fields.latentAttention }
  public var slidingWindow: SlidingWindow? { box.fields.slidingWindow }
  /// A learned attention sink per head and layer (gpt-oss).
  public var attentionSinks: Bool { box.fields.attentionSinks }
  /// Parameters outside the language model the checkpoint holds and an engine loads with it:
  /// a vision tower and its projector. Counted in memory with the embedding, not in compute.
  public var encoderParameters: Int { box.fields.encoderParameters }
  /// How the checkpoint stores its weights module by module, when it was read from files;
  /// `nil`: every linear layer at ``checkpointPrecision``.
  public var checkpointFormat: WeightFormat? { box.fields.checkpointFormat }
  /// The KV-cache format the checkpoint's quantization config declares (ModelOpt
  /// `kv_cache_quant_algo`, compressed-tensors `kv_cache_scheme`), which TensorRT-LLM's `auto`
  /// KV dtype follows; `nil` when it declares none.
  public var checkpointKV: Precision? { box.fields.checkpointKV }
  /// Where the architecture came from, field by field.
  public var origin: ModelOrigin { box.fields.origin }
  /// What the count leaves out or assumes.
  public var note: String { box.fields.note }

  public init(
    id: String, name: String, huggingFaceID: String, aliases: [String] = [], family: String,
    nominalBillions: Double, layers: Int, hidden: Int, heads: Int, kvHeads: Int? = nil,
    headDim: Int? = nil, intermediate: Int, vocab: Int, tiedEmbeddings: Bool = false,
    maxContext: Int, checkpointPrecision: Precision = .bf16, activationPrecision: Precision = .bf16,
    feedForward: FeedForward = .gated, norm: Norm = .rms, normsPerLayer: Int = 2,
    qkvBias: Bool = false, outputBias: Bool = false, mlpBias: Bool = false,
    lmHeadBias: Bool = false, qkNorm: Bool = false, moe: MixtureOfExperts? = nil,
    latentAttention: LatentAttention? = nil, slidingWindow: SlidingWindow? = nil,
    attentionSinks: Bool = false, encoderParameters: Int = 0,
    checkpointFormat: WeightFormat? = nil, checkpointKV: Precision? = nil,
    origin: ModelOrigin = .builtin, note: String = ""
  ) {
    box = Box(
      Fields(
        id: id, name: name, huggingFaceID: huggingFaceID, aliases: aliases, family: family,
        nominalBillions: nominalBillions, layers: layers, hidden: hidden, heads: heads,
        kvHeads: kvHeads ?? heads, headDim: headDim ?? hidden / heads, intermediate: intermediate,
        vocab: vocab, tiedEmbeddings: tiedEmbeddings, maxContext: maxContext,
        checkpointPrecision: checkpointPrecision, activationPrecision: activationPrecision,
        feedForward: feedForward, norm: norm, normsPerLayer: normsPerLayer, qkvBias: qkvBias,
        outputBias: outputBias, mlpBias: mlpBias, lmHeadBias: lmHeadBias, qkNorm: qkNorm, moe: moe,
        latentAttention: latentAttention, slidingWindow: slidingWindow,
        attentionSinks: attentionSinks, encoderParameters: encoderParameters,
        checkpointFormat: checkpointFormat, checkpointKV: checkpointKV, origin: origin,
        note: note))
  }

  /// The same architecture as a checkpoint's files hold it: their formats and stored bytes,
  /// the encoder they carry, where the numbers came from.
  public func reading(
    _ format: WeightFormat, encoderParameters: Int, origin: ModelOrigin, note: String
  ) -> ModelSpec {
    copy(
      checkpointPrecision: checkpointPrecision, format: format,
      encoderParameters: encoderParameters, origin: origin, note: note)
  }

  /// The same architecture under the name someone typed, with the checkpoint format its repo
  /// tags say (`-FP8`, `-AWQ`).
  public func named(_ typed: String, checkpoint: Precision?) -> ModelSpec {
    copy(
      checkpointPrecision: checkpoint ?? checkpointPrecision,
      format: checkpoint == nil ? checkpointFormat : nil, encoderParameters: encoderParameters,
      origin: ModelOrigin(.builtinMatch(typed: typed), fields: origin.fields), note: note)
  }

  /// The same model with `window` as its local-attention rule: what an engine's KV cache keeps
  /// (a window grown by a step's tokens, or none when the engine keeps the full context).
  public func keeping(window: SlidingWindow?) -> ModelSpec {
    copy(
      checkpointPrecision: checkpointPrecision, format: checkpointFormat,
      encoderParameters: encoderParameters, origin: origin, note: note, slidingWindow: window)
  }

  private func copy(
    checkpointPrecision: Precision, format: WeightFormat?, encoderParameters: Int,
    origin: ModelOrigin, note: String, slidingWindow: SlidingWindow?? = nil
  ) -> ModelSpec {
    ModelSpec(
      id: id, name: name, huggingFaceID: huggingFaceID, aliases: aliases, family: family,
      nominalBillions: nominalBillions, layers: layers, hidden: hidden, heads: heads,
      kvHeads: kvHeads, headDim: headDim, intermediate: intermediate, vocab: vocab,
      tiedEmbeddings: tiedEmbeddings, maxContext: maxContext,
      checkpointPrecision: checkpointPrecision, activationPrecision: activationPrecision,
      feedForward: feedForward, norm: norm, normsPerLayer: normsPerLayer, qkvBias: qkvBias,
      outputBias: outputBias, mlpBias: mlpBias, lmHeadBias: lmHeadBias, qkNorm: qkNorm, moe: moe,
      latentAttention: latentAttention, slidingWindow: slidingWindow ?? self.slidingWindow,
      attentionSinks: attentionSinks, encoderParameters: encoderParameters,
      checkpointFormat: format, checkpointKV: checkpointKV, origin: origin, note: note)
  }

  /// The weight format engines load by default: the checkpoint's, except fp32 checkpoints,
  /// which vLLM's `dtype=auto` serves in fp16.
  public var defaultPrecision: Precision {
    checkpointPrecision == .fp32 ? activationPrecision : checkpointPrecision
  }

  /// MHA, GQA, MQA or MLA, as people name it.
  public var attentionKind: String {
    if latentAttention != nil { return "MLA" }
    if kvHeads == heads { return "MHA" }
    if kvHeads == 1 { return "MQA" }
    return "GQA"
  }
}

extension ModelSpec {
  public static func == (a: ModelSpec, b: ModelSpec) -> Bool {
    a.box === b.box || a.box.fields == b.box.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}
