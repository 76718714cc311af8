/// The commands that start a serving engine on a chosen layout, with the notes they need, as
/// typed words: the CLI writes each step out as one shell line.
///
/// Each engine profile builds its own (``EngineProfile/launch(_:)``) with the flags of its
/// release, kept in ``EngineProfile/flags``: `vllm serve` (``VLLMLaunch``),
/// `python -m sglang.launch_server` (``SGLangLaunch``), `trtllm-serve` or, for TensorRT-LLM
/// 0.10, `convert_checkpoint.py` and `trtllm-build` (``TRTLLMLaunch``), `llama-server`
/// (``LlamaCppLaunch``). Settings are written only where the plan's differ from the
/// release's own defaults, so the engine picks the rest as the plan assumed.
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
    /// The node's rank times `times`, from the `NODE_RANK` shell variable of a multi-node step.
    case nodeRank(times: Int)
    /// The first node's address (`HEAD_IP`), with a port when the flag takes one.
    case headAddress(port: Int?)
  }

  /// Where a step runs.
  public enum Role: Sendable, Hashable {
    /// The one command of a single-node replica (or of a Ray or MPI launch from one node).
    case serve
    /// Converts the checkpoint to the engine's own (TensorRT-LLM 0.10).
    case convert
    /// Builds the engine from the converted checkpoint (TensorRT-LLM 0.10).
    case build
    /// On the first node of `nodes`.
    case headNode(nodes: Int)
    /// On each other node, 1 to `nodes` − 1, with `NODE_RANK` set to its index.
    case otherNodes(nodes: Int)
    /// On every node, `NODE_RANK` 0 to `nodes` − 1.
    case everyNode(nodes: Int)
  }

  /// One command line and where it runs.
  public struct Step: Sendable, Hashable {
    public let role: Role
    public let arguments: [Argument]

    public init(_ role: Role, _ arguments: [Argument]) {
      self.role = role
      self.arguments = arguments
    }
  }

  /// What else the deployment needs.
  public enum Note: Sendable, Hashable {
    /// Quantized weights the engine does not make online: pass a pre-quantized checkpoint.
    case prequantizedCheckpoint(Precision, model: String)
    /// Online quantization loads the checkpoint at 16 bits first, and that does not fit:
    /// `bytes` per GPU against `usable`.
    case onlineQuantizationTooLarge(Precision, model: String, bytes: Bytes, usable: Bytes)
    /// TensorRT-LLM loads FP8 weights from an FP8 checkpoint only.
    case fp8Checkpoint
    /// vLLM across nodes: a Ray cluster of `nodes` nodes.
    case rayCluster(nodes: Int)
    /// The engine starts one replica: run `copies` behind a load balancer.
    case copiesBehindLoadBalancer(Int)
    /// Settings that go in a YAML file passed to the command.
    case optionsFile(name: String, lines: [String])
    /// A TensorRT-LLM 0.10 engine is served by Triton's TensorRT-LLM backend (or `run.py`),
    /// whose KV pool takes this fraction of the free memory.
    case tritonServes(engineDirectory: String, memoryFraction: Double)
    /// llama-server keeps `layers` of the model's layers on the GPUs and the rest in host RAM.
    case partialOffload(layers: Int, of: Int, hostBytes: Bytes)
    /// A TensorRT engine of `ranks` ranks over `nodes` nodes runs under MPI.
    case mpiRanks(nodes: Int, ranks: Int)
    /// llama-server spreads one replica over one node's GPUs only.
    case singleNodeOnly
  }

  /// The profile whose release the flags belong to.
  public let profile: any EngineProfile
  public let steps: [Step]
  public let notes: [Note]

  public var engine: Engine { profile.engine }

  public init(profile: any EngineProfile, steps: [Step], notes: [Note]) {
    self.profile = profile
    self.steps = steps
    self.notes = notes
  }

  /// The serving step's words (the last step).
  public var arguments: [Argument] { steps.last?.arguments ?? [] }

  /// The command for one replica of `layout` (DP copies as notes), or `nil` when the
  /// deployment's engine has no launcher (`none`).
  public init?(
    deployment: Deployment, context: Int, layout: Layout, stageLayers: [Int], sequences: Int = 1,
    offload: PartialOffload? = nil
  ) {
    let plan = LaunchPlan(
      deployment: deployment, context: context, layout: layout, stageLayers: stageLayers,
      sequences: sequences, offload: offload)
    guard let command = deployment.engine.profile.launch(plan) else { return nil }
    self = command
  }

  public static func == (a: LaunchCommand, b: LaunchCommand) -> Bool {
    a.profile.id == b.profile.id && a.steps == b.steps && a.notes == b.notes
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(profile.id)
    hasher.combine(steps)
    hasher.combine(notes)
  }
}

/// What a launch line is built from: the deployment, the layout of one replica, and which of
/// the engine's settings the user changed.
public struct LaunchPlan: Sendable {
  public let deployment: Deployment
  /// `max_model_len`: the longest sequence.
  public let context: Int
  public let layout: Layout
  public let stageLayers: [Int]
  /// Sequences the plan holds per attention group (llama.cpp's `-np`).
  public let sequences: Int
  /// The release's own settings for this GPU and layout.
  public let defaults: EngineDefaults
  /// llama.cpp's `-ngl` when only some layers fit the GPUs; `nil`: every layer on them.
  public let offload: PartialOffload?

