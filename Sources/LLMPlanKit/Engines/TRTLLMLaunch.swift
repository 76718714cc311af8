/// TensorRT-LLM lines.
///
/// - 0.9–0.10: convert the checkpoint with the model family's `convert_checkpoint.py`
///   (`--model_dir`, `--output_dir`, `--dtype`, `--tp_size`, `--pp_size`, `--int8_kv_cache`)
///   or, for FP8, `examples/quantization/quantize.py` (`--qformat fp8`, `--kv_cache_dtype
///   fp8`); build with `trtllm-build` (`--checkpoint_dir`, `--output_dir`, `--gemm_plugin`,
///   `--max_batch_size`, `--max_num_tokens`, `--max_seq_len`, `--tokens_per_block`); serve the
///   engine with Triton's TensorRT-LLM backend, whose `kv_cache_free_gpu_memory_fraction` is
///   the KV share (docs/source/architecture/checkpoint.md, `tensorrt_llm/commands/build.py`,
///   v0.10).
/// - 0.17–0.21: `trtllm-serve MODEL` on the TensorRT backend (the LLM API builds the engine)
///   with `--tp_size`, `--pp_size`, `--max_seq_len`, `--max_batch_size`, `--max_num_tokens`,
///   `--kv_cache_free_gpu_memory_fraction`, `--extra_llm_api_options FILE`
///   (`tensorrt_llm/commands/serve.py`, v0.17).
/// - 1.x: the same with `--backend pytorch` and `--ep_size`; attention data parallelism
///   (`enable_attention_dp`), an FP8 KV cache (`kv_cache_config.dtype`) and fp16
///   (`dtype: float16`) in the options file (`tensorrt_llm/llmapi/llm_args.py`, v1.0).
/// - Beyond one node: `mpirun -n RANKS --npernode GPUS trtllm-llmapi-launch trtllm-serve …`
///   (docs/source/commands/trtllm-serve, "Multi-node"). trtllm-serve runs one replica.
enum TRTLLMLaunch {
  enum Style {
    /// convert_checkpoint.py / quantize.py, then trtllm-build (0.10).
    case build
    /// trtllm-serve, with `--backend` when given.
    case serve(backend: String?)
  }

  /// The directory of a family's `convert_checkpoint.py` under `examples/` (v0.10).
  static func exampleDirectory(_ family: String) -> String {
    switch family {
    case "llama", "mistral", "mixtral": "llama"
    case "qwen", "qwen2", "qwen2_moe": "qwen"
    case "gemma", "gemma2": "gemma"
    case "phi", "phi3": "phi"
    case "gpt_neox": "gptneox"
    default: family
    }
  }

  static func command(_ plan: LaunchPlan, profile: any EngineProfile, style: Style)
    -> LaunchCommand
  {
    let layout = plan.layout
    let model = plan.model
    var notes: [LaunchCommand.Note] = []
    let fp8Weights = plan.deployment.precision.isFormat(.fp8)
    if fp8Weights && !model.checkpointPrecision.isFormat(.fp8) {
      if case .build = style {} else { notes.append(.fp8Checkpoint) }
    }
    if let note = plan.prequantizedNote { notes.append(note) }
    if layout.dp > 1 { notes.append(.copiesBehindLoadBalancer(layout.dp)) }
    let tp = layout.ep > 1 ? layout.expertGroup : layout.tp
    if case .build = style {
      return build(plan, profile: profile, tp: tp, notes: notes)
    }
    var words: [LaunchCommand.Argument] = [.word("trtllm-serve"), .word(model.servedName)]
    func option(_ name: String, _ value: Int) { words.append(.option(name, .integer(value))) }
    if case .serve(let backend?) = style { words.append(.option("--backend", .text(backend))) }
    option("--tp_size", tp)
    if layout.pp > 1 { option("--pp_size", layout.pp) }
    if layout.ep > 1 { option("--ep_size", layout.expertGroup) }
    option("--max_seq_len", plan.context)
    if let fraction = plan.memoryFraction {
      words.append(.option("--kv_cache_free_gpu_memory_fraction", .fraction(fraction)))
    }
    if let sequences = plan.maxSequences { option("--max_batch_size", sequences) }
    if let tokens = plan.batchedTokens { option("--max_num_tokens", tokens) }
    var extra: [String] = []
    if layout.ep > 1 { extra.append("enable_attention_dp: true") }
    var cache: [String] = []
    if let kv = plan.kvFormat, kv.computePath == .fp8 || kv.computePath == .int8 {
      cache.append("dtype: \(kv.computePath == .fp8 ? "fp8" : "int8")")
    }
    if let block = plan.blockSize { cache.append("tokens_per_block: \(block)") }
    if !cache.isEmpty { extra.append("kv_cache_config: {\(cache.joined(separator: ", "))}") }
    if plan.halfPrecision { extra.append("dtype: float16") }
    if !extra.isEmpty {
      words.append(.option("--extra_llm_api_options", .text("extra.yml")))
      notes.append(.optionsFile(name: "extra.yml", lines: extra))
    }
    let ranks = layout.gpusPerReplica
    if ranks > plan.gpusPerNode {
      words =
        [
          .word("mpirun"), .option("-n", .integer(ranks)),
          .option("--npernode", .integer(plan.gpusPerNode)), .word("trtllm-llmapi-launch"),
        ] + words
    }
    return LaunchCommand(profile: profile, steps: [.init(.serve, words)], notes: notes)
  }

