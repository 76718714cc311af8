import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// Every flag a launch line emits exists in that engine release's CLI. The lists are kept here,
/// copied from each release's own argument parser, so a typo or a flag from another release
/// in a builder fails this test.
@Suite("Launch flags")
struct LaunchFlagTests {
  /// `vllm serve`, v0.11: `vllm/engine/arg_utils.py` (`EngineArgs.add_cli_args`) and
  /// `vllm/entrypoints/cli/serve.py` (`--headless`, `--data-parallel-start-rank`).
  static let vllm011: Set<String> = [
    "--tensor-parallel-size", "--pipeline-parallel-size", "--data-parallel-size",
    "--data-parallel-size-local", "--data-parallel-address", "--data-parallel-rpc-port",
    "--data-parallel-start-rank", "--headless", "--enable-expert-parallel", "--max-model-len",
    "--gpu-memory-utilization", "--kv-cache-dtype", "--dtype", "--quantization", "--block-size",
    "--max-num-batched-tokens", "--max-num-seqs", "--distributed-executor-backend",
    "--disable-hybrid-kv-cache-manager",
  ]
  /// `vllm serve`, v0.7: `vllm/engine/arg_utils.py` (no data or expert parallelism yet).
  static let vllm07: Set<String> = [
    "--tensor-parallel-size", "--pipeline-parallel-size", "--max-model-len",
    "--gpu-memory-utilization", "--kv-cache-dtype", "--dtype", "--quantization", "--block-size",
    "--max-num-batched-tokens", "--max-num-seqs", "--distributed-executor-backend",
  ]
  /// `python -m sglang.launch_server`, v0.5.4: `python/sglang/srt/server_args.py`.
  static let sglang05: Set<String> = [
    "--model-path", "--tp-size", "--pp-size", "--dp-size", "--ep-size", "--enable-dp-attention",
    "--context-length", "--mem-fraction-static", "--kv-cache-dtype", "--dtype", "--quantization",
    "--chunked-prefill-size", "--max-running-requests", "--page-size", "--nnodes", "--node-rank",
    "--dist-init-addr",
  ]
  /// v0.4.6's `server_args.py`: no `--pp-size`; expert parallelism behind `--enable-ep-moe`.
  static let sglang04: Set<String> = sglang05.subtracting(["--pp-size"]).union(["--enable-ep-moe"])
  /// `trtllm-serve`, v1.0: `tensorrt_llm/commands/serve.py`; `mpirun`'s `-n` and `--npernode`
  /// for multi-node launches (docs/source/commands/trtllm-serve).
  static let trtllm10: Set<String> = [
    "--backend", "--tp_size", "--pp_size", "--ep_size", "--max_seq_len",
    "--kv_cache_free_gpu_memory_fraction", "--max_batch_size", "--max_num_tokens",
    "--extra_llm_api_options", "-n", "--npernode",
  ]
  /// `trtllm-serve`, v0.17: `tensorrt_llm/commands/serve.py`.
  static let trtllm017: Set<String> = [
    "--backend", "--tp_size", "--pp_size", "--max_seq_len",
    "--kv_cache_free_gpu_memory_fraction", "--max_batch_size", "--max_num_tokens",
    "--extra_llm_api_options", "-n", "--npernode",
  ]
  /// v0.10: `examples/llama/convert_checkpoint.py`, `examples/quantization/quantize.py` and
  /// `trtllm-build` (`tensorrt_llm/commands/build.py`).
  static let trtllm010: Set<String> = [
    "--model_dir", "--output_dir", "--dtype", "--tp_size", "--pp_size", "--int8_kv_cache",
    "--qformat", "--kv_cache_dtype", "--checkpoint_dir", "--gemm_plugin", "--max_batch_size",
    "--max_num_tokens", "--max_seq_len", "--tokens_per_block",
  ]
  /// `llama-server`, b6000: tools/server/README.md.
  static let llamacpp: Set<String> = [
    "-m", "-c", "-np", "-ngl", "-ctk", "-ctv", "-fa", "-ub", "--split-mode", "--tensor-split",
  ]

  static let releases: [(String, Set<String>)] = [
    ("vllm@0.11", vllm011), ("vllm@0.7", vllm07), ("sglang@0.5", sglang05),
    ("sglang@0.4", sglang04), ("trtllm@1.0", trtllm10), ("trtllm@0.21", trtllm017),
    ("trtllm@0.10", trtllm010), ("llamacpp@b6000", llamacpp),
  ]

