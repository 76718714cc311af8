/// The command that starts a serving engine on a chosen layout, with the notes it needs, as
/// typed words: the CLI writes them out as one shell line.
///
/// Flags follow each engine's documented CLI at the version named in ``version(of:)``:
/// - vLLM 0.11 (`vllm serve`): `--tensor-parallel-size`, `--pipeline-parallel-size`,
///   `--data-parallel-size`, `--enable-expert-parallel`, `--max-model-len`,
///   `--gpu-memory-utilization`, `--kv-cache-dtype fp8`, `--quantization fp8`, `--block-size`,
///   `--max-num-batched-tokens`, `--distributed-executor-backend ray`; uneven stages through the
///   `VLLM_PP_LAYER_PARTITION` environment variable.
/// - SGLang 0.5 (`python -m sglang.launch_server`): `--model-path`, `--tp-size`, `--pp-size`,
///   `--dp-size`, `--ep-size`, `--enable-dp-attention`, `--context-length`,
///   `--mem-fraction-static`, `--kv-cache-dtype fp8_e4m3`, `--quantization fp8`.
/// - TensorRT-LLM 1.0 (`trtllm-serve`, PyTorch backend): `--tp_size`, `--pp_size`,
///   `--ep_size`, `--max_seq_len`, `--kv_cache_free_gpu_memory_fraction`, `--max_batch_size`;
///   attention data parallelism and an FP8 KV cache through `--extra_llm_api_options`.
public struct LaunchCommand: Sendable, Hashable {
  /// One word of the command line.
  public enum Argument: Sendable, Hashable {
    /// An environment assignment before the program: `NAME="41,39"`.
    case environment(String, [Int])
    /// A literal word: the program, a model id, a bare flag.
    case word(String)
    /// A flag and its value.
    case option(String, Value)
  }

  public enum Value: Sendable, Hashable {
    case integer(Int)
    /// A fraction of memory, written with two decimals.
    case fraction(Double)
    case text(String)
  }

  /// What else the deployment needs.
  public enum Note: Sendable, Hashable {
    /// Quantized weights the engine does not make online: pass a pre-quantized checkpoint.
    case prequantizedCheckpoint(Precision, model: String)
    /// TensorRT-LLM loads FP8 weights from an FP8 checkpoint only.
    case fp8Checkpoint
    /// vLLM across nodes: a Ray cluster of `nodes` nodes.
    case rayCluster(nodes: Int)
    /// SGLang across nodes: the same command on each of `nodes` nodes.
    case sglangNodes(nodes: Int)
    /// TensorRT-LLM across nodes: `ranks` MPI ranks over `nodes` nodes.
    case mpiRanks(nodes: Int, ranks: Int)
    /// The engine starts one replica: run `copies` behind a load balancer.
    case copiesBehindLoadBalancer(Int)
    /// trtllm-serve runs one replica: start `replicas` of them.
    case trtllmReplicas(Int)
    /// Settings that go in a YAML file passed to the command.
    case optionsFile(name: String, lines: [String])
  }

  public let engine: Engine
  public let arguments: [Argument]
  public let notes: [Note]

  /// The engine release whose flags the line uses; `nil` for no engine.
  public static func version(of engine: Engine) -> String? {
    switch engine {
    case .vllm: "0.11"
    case .sglang: "0.5"
    case .trtllm: "1.0"
    case .llamacpp: "b6000"
    case .none: nil
    }
  }

  /// The engines that have a launch line.
  public static let engines: [Engine] = [.vllm, .sglang, .trtllm]