  /// Convert (or quantize) and build: the engine is served by Triton or `run.py`.
  static func build(
    _ plan: LaunchPlan, profile: any EngineProfile, tp: Int, notes: [LaunchCommand.Note]
  ) -> LaunchCommand {
    let model = plan.model
    let layout = plan.layout
    let dtype = plan.halfPrecision || model.activationPrecision == .fp16 ? "float16" : "bfloat16"
    let kv = plan.kvFormat?.computePath
    let fp8 = plan.deployment.precision.isFormat(.fp8) || kv == .fp8
    var convert: [LaunchCommand.Argument] =
      fp8
      ? [.word("python"), .word("examples/quantization/quantize.py")]
      : [
        .word("python"),
        .word("examples/\(exampleDirectory(model.family))/convert_checkpoint.py"),
      ]
    convert += [
      .option("--model_dir", .text(model.servedName)),
      .option("--output_dir", .text("./tllm_checkpoint")), .option("--dtype", .text(dtype)),
    ]
    if fp8 {
      if plan.deployment.precision.isFormat(.fp8) {
        convert.append(.option("--qformat", .text("fp8")))
      }
      if kv == .fp8 { convert.append(.option("--kv_cache_dtype", .text("fp8"))) }
    }
    convert += [.option("--tp_size", .integer(tp)), .option("--pp_size", .integer(layout.pp))]
    if kv == .int8 { convert.append(.word("--int8_kv_cache")) }
    var build: [LaunchCommand.Argument] = [
      .word("trtllm-build"), .option("--checkpoint_dir", .text("./tllm_checkpoint")),
      .option("--output_dir", .text("./engine")), .option("--gemm_plugin", .text("auto")),
      .option("--max_batch_size", .integer(plan.maxSequences ?? plan.defaults.maxSequences)),
      .option("--max_num_tokens", .integer(plan.batchedTokens ?? plan.defaults.batchedTokens)),
      .option("--max_seq_len", .integer(plan.context)),
    ]
    if let block = plan.blockSize { build.append(.option("--tokens_per_block", .integer(block))) }
    let fraction =
      plan.deployment.engine.settings.memoryFraction ?? plan.defaults.memoryFraction
    var after: [LaunchCommand.Note] = [
      .tritonServes(engineDirectory: "./engine", memoryFraction: fraction)
    ]
    let ranks = layout.gpusPerReplica
    if ranks > plan.gpusPerNode {
      after.append(.mpiRanks(nodes: plan.nodes(ranks), ranks: ranks))
    }
    return LaunchCommand(
      profile: profile, steps: [.init(.convert, convert), .init(.build, build)],
      notes: notes + after)
  }
}
