import LLMPlanKit

/// `fit --emit k8s`: a Kubernetes manifest for the plan's launch command (``LaunchCommand``).
///
/// - A replica on one node: a `Deployment` (`apps/v1`) whose pod requests the replica's GPUs
///   (`nvidia.com/gpu`, the NVIDIA device plugin's resource); data-parallel copies started as
///   separate processes become its `replicas`.
/// - A replica over several nodes: a `LeaderWorkerSet` (`leaderworkerset.x-k8s.io/v1`, the
///   Kubernetes SIG Apps API for multi-node inference), one pod per node, the leader running
///   the head node's step and the workers the others', `NODE_RANK` from `LWS_WORKER_INDEX` and
///   `HEAD_IP` from `LWS_LEADER_ADDRESS`.
/// - Every pod: the engine's published image for the profile's release, `/dev/shm` as a
///   memory volume (NCCL and the engines' shared tensors need more than the default 64 MB),
///   a readiness probe on the server's `/health`, and conversion or build steps (TensorRT-LLM
///   0.10) as init containers.
///
/// YAML by default; `--format json` gives the same objects as a JSON array. Both are written
/// here, without a YAML library: strings are double-quoted JSON strings, which YAML 1.2 reads
/// as the same strings.
enum KubernetesManifest {
  /// The engine's image for a release, its server port.
  static func image(_ profile: any EngineProfile) -> (image: String, port: Int) {
    let version = profile.version.description
    switch profile.engine {
    case .vllm: return ("vllm/vllm-openai:v\(version).0", 8000)
    case .sglang: return ("lmsysorg/sglang:v\(version).0", 30000)
    case .trtllm:
      // 0.10 ran under Triton (the 24.06 container ships TensorRT-LLM 0.10).
      return profile.version < EngineVersion(0, 17)
        ? ("nvcr.io/nvidia/tritonserver:24.06-trtllm-python-py3", 8000)
        : ("nvcr.io/nvidia/tensorrt-llm/release:\(version).0", 8000)
    case .llamacpp: return ("ghcr.io/ggml-org/llama.cpp:server-cuda", 8080)
    case .none: return ("", 8000)
    }
  }

  /// A Kubernetes object name: lowercase letters, digits and dashes, at most 63 characters.
  static func name(_ text: String) -> String {
    var out = ""
    for character in text.lowercased() {
      if character.isASCII, character.isLetter || character.isNumber {
        out.append(character)
      } else if out.last != "-" {
        out.append("-")
      }
    }
    let trimmed = out.trimming("-")
    return String(("llmplan-" + trimmed).prefix(63)).trimming("-")
  }

  /// Data-parallel copies the launch starts as separate processes (1: one process).
  static func copies(_ launch: LaunchCommand) -> Int {
    launch.notes.compactMap { note -> Int? in
      if case .copiesBehindLoadBalancer(let copies) = note { return copies }
      return nil
    }.first ?? 1
  }

  /// Why no manifest is written for `launch`; `nil` when one is.
  static func unsupported(_ launch: LaunchCommand, layout: Layout, gpusPerNode: Int) -> String? {
    if !launch.steps.contains(where: { !($0.role == .convert || $0.role == .build) }) {
      return
        "\(launch.profile.id)'s engines are served by Triton's TensorRT-LLM backend, which llmplan does not configure; use --engine trtllm (0.17 or later) for a manifest"
    }
    for note in launch.notes {
      if case .mpiRanks(let nodes, _) = note {
        return
          "a TensorRT-LLM replica over \(nodes) nodes starts under MPI (mpirun), which needs the MPI Operator; llmplan writes manifests for replicas inside one node and for vLLM and SGLang across nodes"
      }
    }
    let multiNode = launch.steps.contains {
      switch $0.role {
      case .headNode, .otherNodes, .everyNode: true
      default: false
      }
    }
    let ray = launch.notes.contains { if case .rayCluster = $0 { true } else { false } }
    let copies = Self.copies(launch)
    if !multiNode, !ray, layout.gpus / copies > gpusPerNode {
      return
        "a replica of \(layout.gpus / copies) GPUs spans nodes of \(gpusPerNode), and \(launch.profile.id) starts it under MPI (mpirun), which needs the MPI Operator; llmplan writes manifests for replicas inside one node and for vLLM and SGLang across nodes"
    }
    return nil
  }

