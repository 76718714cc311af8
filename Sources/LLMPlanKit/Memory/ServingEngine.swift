/// The serving engines whose memory rules llmplan reproduces.
public enum Engine: String, Sendable, Hashable, CaseIterable {
  case vllm, sglang, trtllm, llamacpp, none

  public var displayName: String {
    switch self {
    case .vllm: "vLLM"
    case .sglang: "SGLang"
    case .trtllm: "TensorRT-LLM"
    case .llamacpp: "llama.cpp"
    case .none: "no engine"
    }
  }

  /// Whether the engine runs on `gpu`'s vendor: TPUs only under vLLM's TPU backend
  /// (vllm-project/tpu-inference), Gaudi under vLLM's HPU plugin (vllm-project/vllm-gaudi),
  /// TensorRT-LLM only on NVIDIA. `none` plans memory on anything.
  public func runs(on gpu: GPUSpec) -> Bool {
    switch (self, gpu.vendor) {
    case (.none, _), (.vllm, _): true
    case (_, .google), (_, .intel): false
    case (.trtllm, .amd): false
    default: true
    }
  }

  /// The engine's own name for its memory-fraction flag, if it has one.
  public var fractionFlag: String? {
    switch self {
    case .vllm: "gpu-memory-utilization"
    case .sglang: "mem-fraction-static"
    case .trtllm: "free-gpu-memory-fraction"
    case .llamacpp, .none: nil
    }
  }
}

/// What an engine sets aside on one GPU and what it leaves for the KV cache.
public struct EngineBudget: Sendable, Hashable {
  public let activation: MemoryBreakdown.Term
  public let overhead: MemoryBreakdown.Term
  /// weights + activation + overhead + KV budget: what the engine lets this GPU hold.
  public let capacity: MemoryBreakdown.Term
  /// Bytes left for the KV cache; negative when the engine would refuse to start.
  public let kvBudget: Bytes
}

/// An engine release (its ``EngineProfile``) with the settings given. `nil` settings take the
/// profile's defaults, which may depend on the GPU and the model.
public struct ServingEngine: Sendable, Hashable {
  public let profile: any EngineProfile
  public let settings: EngineSettings
  /// How the release asked for was matched to the profile.
  public let match: EngineRegistry.Match

  public var engine: Engine { profile.engine }

  public init(
    profile: any EngineProfile, settings: EngineSettings = EngineSettings(),
    match: EngineRegistry.Match = .newest
  ) {
    self.profile = profile
    self.settings = settings
    self.match = match
  }

  /// The newest profile of `engine` with these settings.
  public init(
    _ engine: Engine, memoryFraction: Double? = nil, blockSize: Int? = nil,
    maxBatchedTokens: Int? = nil, maxSequences: Int? = nil
  ) {
    self.init(
      profile: EngineRegistry.newest(engine),
      settings: EngineSettings(
        memoryFraction: memoryFraction, blockSize: blockSize, batchedTokens: maxBatchedTokens,
        maxSequences: maxSequences))
  }

  public static let vllm = ServingEngine(.vllm)

  /// Measured on the lent H100 (Fixtures/device): CUDA reports 79.18 GiB total and 78.66 GiB
  /// free right after creating a context.
  public static let cudaContext = Bytes.gib(0.51)
  /// Extra memory outside PyTorch once NCCL communicators exist: vLLM measures 0.55 GiB of
  /// non-torch memory at TP 2 against 0.13 at TP 1.
  public static let ncclBuffers = Bytes.gib(0.42)

  /// The KV format the engine picks when not told (`auto`): the activation dtype, or for
  /// TensorRT-LLM the checkpoint's declared KV format.
  public func autoKV(_ model: ModelSpec) -> Precision {
    if profile.followsCheckpointKV, let declared = model.checkpointKV,
      profile.kvFormats.contains(declared.id)
    {
      return declared
    }
    return model.activationPrecision
  }

  /// The settings in force for `model` on `gpu`: the given ones over the profile's defaults.
  public func resolved(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  {
    settings.over(
      profile.defaults(model: model, gpu: gpu, layout: layout, maxModelLen: maxModelLen))
  }

  /// The engine's budget on one GPU holding `weights`, in one replica of `layout`, serving
  /// sequences of up to `maxModelLen` tokens.
  public func budget(
    model: ModelSpec, gpu: GPUSpec, weights: Bytes, layout: Layout, maxModelLen: Int
  ) -> EngineBudget {
    let settings = resolved(model: model, gpu: gpu, layout: layout, maxModelLen: maxModelLen)
    return profile.budget(
      BudgetInput(
        model: model, gpu: gpu, weights: weights, tp: layout.tp, pp: layout.pp,
        gpusPerReplica: layout.gpusPerReplica, settings: settings,
        fractionGiven: self.settings.memoryFraction != nil))
  }

  public static func == (a: ServingEngine, b: ServingEngine) -> Bool {
    a.profile.id == b.profile.id && a.settings == b.settings && a.match == b.match
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(profile.id)
    hasher.combine(settings)
  }
}
