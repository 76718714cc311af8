/// The two ways to size memory.
public enum MemoryMethod: String, Sendable, Hashable, CaseIterable {
  /// Weights + KV cache + activation peak + runtime overhead per GPU, under an engine's budget.
  case detailed
  /// The rule of thumb M = P · 4 B / (32 / Q) · 1.2 against the marketed capacity.
  case ruleOfThumb = "rule-of-thumb"
}

/// What is deployed, fixed once: the model, the GPU and the servers it sits in, the weight and
/// KV-cache formats, and the engine whose memory rules apply.
///
/// Immutable. The parameter count is computed here, once, for every function that needs it;
/// what the deployment serves at a time is a ``Workload``.
public struct Deployment: Sendable, Hashable {
  public let model: ModelSpec
  public let gpu: GPUSpec
  /// Weight format (default: the checkpoint's, fp16 for fp32 checkpoints).
  public let precision: Precision
  /// The format of each module and, for a checkpoint read from files, its stored bytes: the
  /// checkpoint's own unless a precision was asked for.
  public let weights: WeightFormat
  /// How the weights are counted: at the asked-for precision, or as the checkpoint holds them.
  public let weightsRead: WeightsRead
  /// KV-cache format (default: the activation dtype).
  public let kvPrecision: Precision
  public let method: MemoryMethod
  /// The engine whose memory rules the detailed method follows, with its settings.
  public let engine: ServingEngine
  public let topology: Topology
  /// The model's parameters, counted once from the architecture.
  public let parameters: ParameterCount
  /// Whether the weights are the checkpoint's own (no precision asked for): only then are its
  /// scale groups and matrix widths known together (quantizers may pad a width, as Qwen's AWQ
  /// releases do, so an asked-for format is not checked against the original config).
  public let checkpointWeights: Bool
  /// How the engine runs the weights on this GPU: natively, weight-only (16-bit compute), as
  /// fp16 for a bf16 checkpoint on a GPU without bf16, or not at all (an asked-for bf16 there
  /// too).
  public let formatSupport: FormatSupport
  /// The model as the engine's KV cache sees it: local layers keep what the engine keeps of
  /// their window (``EngineProfile/localTokens(_:batchedTokens:blockSize:hybrid:)``).
  public let kvModel: ModelSpec

  public init(
    model: ModelSpec, gpu: GPUSpec, precision: Precision? = nil, kvPrecision: Precision? = nil,
    method: MemoryMethod = .detailed, engine: ServingEngine = .vllm, gpusPerNode: Int? = nil
  ) {
    var read: WeightsRead =
      precision.map { .uniform($0) } ?? model.checkpointFormat.map { .checkpoint($0) }
      ?? .uniform(model.defaultPrecision)
    var served = precision ?? model.defaultPrecision
    var support = engine.profile.support(served, on: gpu)
    var kv = kvPrecision ?? engine.autoKV(model)
    // A bf16 checkpoint on a GPU without bf16 serves in fp16 (same bytes); asked-for bf16 fails.
    if support == .asFP16 {
      if precision != nil {
        support = .unsupported(.bf16)
      } else if case .uniform = read {
        served = .fp16
        read = .uniform(.fp16)
      } else {
        served = .fp16
      }
    }
    if kvPrecision == nil, kv == .bf16, engine.profile.support(.bf16, on: gpu) == .asFP16 {
      kv = .fp16
    }
    self.init(
      model: model, gpu: gpu, precision: served, weights: read, kvPrecision: kv, method: method,
      engine: engine, topology: Topology(gpu: gpu, gpusPerNode: gpusPerNode),
      parameters: model.parameters, formatSupport: support, checkpointWeights: precision == nil)
  }

  private init(
    model: ModelSpec, gpu: GPUSpec, precision: Precision, weights: WeightsRead,
    kvPrecision: Precision, method: MemoryMethod, engine: ServingEngine, topology: Topology,
    parameters: ParameterCount, formatSupport: FormatSupport, checkpointWeights: Bool
  ) {
    self.checkpointWeights = checkpointWeights
    self.model = model
    self.gpu = gpu
    self.precision = precision
    self.formatSupport = formatSupport
    self.weightsRead = weights
    switch weights {
    case .uniform(let precision): self.weights = WeightFormat(precision, for: model)
    case .checkpoint(let format): self.weights = format
    }
    self.kvPrecision = kvPrecision
    self.method = method
    self.engine = engine
    self.topology = topology
    self.parameters = parameters
    if let window = model.slidingWindow {
      let settings = engine.resolved(
        model: model, gpu: gpu, layout: Layout(tp: 1, pp: 1), maxModelLen: model.maxContext)
      let tokens = engine.profile.localTokens(
        window, batchedTokens: settings.batchedTokens, blockSize: settings.blockSize,
        hybrid: engine.settings.hybridKV)
      kvModel = model.keeping(
        window: tokens.map {
          ModelSpec.SlidingWindow(
            window: $0, globalEvery: window.globalEvery, kind: window.kind,
            localLayers: window.localLayers)
        })
    } else {
      kvModel = model
    }
  }