  /// The objects of the manifest.
  static func objects(_ launch: LaunchCommand, plan: FitPlan, layout: Layout) -> [JSON] {
    let deployment = plan.deployment
    let (image, port) = image(launch.profile)
    let app = name(deployment.model.id + "-" + deployment.gpu.id)
    let gpusPerNode = deployment.topology.gpusPerNode
    let labels = JSON.object([("app", .string(app))])
    let serve = launch.steps.filter { !($0.role == .convert || $0.role == .build) }
    let prepare = launch.steps.filter { $0.role == .convert || $0.role == .build }
    let copies = Self.copies(launch)
    func container(_ name: String, _ step: LaunchCommand.Step, env: String = "", gpus: Int)
      -> JSON
    {
      .object([
        ("name", .string(name)),
        ("image", .string(image)),
        ("command", .array(["/bin/sh", "-c"].map(JSON.string))),
        ("args", .array([.string(env + LaunchCommand.line(step.arguments))])),
        ("ports", .array([.object([("containerPort", .int(port))])])),
        (
          "resources",
          .object([("limits", .object([("nvidia.com/gpu", .int(gpus))]))])
        ),
        (
          "volumeMounts",
          .array([.object([("name", .string("dshm")), ("mountPath", .string("/dev/shm"))])])
        ),
      ])
    }
    func withProbe(_ container: JSON) -> JSON {
      guard case .object(let pairs) = container else { return container }
      return .object(
        pairs + [
          (
            "readinessProbe",
            .object([
              ("httpGet", .object([("path", .string("/health")), ("port", .int(port))])),
              ("initialDelaySeconds", .int(60)), ("periodSeconds", .int(10)),
            ])
          )
        ])
    }
    func pod(_ main: [JSON], gpus: Int) -> JSON {
      var spec: [(String, JSON)] = []
      if !prepare.isEmpty {
        spec.append(
          (
            "initContainers",
            .array(
              prepare.enumerated().map { container("prepare-\($0.offset)", $0.element, gpus: gpus) }
            )
          ))
      }
      spec += [
        ("containers", .array(main)),
        (
          "volumes",
          .array([
            .object([
              ("name", .string("dshm")),
              ("emptyDir", .object([("medium", .string("Memory"))])),
            ])
          ])
        ),
      ]
      return .object(spec)
    }
    let lwsEnv = "NODE_RANK=$LWS_WORKER_INDEX; HEAD_IP=$LWS_LEADER_ADDRESS; "
    for note in launch.notes {
      // vLLM over nodes with Ray: the leader heads the Ray cluster and serves, workers join.
      guard case .rayCluster(let nodes) = note, let step = serve.first else { continue }
      let join = LaunchCommand.Step(
        .serve, [.word("ray start --address=$LWS_LEADER_ADDRESS:6379 --block")])
      let head = "ray start --head --port=6379 && "
      return [
        leaderWorkerSet(
          app, labels: labels, nodes: nodes,
          leader: pod(
            [withProbe(container("serve", step, env: head, gpus: gpusPerNode))], gpus: gpusPerNode),
          worker: pod([container("ray-worker", join, gpus: gpusPerNode)], gpus: gpusPerNode))
      ]
    }
    if let head = serve.first(where: { if case .headNode = $0.role { true } else { false } }),
      case .headNode(let nodes) = head.role
    {
      let others = serve.first { if case .otherNodes = $0.role { true } else { false } } ?? head
      return [
        leaderWorkerSet(
          app, labels: labels, nodes: nodes,
          leader: pod(
            [withProbe(container("serve", head, env: lwsEnv, gpus: gpusPerNode))], gpus: gpusPerNode
          ),
          worker: pod(
            [container("serve", others, env: lwsEnv, gpus: gpusPerNode)], gpus: gpusPerNode))
      ]
    }
    if let every = serve.first(where: { if case .everyNode = $0.role { true } else { false } }),
      case .everyNode(let nodes) = every.role
    {
      let template = pod(
        [withProbe(container("serve", every, env: lwsEnv, gpus: gpusPerNode))], gpus: gpusPerNode)
      return [
        leaderWorkerSet(app, labels: labels, nodes: nodes, leader: template, worker: template)
      ]
    }
    let step = serve.first ?? launch.steps[0]
    let gpus = max(1, layout.gpus / copies)
    return [
      .object([
        ("apiVersion", .string("apps/v1")),
        ("kind", .string("Deployment")),
        ("metadata", .object([("name", .string(app)), ("labels", labels)])),
        (
          "spec",
          .object([
            ("replicas", .int(copies)),
            ("selector", .object([("matchLabels", labels)])),
            (
              "template",
              .object([
                ("metadata", .object([("labels", labels)])),
                ("spec", pod([withProbe(container("serve", step, gpus: gpus))], gpus: gpus)),
              ])
            ),
          ])
        ),
      ])
    ]
  }

