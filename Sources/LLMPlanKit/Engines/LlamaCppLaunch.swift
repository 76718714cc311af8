/// `llama-server` lines (tools/server/README.md and common/arg.cpp, b6000).
///
/// `-m FILE.gguf`; `-c` the context of all slots together (each of the `-np` slots gets
/// `-c / -np` tokens); `-ngl` the layers on the GPUs (999: all of them, the output layer
/// included); `-ctk`/`-ctv` a quantized KV cache, which needs flash attention (`-fa`) for V;
/// `-ub` the micro-batch when not 512. Several GPUs split by layers (`--split-mode layer`, the
/// default; `--tensor-split` for uneven shares) or, for TP, by rows (`--split-mode row`).
enum LlamaCppLaunch {
  /// Every layer and the output layer: llama.cpp caps `-ngl` at the model's.
  static let allLayers = 999

  /// The GGUF file a plan loads: the one read, else the conventional name of the quantization
  /// (`Llama-3.1-8B-Instruct-Q4_K_M.gguf`).
  static func file(_ plan: LaunchPlan) -> String {
    let model = plan.model
    if case .gguf(let path) = model.origin.source { return path }
    let base = model.huggingFaceID.split(separator: "/").last.map(String.init) ?? model.id
    let precision = plan.deployment.precision
    let suffix = precision.gguf?.name ?? precision.id.uppercased()
    return "\(base)-\(suffix).gguf"
  }

  static func command(_ plan: LaunchPlan, profile: any EngineProfile) -> LaunchCommand {
    let layout = plan.layout
    var notes: [LaunchCommand.Note] = []
    let slots = plan.sequences
    var words: [LaunchCommand.Argument] = [
      .word("llama-server"), .option("-m", .text(file(plan))),
      .option("-c", .integer(plan.context * slots)), .option("-np", .integer(slots)),
      .option("-ngl", .integer(plan.offload?.gpuLayers ?? allLayers)),
    ]
    if let offload = plan.offload {
      notes.append(
        .partialOffload(
          layers: offload.gpuLayers, of: offload.totalLayers, hostBytes: offload.hostBytes))
    }
    if let kv = plan.kvFormat, profile.kvFormats.contains(kv.id) {
      let type = kv.id == "fp16" ? "f16" : kv.id
      words += [.option("-ctk", .text(type)), .option("-ctv", .text(type)), .word("-fa")]
    }
    if let tokens = plan.batchedTokens { words.append(.option("-ub", .integer(tokens))) }
    let stages = plan.offload?.stageLayers ?? plan.stageLayers
    if layout.tp > 1 {
      words.append(.option("--split-mode", .text("row")))
    } else if stages.count > 1, Set(stages).count > 1 {
      words.append(
        .option("--tensor-split", .text(stages.map(String.init).joined(separator: ","))))
    }
    if layout.dp > 1 { notes.append(.copiesBehindLoadBalancer(layout.dp)) }
    if layout.gpusPerReplica > plan.gpusPerNode { notes.append(.singleNodeOnly) }
    return LaunchCommand(profile: profile, steps: [.init(.serve, words)], notes: notes)
  }
}
