import LLMPlanKit

extension LaunchCommand {
  /// One step as a shell line.
  static func line(_ arguments: [Argument]) -> String {
    arguments.map { argument in
      switch argument {
      case .environment(let name, let values):
        "\(name)=\"\(values.map(String.init).joined(separator: ","))\""
      case .word(let word): word
      case .option(let name, let value): "\(name) \(value.text)"
      }
    }.joined(separator: " ")
  }

  /// The serving step on one line.
  var line: String { Self.line(arguments) }

  /// "vLLM 0.8–0.11 (V1 engine)": the profile whose flags the lines use.
  var versionLabel: String { profile.label }

  /// The notes as sentences.
  var noteTexts: [String] { notes.map(\.text) }

  /// The launch block: the engine release, each step and the notes; a step wider than
  /// `width` continues on further lines with a shell `\\`, so it still pastes as one command.
  func block(width: Int = .max) -> String {
    var out = "Launch (\(versionLabel)):\n"
    if steps.count == 1, steps[0].role == .serve {
      out += Self.lines(arguments, indent: 2, width: width)
    } else {
      for step in steps {
        out += "  \(step.role.label):\n" + Self.lines(step.arguments, indent: 4, width: width)
      }
    }
    for note in noteTexts { out += "  note: \(note)\n" }
    return out
  }

  /// One step, indented, in lines of at most `width` columns where its arguments allow.
  static func lines(_ arguments: [Argument], indent: Int, width: Int) -> String {
    shellLines(words: arguments.map { line([$0]) }, indent: indent, width: width)
      .joined(separator: "\n") + "\n"
  }

  var json: JSON {
    .object([
      ("engine", .string(engine.rawValue)),
      ("profile", .string(profile.id)),
      ("version", .string(versionLabel)),
      ("command", .string(line)),
      (
        "steps",
        .array(
          steps.map { step in
            .object([
              ("role", .string(step.role.code)), ("where", .string(step.role.label)),
              ("command", .string(Self.line(step.arguments))),
            ])
          })
      ),
      ("notes", .array(noteTexts.map(JSON.string))),
    ])
  }
}

extension LaunchCommand.Value {
  /// As the shell reads it: node ranks and the head's address from `NODE_RANK` and `HEAD_IP`.
  var text: String {
    switch self {
    case .integer(let value): "\(value)"
    case .fraction(let value): Format.fixed(value, 2)
    case .text(let value): value
    case .nodeRank(let times): times == 1 ? "$NODE_RANK" : "$((NODE_RANK * \(times)))"
    case .headAddress(let port): port.map { "$HEAD_IP:\($0)" } ?? "$HEAD_IP"
    }
  }
}

extension LaunchCommand.Role {
  /// Where the step runs, as the launch block heads it.
  var label: String {
    switch self {
    case .serve: "serve"
    case .convert: "convert the checkpoint"
    case .build: "build the engine"
    case .headNode(let nodes): "on node 0 of \(nodes) (its address in HEAD_IP)"
    case .otherNodes(let nodes):
      nodes == 2
        ? "on node 1 (NODE_RANK=1, HEAD_IP node 0's address)"
        : "on nodes 1 to \(nodes - 1) (NODE_RANK=1…\(nodes - 1), HEAD_IP node 0's address)"
    case .everyNode(let nodes):
      "on each of \(nodes) nodes (NODE_RANK=0…\(nodes - 1), HEAD_IP node 0's address)"
    }
  }

  /// A stable machine name.
  var code: String {
    switch self {
    case .serve: "serve"
    case .convert: "convert"
    case .build: "build"
    case .headNode: "head-node"
    case .otherNodes: "other-nodes"
    case .everyNode: "every-node"
    }
  }
}

extension LaunchCommand.Note {
  var text: String {
    switch self {
    case .prequantizedCheckpoint(let precision, let model):
      "\(precision.id) weights need a pre-quantized checkpoint of \(model); pass its id instead"
    case .onlineQuantizationTooLarge(let precision, let model, let bytes, let usable):
      "no online \(precision.id) quantization: the engine loads \(model) at 16 bits first, \(Format.gib(bytes)) per GPU against \(Format.gib(usable)) (vLLM docs, features/quantization/fp8.md); pass a pre-quantized \(precision.id) checkpoint's id instead"
    case .fp8Checkpoint:
      "fp8 weights need an FP8 checkpoint (for example from NVIDIA TensorRT Model Optimizer); pass its id instead"
    case .rayCluster(let nodes):
      "one replica spans \(nodes) nodes: start a Ray cluster first (ray start --head on one node, ray start --address=HEAD_IP:6379 on the others) and run this on the head node"
    case .copiesBehindLoadBalancer(let copies):
      "run \(copies) copies of this command on separate GPUs behind a load balancer"
    case .optionsFile(let name, let lines):
      "\(name) holds: \(lines.joined(separator: "; "))"
    case .tritonServes(let directory, let fraction):
      "serve \(directory) with Triton's TensorRT-LLM backend (tensorrtllm_backend), kv_cache_free_gpu_memory_fraction \(Format.fixed(fraction, 2))"
    case .partialOffload(let layers, let total, let host):
      "-ngl \(layers): \(layers) of \(total) layers on the GPU; the other \(total - layers), the embedding, the output layer and their KV cache (\(Format.gib(host))) stay in host RAM and run on the CPU"
    case .mpiRanks(let nodes, let ranks):
      "the engine has \(ranks) ranks over \(nodes) nodes: start the server under MPI across them (mpirun -n \(ranks))"
    case .singleNodeOnly:
      "llama-server spreads a model over one node's GPUs; across nodes it needs its RPC backend (--rpc), which this plan does not cover"
    }
  }
}
