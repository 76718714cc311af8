/// The command that starts a serving engine on a chosen layout, with the notes it needs.
///
/// Flags follow each engine's documented CLI at the version named in ``version``:
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
  public let engine: Engine
  /// The shell command, on one line.
  public let command: String
  /// What else the deployment needs (clusters, replicas, checkpoints).
  public let notes: [String]

  public static func version(of engine: Engine) -> String {
    switch engine {
    case .vllm: "vLLM 0.11"
    case .sglang: "SGLang 0.5"
    case .trtllm: "TensorRT-LLM 1.0"
    case .llamacpp: "llama.cpp b6000"
    case .none: "none"
    }
  }

  /// The engines that have a launch line.
  public static let engines: [Engine] = [.vllm, .sglang, .trtllm]

  public init(
    engine: Engine, request: PlanRequest, layout: Layout, stageLayers: [Int],
    topology: Topology, maxRunningSequences: Int? = nil
  ) {
    self.engine = engine
    let model = request.model
    // The user's engine settings when they are for this engine, else its defaults.
    let settings = request.engine.engine == engine ? request.engine : ServingEngine(engine)
    let fraction = Format.fixed(
      settings.fraction(gpusPerReplica: layout.gpusPerReplica), 2)
    let quantize = request.precision == .fp8 && model.checkpointPrecision != .fp8
    let fp8KV = request.kvPrecision.computePath == .fp8
    let multiNode = layout.gpusPerReplica > topology.fastDomain
    let nodes = (layout.gpusPerReplica + topology.gpusPerNode - 1) / topology.gpusPerNode
    var notes: [String] = []
    if request.precision.isQuantized && request.precision != .fp8
      && request.precision != model.checkpointPrecision
    {
      notes.append(
        "\(request.precision.id) weights need a pre-quantized checkpoint of \(model.huggingFaceID); pass its id instead"
      )
    }
    var parts: [String]
    switch engine {
    case .vllm, .llamacpp, .none:
      let even = StageSplit.counts(layers: model.layers, stages: layout.pp)
      parts = []
      if layout.pp > 1 && stageLayers != even {
        parts.append(
          "VLLM_PP_LAYER_PARTITION=\"\(stageLayers.map(String.init).joined(separator: ","))\"")
      }
      parts += [
        "vllm serve", model.huggingFaceID, "--tensor-parallel-size \(layout.tp)",
        "--pipeline-parallel-size \(layout.pp)",
      ]
      if layout.ep > 1 {
        parts += ["--data-parallel-size \(layout.ep)", "--enable-expert-parallel"]
      } else if layout.dp > 1 {
        parts.append("--data-parallel-size \(layout.dp)")
      }
      parts += ["--max-model-len \(request.context)", "--gpu-memory-utilization \(fraction)"]
      if fp8KV { parts.append("--kv-cache-dtype fp8") }
      if quantize { parts.append("--quantization fp8") }
      if let block = settings.blockSize { parts.append("--block-size \(block)") }
      if let tokens = settings.maxBatchedTokens {
        parts.append("--max-num-batched-tokens \(tokens)")
      }
      if let sequences = maxRunningSequences, sequences != 256 {
        parts.append("--max-num-seqs \(sequences)")
      }
      if multiNode {
        parts.append("--distributed-executor-backend ray")
        notes.append(
          "one replica spans \(nodes) nodes: start a Ray cluster first (ray start --head on one node, ray start --address=HEAD_IP:6379 on the others) and run this on the head node"
        )
      }
      if layout.ep > 1 && layout.dp > 1 {
        notes.append(
          "run \(layout.dp) copies of this command on separate GPUs behind a load balancer")
      }
    case .sglang:
      parts = ["python -m sglang.launch_server", "--model-path \(model.huggingFaceID)"]
      if layout.ep > 1 {
        parts += [
          "--tp-size \(layout.expertGroup)", "--dp-size \(layout.ep)", "--enable-dp-attention",
          "--ep-size \(layout.expertGroup)",
        ]
      } else {
        parts.append("--tp-size \(layout.tp)")
        if layout.dp > 1 { parts.append("--dp-size \(layout.dp)") }
      }
      if layout.pp > 1 { parts.append("--pp-size \(layout.pp)") }
      parts += ["--context-length \(request.context)", "--mem-fraction-static \(fraction)"]
      if fp8KV { parts.append("--kv-cache-dtype fp8_e4m3") }
      if quantize { parts.append("--quantization fp8") }
      if let sequences = maxRunningSequences {
        parts.append("--max-running-requests \(sequences)")
      }
      if multiNode {
        notes.append(
          "one replica spans \(nodes) nodes: run this on each node with --nnodes \(nodes) --node-rank R --dist-init-addr HEAD_IP:5000"
        )
      }
      if layout.ep > 1 && layout.dp > 1 {
        notes.append(
          "run \(layout.dp) copies of this command on separate GPUs behind a load balancer")
      }
    case .trtllm:
      parts = [
        "trtllm-serve", model.huggingFaceID, "--backend pytorch",
        "--tp_size \(layout.ep > 1 ? layout.expertGroup : layout.tp)", "--pp_size \(layout.pp)",
      ]
      if layout.ep > 1 { parts.append("--ep_size \(layout.expertGroup)") }
      parts += [
        "--max_seq_len \(request.context)", "--kv_cache_free_gpu_memory_fraction \(fraction)",
      ]
      if let sequences = maxRunningSequences { parts.append("--max_batch_size \(sequences)") }
      var extra: [String] = []
      if layout.ep > 1 { extra.append("enable_attention_dp: true") }
      if fp8KV { extra.append("kv_cache_config: {dtype: fp8}") }
      if !extra.isEmpty {
        parts.append("--extra_llm_api_options extra.yml")
        notes.append("extra.yml holds: \(extra.joined(separator: "; "))")
      }
      if quantize {
        notes.append(
          "fp8 weights need an FP8 checkpoint (for example from NVIDIA TensorRT Model Optimizer); pass its id instead"
        )
      }
      if multiNode {
        notes.append(
          "one replica spans \(nodes) nodes: launch with mpirun -n \(layout.gpusPerReplica) trtllm-llmapi-launch trtllm-serve …"
        )
      }
      if layout.dp > 1 {
        notes.append(
          "trtllm-serve runs one replica: start \(layout.dp) of them on separate GPUs behind a load balancer"
        )
      }
    }
    command = parts.joined(separator: " ")
    self.notes = notes
  }
}

extension LayoutSearch {
  /// The command that starts the recommended layout on `engine`; `nil` when nothing fits.
  public func launchCommand(_ engine: Engine) -> LaunchCommand? {
    guard let best = recommended, let evaluation = best.evaluation else { return nil }
    return LaunchCommand(
      engine: engine, request: query.request, layout: best.layout,
      stageLayers: evaluation.placement.stageLayers, topology: query.topology)
  }
}