  public init(
    deployment: Deployment, context: Int, layout: Layout, stageLayers: [Int], sequences: Int,
    offload: PartialOffload? = nil
  ) {
    self.offload = offload
    self.deployment = deployment
    self.context = context
    self.layout = layout
    self.stageLayers = stageLayers
    self.sequences = max(1, sequences)
    defaults = deployment.engine.profile.defaults(
      model: deployment.model, gpu: deployment.gpu, layout: layout, maxModelLen: context)
  }

  public var model: ModelSpec { deployment.model }
  public var topology: Topology { deployment.topology }

  /// A setting the user gave that differs from the release's default: what the line must say.
  public func changed<T: Equatable>(_ setting: KeyPath<EngineSettings, T?>, _ default: T) -> T? {
    guard let value = deployment.engine.settings[keyPath: setting], value != `default` else {
      return nil
    }
    return value
  }

  /// The memory fraction when it is not the release's default.
  public var memoryFraction: Double? {
    changed(\.memoryFraction, defaults.memoryFraction)
  }
  public var blockSize: Int? { changed(\.blockSize, defaults.blockSize) }
  public var batchedTokens: Int? { changed(\.batchedTokens, defaults.batchedTokens) }
  public var maxSequences: Int? { changed(\.maxSequences, defaults.maxSequences) }

  /// A KV format that is not the activations' own (fp8, int8, q8_0, q4_0); `nil` for auto.
  public var kvFormat: Precision? {
    let kv = deployment.kvPrecision
    return kv.bytes == model.activationPrecision.bytes && !kv.isQuantized ? nil : kv
  }

  /// A bf16 checkpoint served in fp16 on a GPU without bf16 (`--dtype half`).
  public var halfPrecision: Bool { deployment.formatSupport == .asFP16 }

  /// GPUs per node.
  public var gpusPerNode: Int { topology.gpusPerNode }

  /// Nodes that `gpus` GPUs take.
  public func nodes(_ gpus: Int) -> Int { (gpus + gpusPerNode - 1) / gpusPerNode }

  /// The even split of layers over the stages: when the plan's differs, the line must say so.
  public var unevenStages: Bool {
    layout.pp > 1 && stageLayers != StageSplit.counts(layers: model.layers, stages: layout.pp)
  }

  /// How online quantization to `deployment.precision` goes: `nil` when the weights are the
  /// checkpoint's own format (nothing to quantize), else whether loading the checkpoint at its
  /// 16-bit dtype fits one GPU first. vLLM (to 0.12) and SGLang load every weight at the
  /// checkpoint's dtype and quantize after loading (vLLM docs, features/quantization/fp8.md,
  /// "Online Dynamic Quantization"), so the heaviest stage's 16-bit shard plus the CUDA
  /// context must fit the memory CUDA reports.
  public var onlineQuantization: OnlineQuantization? {
    let precision = deployment.precision
    guard precision.isFormat(.fp8), !model.checkpointPrecision.isFormat(.fp8) else { return nil }
    let sixteen = deployment.with(precision: model.activationPrecision)
    guard
      let placement = sixteen.place(
        layout, Workload(context: context), stageLayers: stageLayers)
    else { return nil }
    let heaviest = placement.stageMemory.map(\.weights.bytes).max() ?? .zero
    let usable = deployment.gpu.memory.usable
    return OnlineQuantization(
      bytes: heaviest, usable: usable, fits: heaviest + ServingEngine.cudaContext <= usable)
  }

  public struct OnlineQuantization: Sendable, Hashable {
    /// One GPU's share of the weights at the checkpoint's 16-bit dtype.
    public let bytes: Bytes
    public let usable: Bytes
    public let fits: Bool
  }

  /// `--dtype half` without bf16, `--quantization fp8` when the 16-bit load fits (else a note
  /// asking for a pre-quantized checkpoint), and the note for other quantized formats: the
  /// same words in `vllm serve` and `sglang.launch_server`.
  func weightFormatWords() -> (words: [LaunchCommand.Argument], notes: [LaunchCommand.Note]) {
    var words: [LaunchCommand.Argument] = []
    var notes: [LaunchCommand.Note] = []
    if halfPrecision { words.append(.option("--dtype", .text("half"))) }
    if let online = onlineQuantization {
      if online.fits {
        words.append(.option("--quantization", .text("fp8")))
      } else {
        notes.append(
          .onlineQuantizationTooLarge(
            deployment.precision, model: model.servedName, bytes: online.bytes,
            usable: online.usable))
      }
    }
    if let note = prequantizedNote { notes.append(note) }
    return (words, notes)
  }

  /// The note for quantized weights the engine cannot make from this checkpoint online.
  var prequantizedNote: LaunchCommand.Note? {
    let precision = deployment.precision
    guard precision.isQuantized, !precision.isFormat(.fp8),
      !precision.isFormat(model.checkpointPrecision)
    else { return nil }
    return .prequantizedCheckpoint(precision, model: model.servedName)
  }
}

extension LayoutSearch {
  /// The command that starts the recommended layout on the deployment's engine; `nil` when
  /// nothing fits or the engine has no launcher.
  public var launchCommand: LaunchCommand? {
    guard let best = recommended, let evaluation = best.evaluation else { return nil }
    return LaunchCommand(
      deployment: query.deployment, context: query.context, layout: best.layout,
      stageLayers: evaluation.placement.stageLayers, sequences: evaluation.sequencesPerGroup)
  }
}