  static func leaderWorkerSet(
    _ app: String, labels: JSON, nodes: Int, leader: JSON, worker: JSON
  ) -> JSON {
    .object([
      ("apiVersion", .string("leaderworkerset.x-k8s.io/v1")),
      ("kind", .string("LeaderWorkerSet")),
      ("metadata", .object([("name", .string(app)), ("labels", labels)])),
      (
        "spec",
        .object([
          ("replicas", .int(1)),
          (
            "leaderWorkerTemplate",
            .object([
              ("size", .int(nodes)),
              (
                "leaderTemplate",
                .object([("metadata", .object([("labels", labels)])), ("spec", leader)])
              ),
              (
                "workerTemplate",
                .object([("metadata", .object([("labels", labels)])), ("spec", worker)])
              ),
            ])
          ),
        ])
      ),
    ])
  }

  /// YAML documents, one per object, separated by `---`.
  static func yaml(_ objects: [JSON]) -> String {
    objects.map { "---\n" + yaml($0, indent: 0) }.joined()
  }

  static func yaml(_ value: JSON, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    switch value {
    case .object(let pairs):
      guard !pairs.isEmpty else { return pad + "{}\n" }
      return pairs.map { key, item in
        let label = pad + yamlKey(key) + ":"
        switch item {
        case .object(let inner) where !inner.isEmpty:
          return label + "\n" + yaml(item, indent: indent + 2)
        case .array(let inner) where !inner.isEmpty:
          return label + "\n" + yaml(item, indent: indent)
        default: return label + " " + scalar(item) + "\n"
        }
      }.joined()
    case .array(let items):
      guard !items.isEmpty else { return pad + "[]\n" }
      return items.map { item in
        switch item {
        case .object(let inner) where !inner.isEmpty:
          // "- " then the object's first line, the rest indented under it.
          let body = yaml(item, indent: indent + 2)
          return pad + "- " + body.dropFirst(indent + 2)
        default: return pad + "- " + scalar(item) + "\n"
        }
      }.joined()
    default:
      return pad + scalar(value) + "\n"
    }
  }

  /// A key as written: plain when it is a simple name (`nvidia.com/gpu`), else quoted.
  static func yamlKey(_ key: String) -> String {
    let plain =
      key.first.map { $0.isASCII && $0.isLetter } ?? false
      && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._/-".contains($0)) }
    return plain ? key : JSON.quote(key)
  }

  static func scalar(_ value: JSON) -> String {
    switch value {
    case .object: "{}"
    case .array: "[]"
    default: value.rendered().trimming("\n")
    }
  }
}
