import LLMPlanKit

/// What a deployment fixes besides the GPU: weight and KV formats, server size, and the serving
/// engine with its memory settings. Shared by every planning command.
enum DeploymentOptions {
  /// GPUs to add or override; read before any other option, since `--gpu` names them.
  static let gpuCatalog = Option<String>(
    "gpu-catalog", .path, "JSON file of GPUs to add or override (README, \"GPU catalog files\")"
  ).defaulting("none")
  static let precision = Option<Precision>.precision
  static let kvPrecision = Option<Precision>.kvPrecision
  static let gpusPerNode = Option<Int>.gpusPerNode
  static let engine = Option<EngineChoice>(
    "engine", .engine,
    "memory rules of this serving engine release: NAME or NAME@VERSION; "
      + Engine.allCases.filter { $0 != .none }.map(EngineChoice.known).joined(separator: "; ")
      + "; none. Without @VERSION the newest profile ('llmplan engines' lists them)"
  ).defaulting("vllm")
  /// ``engine`` in the commands that take `--emit`, whose engine it defaults to.
  static let engineAfterEmit = engine.defaulting("the --emit engine, else vllm")
  static let gpuMemoryUtilization = Option<Double>(
    "gpu-memory-utilization", .fraction, "vLLM: fraction of GPU memory"
  ).defaulting(defaultsText { Format.number($0.memoryFraction) }(.vllm))
  static let memFractionStatic = Option<Double>(
    "mem-fraction-static", .fraction, "SGLang: fraction of GPU memory for weights + KV"
  ).defaulting(defaultsText { Format.number($0.memoryFraction, maxDecimals: 3) }(.sglang))
  static let freeGPUMemoryFraction = Option<Double>(
    "free-gpu-memory-fraction", .fraction, "TensorRT-LLM: fraction of free memory for KV"
  ).defaulting(defaultsText { Format.number($0.memoryFraction) }(.trtllm))
  static let blockSize = Option<Int>(
    "block-size", .integer(1...1024), "tokens per KV block (SGLang --page-size)"
  ).defaulting(allEngines { String($0.blockSize) })
  static let maxBatchedTokens = Option<Int>(
    "max-num-batched-tokens", .integer(1...1_048_576, allowK: true),
    "tokens per forward pass (SGLang --chunked-prefill-size, TensorRT-LLM max_num_tokens, llama.cpp --ubatch-size)"
  ).defaulting(allEngines { Format.integer($0.batchedTokens) })
  static let maxNumSeqs = Option<Int>(
    "max-num-seqs", .integer(1...65_536),
    "sequences running at once (SGLang --max-running-requests, TensorRT-LLM max_batch_size, llama.cpp --parallel)"
  ).defaulting(allEngines { Format.integer($0.maxSequences) })

  static let hybridKVCache = Option<HybridKV>(
    "hybrid-kv-cache", .choice(HybridKV.allCases, placeholder: "MODE"),
    "vLLM V1: off (--disable-hybrid-kv-cache-manager: every layer keeps the full context) or chunked (VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE=1: chunked local attention keeps its chunk too)"
  ).defaulting("the release's: sliding windows kept, chunked attention full")

  /// Reference GPUs for the defaults the help quotes: a 24 GB card and an H100.
  static let referenceGPUs = ["l4", "h100"]

  /// "vLLM 2,048 (l4), 8,192 (h100)": one setting of the newest profile on the reference GPUs.
  static func defaultsText(_ show: @escaping (EngineDefaults) -> String) -> (Engine) -> String {
    { engine in
      let values = referenceGPUs.compactMap { id -> (String, String)? in
        guard let gpu = GPUCatalog.builtin.gpu(named: id) else { return nil }
        let model = ModelCatalog.builtin.model(named: "llama-3.1-8b")!
        let defaults = EngineRegistry.newest(engine).defaults(
          model: model, gpu: gpu, layout: Layout(tp: 1, pp: 1), maxModelLen: 8192)
        return (id, show(defaults))
      }
      if Set(values.map(\.1)).count == 1, let value = values.first?.1 { return value }
      return values.map { "\($0.1) (\($0.0))" }.joined(separator: ", ")
    }
  }

  /// The same setting for every engine: "vLLM 16, SGLang 1, …".
  static func allEngines(_ show: @escaping (EngineDefaults) -> String) -> String {
    [Engine.vllm, .sglang, .trtllm, .llamacpp].map {
      "\($0.displayName) \(defaultsText(show)($0))"
    }.joined(separator: "; ")
  }

  /// The engine's memory settings; `compare` takes only ``engine``.
  static let engineSettings: [any DeclaredOption] = [
    gpuMemoryUtilization, memFractionStatic, freeGPUMemoryFraction, blockSize, maxBatchedTokens,
    hybridKVCache,
    maxNumSeqs,
  ]
  /// The engine and its settings.
  static let engineOptions: [any DeclaredOption] = [engine] + engineSettings

  /// The option that sets `engine`'s memory fraction.
  static func fraction(of engine: Engine) -> Option<Double>? {
    switch engine {
    case .vllm: gpuMemoryUtilization
    case .sglang: memFractionStatic
    case .trtllm: freeGPUMemoryFraction
    case .llamacpp, .none: nil
    }
  }