  /// The flags of every step: options and bare words that start with a dash, after
  /// `python -m MODULE` or `python SCRIPT`.
  static func flags(_ command: LaunchCommand) -> [String] {
    command.steps.flatMap { step in
      guard step.arguments.first == .word("python") else { return step.arguments }
      return Array(
        step.arguments.dropFirst(step.arguments.dropFirst().first == .word("-m") ? 3 : 2))
    }.compactMap { argument in
      switch argument {
      case .option(let name, _): name
      case .word(let word) where word.hasPrefix("-"): word
      default: nil
      }
    }
  }

  /// Deployments that exercise every branch: one GPU, TP, uneven PP, DP, attention DP with
  /// experts, multi-node, fp8 and int8 KV, bf16 on a T4, every setting changed.
  static func plans(_ id: String) -> [LaunchCommand] {
    let profile = EngineRegistry.profile(id: id)!
    let engine = ServingEngine(profile: profile)
    let tuned = ServingEngine(
      profile: profile,
      settings: EngineSettings(
        memoryFraction: profile.engine == .llamacpp ? nil : 0.8,
        blockSize: profile.engine == .llamacpp ? nil : 32, batchedTokens: 4096, maxSequences: 64,
        hybridKV: profile.engine == .vllm ? .off : nil))
    let gguf = profile.engine == .llamacpp ? Precision.named("q4_k_m") : nil
    let kv = profile.kvFormats.contains("int8") ? Precision.int8 : Precision.fp8
    let llamaKV = profile.engine == .llamacpp ? Precision.named("q8_0")! : kv
    var commands: [LaunchCommand] = []
    func add(
      _ name: String, _ gpuName: String, _ layout: Layout, serving: ServingEngine? = nil,
      precision: Precision? = nil, kvPrecision: Precision? = nil, stages: [Int]? = nil
    ) {
      let deployment = Deployment(
        model: model(name), gpu: gpu(gpuName), precision: precision ?? gguf,
        kvPrecision: kvPrecision, engine: serving ?? engine)
      guard deployment.rejection(layout) == nil else { return }
      let split =
        stages ?? StageSplit.counts(layers: deployment.model.layers, stages: layout.pp)
      commands.append(
        LaunchCommand(
          deployment: deployment, context: 8192, layout: layout, stageLayers: split, sequences: 4)!)
    }
    add("llama-3.1-8b", "h100", Layout(tp: 1, pp: 1))
    add("llama-3.1-8b", "h100", Layout(tp: 1, pp: 1), serving: tuned, kvPrecision: llamaKV)
    add("llama-3.1-8b", "t4", Layout(tp: 2, pp: 1))
    add("llama3-70b", "h100", Layout(tp: 4, pp: 2, dp: 2), stages: [41, 39])
    add("llama3-70b", "h100", Layout(tp: 8, pp: 1, dp: 2))
    add("llama-3.1-405b", "h100", Layout(tp: 8, pp: 2))
    add(
      "llama3-70b", "h100", Layout(tp: 4, pp: 1), precision: gguf ?? .fp8, kvPrecision: llamaKV)
    add("mixtral-8x7b", "h100", Layout(tp: 1, pp: 1, dp: 2, ep: 8))
    add("mixtral-8x7b", "h100", Layout(tp: 2, pp: 1, dp: 1, ep: 4))
    return commands
  }

  @Test(arguments: releases.map(\.0))
  func everyFlagExists(_ id: String) {
    let known = Self.releases.first { $0.0 == id }!.1
    let commands = Self.plans(id)
    #expect(commands.count >= 6)
    for command in commands {
      #expect(command.profile.id == id)
      for flag in Self.flags(command) {
        #expect(known.contains(flag), "\(id) emitted \(flag), which its CLI does not have")
      }
    }
  }

  // What each release needs that the others do not.
  @Test func releaseDifferences() {
    func first(_ id: String) -> LaunchCommand { Self.plans(id)[0] }
    // TensorRT-LLM 0.10 converts and builds; 0.17 serves on the TensorRT backend; 1.0 names
    // the PyTorch backend.
    #expect(first("trtllm@0.10").steps.map(\.role) == [.convert, .build])
    #expect(!Self.flags(first("trtllm@0.21")).contains("--backend"))
    #expect(first("trtllm@1.0").arguments.contains(.option("--backend", .text("pytorch"))))
    // vLLM V0 has no data parallelism: two replicas are two servers.
    let v0 = Self.plans("vllm@0.7").first { $0.notes.contains(.copiesBehindLoadBalancer(2)) }
    #expect(v0 != nil)
    #expect(!Self.flags(v0!).contains("--data-parallel-size"))
  }

