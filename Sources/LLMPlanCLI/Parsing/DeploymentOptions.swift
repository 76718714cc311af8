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
  static let engine = Option<Engine>(
    "engine", .choice(Engine.allCases, placeholder: "E"),
    "memory rules of this serving engine: "
      + Engine.allCases.map(\.rawValue).joined(separator: ", ")
  ).defaulting("vllm")
  /// ``engine`` in the commands that take `--emit`, whose engine it defaults to.
  static let engineAfterEmit = engine.defaulting("the --emit engine, else vllm")
  static let gpuMemoryUtilization = Option<Double>(
    "gpu-memory-utilization", .fraction, "vLLM: fraction of GPU memory"
  ).defaulting(Format.number(ServingEngine.defaultFraction(.vllm, gpusPerReplica: 1)))
  static let memFractionStatic = Option<Double>(
    "mem-fraction-static", .fraction, "SGLang: fraction of GPU memory for weights + KV"
  ).defaulting(sglangDefault)
  static let freeGPUMemoryFraction = Option<Double>(
    "free-gpu-memory-fraction", .fraction, "TensorRT-LLM: fraction of free memory for KV"
  ).defaulting(Format.number(ServingEngine.defaultFraction(.trtllm, gpusPerReplica: 1)))
  static let blockSize = Option<Int>(
    "block-size", .integer(1...1024), "tokens per KV block"
  ).defaulting(blockSizeDefault)
  static let maxBatchedTokens = Option<Int>(
    "max-num-batched-tokens", .integer(1...1_048_576, allowK: true), "tokens per forward pass"
  ).defaulting(
    "\(Format.integer(ServingEngine.defaultBatchedTokens(.vllm))); llama.cpp \(Format.integer(ServingEngine.defaultBatchedTokens(.llamacpp)))"
  )

  /// The engine's memory settings; `compare` takes only ``engine``.
  static let engineSettings: [any DeclaredOption] = [
    gpuMemoryUtilization, memFractionStatic, freeGPUMemoryFraction, blockSize, maxBatchedTokens,
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

  static var sglangDefault: String {
    let fractions = ServingEngine.sglangFractions.map(\.fraction)
    return
      "\(Format.number(fractions.min() ?? 0))–\(Format.number(fractions.max() ?? 0)) by GPUs per replica"
  }

  static var blockSizeDefault: String {
    let engines: [Engine] = [.vllm, .trtllm]
    return engines.map { "\($0.displayName) \(ServingEngine.defaultBlockSize($0))" }
      .joined(separator: ", ") + ", others 1"
  }

  /// The engine and its settings (those the command declares). Without `--engine`, the memory
  /// rules follow the engine `--emit` launches, else vLLM's.
  static func servingEngine(_ input: inout OptionReader, emit: Engine? = nil) -> ServingEngine {
    let kind = input[Self.engine] ?? emit ?? .vllm
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
    return ServingEngine(
      kind, memoryFraction: memoryFraction, blockSize: input.declared(blockSize),
      maxBatchedTokens: input.declared(maxBatchedTokens))
  }

  /// The model (the positional argument), the GPU and the deployment options the command
  /// declares; the deployment is `nil` when any of them is bad or missing.
  static func deployment(
    _ input: inout OptionReader, gpu: Option<GPUSpec>, method: MemoryMethod = .detailed,
    emit: Engine? = nil
  ) -> (model: ModelSpec?, deployment: Deployment?) {
    let model = input.positional(.model)
    let gpu = input[gpu]
    let setup = setup(&input, model: model, method: method, emit: emit)
    if let gpu, let engine = setup?.engine.engine, !engine.runs(on: gpu) {
      input.problem(
        "\(engine.displayName) does not run on \(gpu.name) (\(gpu.vendor.rawValue)); use --engine vllm (or none)"
      )
      return (model, nil)
    }
    return (model, gpu.flatMap { setup?.deployment(on: $0) })
  }

  /// The model with the deployment options the command declares; `nil` without a model.
  static func setup(
    _ input: inout OptionReader, model: ModelSpec?, method: MemoryMethod = .detailed,
    emit: Engine? = nil
  ) -> ModelSetup? {
    let precision = input[Self.precision]
    let kvPrecision = input[Self.kvPrecision]
    let gpusPerNode = input.declared(Self.gpusPerNode)
    let engine = servingEngine(&input, emit: emit)
    guard let model else { return nil }
    return ModelSetup(
      model: model, precision: precision, kvPrecision: kvPrecision, method: method,
      engine: engine, gpusPerNode: gpusPerNode)
  }
}