  /// The command for one replica of `layout` (DP copies as notes) serving sequences of
  /// `context` tokens.
  public init(
    engine: Engine, deployment: Deployment, context: Int, layout: Layout, stageLayers: [Int],
    maxRunningSequences: Int? = nil
  ) {
    self.engine = engine
    let model = deployment.model
    let topology = deployment.topology
    let precision = deployment.precision
    // The user's engine settings when they are for this engine, else its defaults.
    let serving = deployment.engine.engine == engine ? deployment.engine : ServingEngine(engine)
    let settings = serving.settings
    let fraction = LaunchCommand.Value.fraction(
      serving.resolved(model: model, gpu: deployment.gpu, layout: layout, maxModelLen: context)
        .memoryFraction)
    let quantize = precision.isFormat(.fp8) && !model.checkpointPrecision.isFormat(.fp8)
    let fp8KV = deployment.kvPrecision.computePath == .fp8
    let multiNode = layout.gpusPerReplica > topology.fastDomain
    let nodes = (layout.gpusPerReplica + topology.gpusPerNode - 1) / topology.gpusPerNode
    var notes: [Note] = []
    if precision.isQuantized && !precision.isFormat(.fp8)
      && !precision.isFormat(model.checkpointPrecision)
    {
      notes.append(.prequantizedCheckpoint(precision, model: model.servedName))
    }
    var parts: [Argument] = []
    func option(_ name: String, _ value: Int) { parts.append(.option(name, .integer(value))) }
    switch engine {
    case .vllm, .llamacpp, .none:
      let even = StageSplit.counts(layers: model.layers, stages: layout.pp)
      if layout.pp > 1 && stageLayers != even {
        parts.append(.environment("VLLM_PP_LAYER_PARTITION", stageLayers))
      }
      parts += [.word("vllm"), .word("serve"), .word(model.servedName)]
      option("--tensor-parallel-size", layout.tp)
      option("--pipeline-parallel-size", layout.pp)
      if layout.ep > 1 {
        option("--data-parallel-size", layout.ep)
        parts.append(.word("--enable-expert-parallel"))
      } else if layout.dp > 1 {
        option("--data-parallel-size", layout.dp)
      }
      option("--max-model-len", context)
      parts.append(.option("--gpu-memory-utilization", fraction))
      if fp8KV { parts.append(.option("--kv-cache-dtype", .text("fp8"))) }
      if quantize { parts.append(.option("--quantization", .text("fp8"))) }
      if let block = settings.blockSize { option("--block-size", block) }
      if let tokens = settings.batchedTokens { option("--max-num-batched-tokens", tokens) }
      if let sequences = maxRunningSequences, sequences != 256 {
        option("--max-num-seqs", sequences)
      }
      if multiNode {
        parts.append(.option("--distributed-executor-backend", .text("ray")))
        notes.append(.rayCluster(nodes: nodes))
      }
      if layout.ep > 1 && layout.dp > 1 { notes.append(.copiesBehindLoadBalancer(layout.dp)) }
    case .sglang:
      parts = [
        .word("python"), .word("-m"), .word("sglang.launch_server"),
        .option("--model-path", .text(model.servedName)),
      ]
      if layout.ep > 1 {
        option("--tp-size", layout.expertGroup)
        option("--dp-size", layout.ep)
        parts.append(.word("--enable-dp-attention"))
        option("--ep-size", layout.expertGroup)
      } else {
        option("--tp-size", layout.tp)
        if layout.dp > 1 { option("--dp-size", layout.dp) }
      }
      if layout.pp > 1 { option("--pp-size", layout.pp) }
      option("--context-length", context)
      parts.append(.option("--mem-fraction-static", fraction))
      if fp8KV { parts.append(.option("--kv-cache-dtype", .text("fp8_e4m3"))) }
      if quantize { parts.append(.option("--quantization", .text("fp8"))) }
      if let sequences = maxRunningSequences { option("--max-running-requests", sequences) }
      if multiNode { notes.append(.sglangNodes(nodes: nodes)) }
      if layout.ep > 1 && layout.dp > 1 { notes.append(.copiesBehindLoadBalancer(layout.dp)) }
    case .trtllm:
      parts = [
        .word("trtllm-serve"), .word(model.servedName), .option("--backend", .text("pytorch")),
      ]
      option("--tp_size", layout.ep > 1 ? layout.expertGroup : layout.tp)
      option("--pp_size", layout.pp)
      if layout.ep > 1 { option("--ep_size", layout.expertGroup) }
      option("--max_seq_len", context)
      parts.append(.option("--kv_cache_free_gpu_memory_fraction", fraction))
      if let sequences = maxRunningSequences { option("--max_batch_size", sequences) }
      var extra: [String] = []
      if layout.ep > 1 { extra.append("enable_attention_dp: true") }
      if fp8KV { extra.append("kv_cache_config: {dtype: fp8}") }
      if !extra.isEmpty {
        parts.append(.option("--extra_llm_api_options", .text("extra.yml")))
        notes.append(.optionsFile(name: "extra.yml", lines: extra))
      }
      if quantize { notes.append(.fp8Checkpoint) }
      if multiNode { notes.append(.mpiRanks(nodes: nodes, ranks: layout.gpusPerReplica)) }
      if layout.dp > 1 { notes.append(.trtllmReplicas(layout.dp)) }
    }
    arguments = parts
    self.notes = notes
  }
}

extension LayoutSearch {
  /// The command that starts the recommended layout on `engine`; `nil` when nothing fits.
  public func launchCommand(_ engine: Engine) -> LaunchCommand? {
    guard let best = recommended, let evaluation = best.evaluation else { return nil }
    return LaunchCommand(
      engine: engine, deployment: query.deployment, context: query.context, layout: best.layout,
      stageLayers: evaluation.placement.stageLayers)
  }
}
