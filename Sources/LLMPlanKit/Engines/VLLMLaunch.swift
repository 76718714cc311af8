/// `vllm serve` lines (`vllm/engine/arg_utils.py`, v0.7 and v0.11; docs
/// serving/distributed_serving.md and serving/data_parallel_deployment.md, v0.11).
///
/// - Always: the model, `--tensor-parallel-size`, `--max-model-len`; `--pipeline-parallel-size`
///   above 1, with `VLLM_PP_LAYER_PARTITION` for an uneven split.
/// - Settings that differ from the release's defaults: `--gpu-memory-utilization`,
///   `--block-size`, `--max-num-batched-tokens`, `--max-num-seqs`; `--kv-cache-dtype fp8`;
///   `--dtype half` for a bf16 checkpoint on a GPU without bf16; `--quantization fp8` when the
///   checkpoint is 16-bit and loading it at 16 bits fits (else a pre-quantized checkpoint).
/// - V1: the hybrid KV-cache setting (`--disable-hybrid-kv-cache-manager`, or
///   `VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE=1`) when the plan changes it.
/// - V1: attention data parallelism as `--data-parallel-size EP --enable-expert-parallel`,
///   replicas of a dense model as `--data-parallel-size DP`; a DP group beyond one node starts
///   with `--data-parallel-size-local`, `--data-parallel-address` and
///   `--data-parallel-rpc-port` on the first node and `--headless --data-parallel-start-rank`
///   on the others. V0 has no data parallelism: replicas are separate servers.
/// - A replica beyond one node runs on Ray (`--distributed-executor-backend ray`).
enum VLLMLaunch {
  /// The RPC port the data-parallel example uses (data_parallel_deployment.md).
  static let rpcPort = 13345

  static func command(_ plan: LaunchPlan, profile: any EngineProfile, v1: Bool) -> LaunchCommand {
    let layout = plan.layout
    let model = plan.model
    var notes: [LaunchCommand.Note] = []
    var words: [LaunchCommand.Argument] = []
    func option(_ name: String, _ value: Int) { words.append(.option(name, .integer(value))) }
    if plan.unevenStages { words.append(.environment("VLLM_PP_LAYER_PARTITION", plan.stageLayers)) }
    let hybrid = plan.deployment.engine.settings.hybridKV
    if v1, hybrid == .chunked {
      words.append(.environment("VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE", [1]))
    }
    words += [.word("vllm"), .word("serve"), .word(model.servedName)]
    option("--tensor-parallel-size", layout.tp)
    if layout.pp > 1 { option("--pipeline-parallel-size", layout.pp) }
    // Data-parallel ranks of one vLLM instance: attention groups sharing experts, or (V1)
    // replicas of a dense model.
    var ranks = 1
    if layout.ep > 1 {
      ranks = layout.ep
      option("--data-parallel-size", ranks)
      words.append(.word("--enable-expert-parallel"))
      if layout.dp > 1 { notes.append(.copiesBehindLoadBalancer(layout.dp)) }
    } else if layout.dp > 1 {
      if v1 {
        ranks = layout.dp
        option("--data-parallel-size", ranks)
      } else {
        notes.append(.copiesBehindLoadBalancer(layout.dp))
      }
    }
    option("--max-model-len", plan.context)
    if let fraction = plan.memoryFraction {
      words.append(.option("--gpu-memory-utilization", .fraction(fraction)))
    }
    if plan.kvFormat?.computePath == .fp8 {
      words.append(.option("--kv-cache-dtype", .text("fp8")))
    }
    let formats = plan.weightFormatWords()
    words += formats.words
    notes += formats.notes
    if let block = plan.blockSize { option("--block-size", block) }
    if let tokens = plan.batchedTokens { option("--max-num-batched-tokens", tokens) }
    if let sequences = plan.maxSequences { option("--max-num-seqs", sequences) }
    if v1, hybrid == .off { words.append(.word("--disable-hybrid-kv-cache-manager")) }
    let rankGPUs = layout.tp * layout.pp
    if rankGPUs > plan.gpusPerNode {
      words.append(.option("--distributed-executor-backend", .text("ray")))
      notes.insert(.rayCluster(nodes: plan.nodes(rankGPUs * ranks)), at: 0)
      return LaunchCommand(profile: profile, steps: [.init(.serve, words)], notes: notes)
    }
    guard ranks > 1, rankGPUs * ranks > plan.gpusPerNode else {
      return LaunchCommand(profile: profile, steps: [.init(.serve, words)], notes: notes)
    }
    // Native multi-node data parallelism: whole ranks per node.
    let local = max(1, plan.gpusPerNode / rankGPUs)
    let nodes = (ranks + local - 1) / local
    var shared = words
    shared += [
      .option("--data-parallel-size-local", .integer(local)),
      .option("--data-parallel-address", .headAddress(port: nil)),
      .option("--data-parallel-rpc-port", .integer(rpcPort)),
    ]
    let others =
      shared + [
        .word("--headless"), .option("--data-parallel-start-rank", .nodeRank(times: local)),
      ]
    return LaunchCommand(
      profile: profile,
      steps: [.init(.headNode(nodes: nodes), shared), .init(.otherNodes(nodes: nodes), others)],
      notes: notes)
  }
}
