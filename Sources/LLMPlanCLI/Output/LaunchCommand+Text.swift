import LLMPlanKit

extension LaunchCommand {
  /// The shell command on one line.
  var line: String {
    arguments.map { argument in
      switch argument {
      case .environment(let name, let values):
        "\(name)=\"\(values.map(String.init).joined(separator: ","))\""
      case .word(let word): word
      case .option(let name, .integer(let value)): "\(name) \(value)"
      case .option(let name, .fraction(let value)): "\(name) \(Format.fixed(value, 2))"
      case .option(let name, .text(let value)): "\(name) \(value)"
      }
    }.joined(separator: " ")
  }

  /// "vLLM 0.11".
  var versionLabel: String {
    [engine.displayName, LaunchCommand.version(of: engine)].compactMap { $0 }
      .joined(separator: " ")
  }

  /// The notes as sentences.
  var noteTexts: [String] { notes.map(\.text) }

  /// The launch block: the engine release, the command and its notes.
  var block: String {
    var out = "Launch (\(versionLabel)):\n  \(line)\n"
    for note in noteTexts { out += "  note: \(note)\n" }
    return out
  }

  var json: JSON {
    .object([
      ("engine", .string(engine.rawValue)),
      ("version", .string(versionLabel)),
      ("command", .string(line)),
      ("notes", .array(noteTexts.map(JSON.string))),
    ])
  }
}

extension LaunchCommand.Note {
  var text: String {
    switch self {
    case .prequantizedCheckpoint(let precision, let model):
      "\(precision.id) weights need a pre-quantized checkpoint of \(model); pass its id instead"
    case .fp8Checkpoint:
      "fp8 weights need an FP8 checkpoint (for example from NVIDIA TensorRT Model Optimizer); pass its id instead"
    case .rayCluster(let nodes):
      "one replica spans \(nodes) nodes: start a Ray cluster first (ray start --head on one node, ray start --address=HEAD_IP:6379 on the others) and run this on the head node"
    case .sglangNodes(let nodes):
      "one replica spans \(nodes) nodes: run this on each node with --nnodes \(nodes) --node-rank R --dist-init-addr HEAD_IP:5000"
    case .mpiRanks(let nodes, let ranks):
      "one replica spans \(nodes) nodes: launch with mpirun -n \(ranks) trtllm-llmapi-launch trtllm-serve …"
    case .copiesBehindLoadBalancer(let copies):
      "run \(copies) copies of this command on separate GPUs behind a load balancer"
    case .trtllmReplicas(let replicas):
      "trtllm-serve runs one replica: start \(replicas) of them on separate GPUs behind a load balancer"
    case .optionsFile(let name, let lines):
      "\(name) holds: \(lines.joined(separator: "; "))"
    }
  }
}