  // Settings are written only where they differ from the release's defaults: the plain
  // H100 line of vLLM 0.11 has none, the tuned one all four.
  @Test func settingsOnlyWhenChanged() {
    let plain = Self.flags(Self.plans("vllm@0.11")[0])
    #expect(
      plain == ["--tensor-parallel-size", "--max-model-len"])
    let tuned = Self.flags(Self.plans("vllm@0.11")[1])
    for flag in [
      "--gpu-memory-utilization", "--block-size", "--max-num-batched-tokens", "--max-num-seqs",
      "--kv-cache-dtype", "--disable-hybrid-kv-cache-manager",
    ] {
      #expect(tuned.contains(flag))
    }
    // A user setting equal to the default is not repeated: 0.9 is vLLM's own.
    let same = Deployment(
      model: model("llama-3.1-8b"), gpu: gpu("h100"),
      engine: ServingEngine(.vllm, memoryFraction: 0.9, maxSequences: 1024))
    let line = LaunchCommand(
      deployment: same, context: 8192, layout: Layout(tp: 1, pp: 1), stageLayers: [32])!
    #expect(Self.flags(line) == ["--tensor-parallel-size", "--max-model-len"])
  }

  // A bf16 checkpoint on a T4 (no bf16) serves with --dtype half (vLLM, SGLang) or
  // dtype: float16 (TensorRT-LLM 1.0's options file).
  @Test func halfPrecisionWithoutBF16() {
    let t4 = Self.plans("vllm@0.11")[2]
    #expect(t4.arguments.contains(.option("--dtype", .text("half"))))
    let sglang = Self.plans("sglang@0.5")[2]
    #expect(sglang.arguments.contains(.option("--dtype", .text("half"))))
  }

  // Online FP8 needs the 16-bit checkpoint to load first: Llama-3-70B at TP 4 is 35.3 GB of
  // bf16 per GPU (70.55e9 × 2 B / 4), inside an H100's 79.18 GiB, so vLLM quantizes it;
  // Llama-3.1-405B at TP 8 is 101.5 GB (405.85e9 × 2 / 8) = 94.5 GiB, which does not fit, so
  // the line asks for a pre-quantized checkpoint instead.
  @Test func onlineQuantizationMustLoad() {
    let seventy = Deployment(model: model("llama3-70b"), gpu: gpu("h100"), precision: .fp8)
    let fits = LaunchCommand(
      deployment: seventy, context: 8192, layout: Layout(tp: 4, pp: 1), stageLayers: [80])!
    #expect(fits.arguments.contains(.option("--quantization", .text("fp8"))))
    let big = Deployment(model: model("llama-3.1-405b"), gpu: gpu("h100"), precision: .fp8)
    let tooLarge = LaunchCommand(
      deployment: big, context: 8192, layout: Layout(tp: 8, pp: 1), stageLayers: [126])!
    #expect(!tooLarge.arguments.contains(.option("--quantization", .text("fp8"))))
    guard case .onlineQuantizationTooLarge(_, _, let bytes, _) = tooLarge.notes.first else {
      Issue.record("no note: \(tooLarge.notes)")
      return
    }
    #expect(abs(bytes.gibibytes - 94.5) < 0.1)
  }

  // vLLM's data parallelism across nodes (docs, serving/data_parallel_deployment.md): TP 8 ×
  // DP 2 on 8-GPU nodes is one rank per node; node 0 gives the address and port, node 1 runs
  // headless from rank NODE_RANK × 1.
  @Test func vllmDataParallelAcrossNodes() {
    let command = Self.plans("vllm@0.11")[4]
    #expect(command.steps.map(\.role) == [.headNode(nodes: 2), .otherNodes(nodes: 2)])
    #expect(command.steps[1].arguments.contains(.word("--headless")))
    #expect(
      command.steps[1].arguments.contains(
        .option("--data-parallel-start-rank", .nodeRank(times: 1))))
    #expect(
      command.steps[0].arguments.contains(.option("--data-parallel-size-local", .integer(1))))
  }

  // llama.cpp: -c is the context of all slots (4 × 8,192), every layer on the GPU, a q8_0
  // cache with flash attention.
  @Test func llamaServer() {
    let plain = Self.plans("llamacpp@b6000")[0]
    #expect(
      plain.arguments == [
        .word("llama-server"), .option("-m", .text("Meta-Llama-3.1-8B-Q4_K_M.gguf")),
        .option("-c", .integer(32768)), .option("-np", .integer(4)), .option("-ngl", .integer(999)),
      ])
    let q8 = Self.plans("llamacpp@b6000")[1]
    #expect(q8.arguments.contains(.option("-ctk", .text("q8_0"))))
    #expect(q8.arguments.contains(.word("-fa")))
  }
}