  /// The engine and its settings (those the command declares). Without `--engine`, the memory
  /// rules follow the engine `--emit` launches, else vLLM's.
  static func servingEngine(_ input: inout OptionReader, emit: EngineChoice? = nil)
    -> ServingEngine
  {
    let asked = input[Self.engine]
    if let emit, let asked,
      emit.engine != asked.engine || (emit.version.map { $0 != asked.version } ?? false)
    {
      input.problem(
        "--emit \(emit.text) and --engine \(asked.text) differ: the plan follows the engine it launches; give one, or the same for both"
      )
    }
    let choice = asked ?? emit ?? EngineChoice(engine: .vllm, version: nil)
    let kind = choice.engine
    var memoryFraction: Double?
    for candidate in Engine.allCases {
      guard let option = fraction(of: candidate), input.has(option) else { continue }
      guard candidate == kind else {
        let own =
          fraction(of: kind).map { "--\($0.name)" } ?? "no fraction with --engine \(kind.rawValue)"
        input.problem(
          "--\(option.name) is \(candidate.displayName)'s setting; add --engine \(candidate.rawValue) or use \(own)"
        )
        continue
      }
      memoryFraction = input[option]
    }
    let block = input.declared(blockSize)
    if block != nil, kind == .llamacpp || kind == .none {
      input.problem("--block-size: \(kind.displayName) has no KV blocks (it allocates per token)")
    }
    let hybrid = input.declared(hybridKVCache)
    guard case .success(let resolution) = choice.resolution() else {
      return ServingEngine(kind)
    }
    if hybrid != nil, !(resolution.profile is VLLMV1Profile) {
      input.problem(
        "--hybrid-kv-cache: \(resolution.profile.label) has no hybrid KV-cache manager; it is vLLM V1's (--engine vllm)"
      )
    }
    let settings = EngineSettings(
      memoryFraction: memoryFraction, blockSize: block,
      batchedTokens: input.declared(maxBatchedTokens), maxSequences: input.declared(maxNumSeqs),
      hybridKV: hybrid)
    let engine = ServingEngine(
      profile: resolution.profile, settings: settings, match: resolution.match)
    if let warning = engine.warning, !input.warnings.contains(warning) {
      input.warnings.append(warning)
    }
    return engine
  }

  /// The model (the positional argument), the GPU and the deployment options the command
  /// declares; the deployment is `nil` when any of them is bad or missing.
  static func deployment(
    _ input: inout OptionReader, gpu: Option<GPUSpec>, method: MemoryMethod = .detailed,
    emit: EngineChoice? = nil
  ) -> (model: ModelSpec?, deployment: Deployment?) {
    let model = input.positional(.model)
    let gpu = input[gpu]
    let setup = setup(&input, model: model, method: method, emit: emit)
    guard let gpu, let setup else { return (model, nil) }
    let deployment = setup.deployment(on: gpu)
    if let problem = gpuProblem(deployment, setup: setup) {
      input.problem(problem)
      return (model, nil)
    }
    return (model, deployment)
  }

  /// Why the engine cannot run on the deployment's GPU, or not its weight or KV format; `nil`
  /// when it can.
  static func gpuProblem(_ deployment: Deployment, setup: ModelSetup) -> String? {
    let gpu = deployment.gpu
    let profile = deployment.engine.profile
    let engine = deployment.engine.engine
    if !engine.runs(on: gpu) {
      return
        "\(engine.displayName) does not run on \(gpu.name) (\(gpu.vendor.rawValue)); use --engine vllm (or none)"
    }
    if case .unsupported(let need) = deployment.formatSupport {
      let asked = setup.resolvedPrecision
      let source =
        setup.precision == nil
        ? "\(setup.model.name)'s \(asked.id) checkpoint" : "--precision \(asked.id)"
      return "\(source): " + need.sentence(asked, gpu: gpu, engine: deployment.engine)
    }
    if setup.kvPrecision == .bf16, profile.support(.bf16, on: gpu) == .asFP16 {
      return "--kv-precision bf16: "
        + FormatNeed.bf16.sentence(.bf16, gpu: gpu, engine: deployment.engine)
        .replacing("--precision", with: "--kv-precision")
    }
    return nil
  }

  /// The model with the deployment options the command declares; `nil` without a model.
  static func setup(
    _ input: inout OptionReader, model: ModelSpec?, method: MemoryMethod = .detailed,
    emit: EngineChoice? = nil
  ) -> ModelSetup? {
    let precision = input[Self.precision]
    let kvPrecision = input[Self.kvPrecision]
    let gpusPerNode = input.declared(Self.gpusPerNode)
    let engine = servingEngine(&input, emit: emit)
    guard let model else { return nil }
    let profile = engine.profile
    if let kv = kvPrecision, !profile.kvFormats.contains(kv.id) {
      let others = EngineRegistry.profiles.filter {
        $0.engine != .none && $0.kvFormats.contains(kv.id)
      }
      let elsewhere =
        others.isEmpty ? "" : "; \(kv.id) KV: " + others.map(\.id).joined(separator: ", ")
      input.problem(
        "--kv-precision \(kv.id): \(engine.label) has no \(kv.id) KV cache; use one of \(profile.kvFormats.joined(separator: ", "))\(elsewhere)"
      )
      return nil
    }
    let weights = precision ?? model.defaultPrecision
    if !profile.loads(weights) {
      let source = precision == nil ? "\(model.name)'s checkpoint" : "--precision \(weights.id)"
      let advice =
        profile.engine == .llamacpp
        ? "it reads GGUF files only; use --precision q8_0, q4_k_m or another GGUF type"
        : "it does not load \(weights.gguf != nil ? "GGUF files" : "bitsandbytes weights"); use --precision awq or fp8, or --engine \(weights.gguf != nil ? "llamacpp" : "vllm")"
      input.problem("\(source): \(engine.label) cannot serve \(weights.id) weights; \(advice)")
      return nil
    }
    return ModelSetup(
      model: model, precision: precision, kvPrecision: kvPrecision, method: method,
      engine: engine, gpusPerNode: gpusPerNode)
  }
}
