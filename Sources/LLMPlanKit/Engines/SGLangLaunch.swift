/// `python -m sglang.launch_server` lines (`python/sglang/srt/server_args.py`, v0.4.6 and
/// v0.5.4; docs references/multi_node_deployment).
///
/// - Always: `--model-path`, `--tp-size`, `--context-length`; `--pp-size` above 1 (0.5).
/// - Attention data parallelism: `--tp-size` is the expert group (TP × EP GPUs),
///   `--dp-size EP --enable-dp-attention --ep-size TP × EP` (0.4 also `--enable-ep-moe`);
///   replicas of a dense model `--dp-size DP`.
/// - Settings that differ from the release's defaults: `--mem-fraction-static`,
///   `--chunked-prefill-size`, `--max-running-requests`, `--page-size`;
///   `--kv-cache-dtype fp8_e4m3`; `--dtype half` without bf16; `--quantization fp8` when the
///   16-bit load fits.
/// - Beyond one node: the same line on every node with `--nnodes`, `--node-rank` and
///   `--dist-init-addr HEAD:5000`.
enum SGLangLaunch {
  /// The port SGLang's multi-node examples use for `--dist-init-addr`.
  static let distPort = 5000

  static func command(_ plan: LaunchPlan, profile: any EngineProfile, epSwitch: Bool = false)
    -> LaunchCommand
  {
    let layout = plan.layout
    let model = plan.model
    var notes: [LaunchCommand.Note] = []
    var words: [LaunchCommand.Argument] = [
      .word("python"), .word("-m"), .word("sglang.launch_server"),
      .option("--model-path", .text(model.servedName)),
    ]
    func option(_ name: String, _ value: Int) { words.append(.option(name, .integer(value))) }
    var ranks = 1
    if layout.ep > 1 {
      ranks = layout.ep
      option("--tp-size", layout.expertGroup)
      option("--dp-size", layout.ep)
      words.append(.word("--enable-dp-attention"))
      if epSwitch { words.append(.word("--enable-ep-moe")) }
      option("--ep-size", layout.expertGroup)
      if layout.dp > 1 { notes.append(.copiesBehindLoadBalancer(layout.dp)) }
    } else {
      option("--tp-size", layout.tp)
      if layout.dp > 1 {
        ranks = layout.dp
        option("--dp-size", layout.dp)
      }
    }
    if layout.pp > 1 { option("--pp-size", layout.pp) }
    option("--context-length", plan.context)
    if let fraction = plan.memoryFraction {
      words.append(.option("--mem-fraction-static", .fraction(fraction)))
    }
    if plan.kvFormat?.computePath == .fp8 {
      words.append(.option("--kv-cache-dtype", .text("fp8_e4m3")))
    }
    let formats = plan.weightFormatWords()
    words += formats.words
    notes += formats.notes
    if let tokens = plan.batchedTokens { option("--chunked-prefill-size", tokens) }
    if let sequences = plan.maxSequences { option("--max-running-requests", sequences) }
    if let page = plan.blockSize { option("--page-size", page) }
    // One dp-size instance holds all its ranks; layout.ep > 1 counts TP × EP in --tp-size.
    let gpus = layout.ep > 1 ? layout.gpusPerReplica : layout.tp * layout.pp * ranks
    guard gpus > plan.gpusPerNode else {
      return LaunchCommand(profile: profile, steps: [.init(.serve, words)], notes: notes)
    }
    let nodes = plan.nodes(gpus)
    words += [
      .option("--nnodes", .integer(nodes)), .option("--node-rank", .nodeRank(times: 1)),
      .option("--dist-init-addr", .headAddress(port: distPort)),
    ]
    return LaunchCommand(
      profile: profile, steps: [.init(.everyNode(nodes: nodes), words)], notes: notes)
  }
}