  /// The engine's settings in force on this GPU for one replica of `layout`, serving
  /// sequences of up to `context` tokens.
  public func engineSettings(layout: Layout = Layout(tp: 1, pp: 1), context: Int? = nil)
    -> EngineDefaults
  {
    engine.resolved(
      model: model, gpu: gpu, layout: layout, maxModelLen: context ?? model.maxContext)
  }

  /// Tokens per KV block in force.
  public var blockSize: Int { engineSettings().blockSize }
  /// The engine's cap on sequences running at once in one instance.
  public var maxSequences: Int { engineSettings().maxSequences }

  /// Why `layout` cannot run this deployment: the layout rules
  /// (``Layout/rejection(model:topology:)``), the weights' scale groups
  /// (``QuantizationShards``), then the engine release's own limits; `nil` when it can.
  public func rejection(_ layout: Layout) -> LayoutRejection? {
    layout.rejection(model: model, topology: topology)
      ?? groupRejection(tp: layout.tp, ep: layout.ep) ?? engine.profile.rejection(layout)
  }

  /// The checkpoint's scale groups against TP (``QuantizationShards``).
  func groupRejection(tp: Int, ep: Int) -> LayoutRejection? {
    guard checkpointWeights else { return nil }
    return QuantizationShards.rejection(tp: tp, ep: ep, model: model, weights: weights)
  }

  /// TP sizes the model, GPU and weights allow (``TensorParallel/allowed(model:topology:)``
  /// less those that split a checkpoint's scale group).
  public var allowedTensorParallel: [Int] {
    TensorParallel.allowed(model: model, topology: topology).filter {
      groupRejection(tp: $0, ep: 1) == nil
    }
  }

  /// The same deployment with other weights (remedies try narrower formats).
  public func with(precision: Precision) -> Deployment {
    Deployment(
      model: model, gpu: gpu, precision: precision,
      weights: .uniform(precision), kvPrecision: kvPrecision, method: method, engine: engine,
      topology: topology, parameters: parameters,
      formatSupport: engine.profile.support(precision, on: gpu), checkpointWeights: false)
  }
}

/// A deployment before its GPU is chosen: `compare` and `kv` try one on several GPUs.
public struct ModelSetup: Sendable, Hashable {
  public let model: ModelSpec
  /// `nil`: the checkpoint's format.
  public let precision: Precision?
  /// `nil`: the activation dtype.
  public let kvPrecision: Precision?
  public let method: MemoryMethod
  public let engine: ServingEngine
  /// `nil`: the catalog's server size.
  public let gpusPerNode: Int?

  public init(
    model: ModelSpec, precision: Precision? = nil, kvPrecision: Precision? = nil,
    method: MemoryMethod = .detailed, engine: ServingEngine = .vllm, gpusPerNode: Int? = nil
  ) {
    self.model = model
    self.precision = precision
    self.kvPrecision = kvPrecision
    self.method = method
    self.engine = engine
    self.gpusPerNode = gpusPerNode
  }

  /// The weight format in force: the setting or the checkpoint's.
  public var resolvedPrecision: Precision { precision ?? model.defaultPrecision }
  /// The KV-cache format in force: the setting or the activation dtype.
  public var resolvedKVPrecision: Precision { kvPrecision ?? engine.autoKV(model) }

  public func deployment(on gpu: GPUSpec) -> Deployment {
    Deployment(
      model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision, method: method,
      engine: engine, gpusPerNode: gpusPerNode)
  }
}

/// What one replica holds at once: `sequences` sequences of up to `context` tokens each.
public struct Workload: Sendable, Hashable {
  /// Tokens each sequence holds at its longest (prompt + output): what its KV cache is sized for.
  public let context: Int
  /// Sequences one replica (one attention group) holds at once.
  public let sequences: Int

  /// At least one token and one sequence.
  public init(context: Int, sequences: Int = 1) {
    self.context = max(1, context)
    self.sequences = max(1, sequences)
  }
}

/// Tokens in and out per request, for the speed estimates.
public struct RequestShape: Sendable, Hashable {
  /// Prompt tokens.
  public let input: Int
  /// Generated tokens.
  public let output: Int

  /// The request `perf` and `compare` estimate when none is given.
  public static let standard = RequestShape(input: 2048, output: 256)

  public init(input: Int, output: Int) {
    self.input = max(1, input)
    self.output = max(1, output)
  }

  /// Tokens a sequence holds at its end: input + output.
  public var tokens: Int { input + output }
}
