/// One release line of one serving engine: its defaults on a given GPU, how it budgets memory,
/// which KV formats and windows it supports, and the commands that start it.
///
/// Engines change their rules between releases (vLLM's V1 engine profiles a different batch
/// than V0; SGLang 0.5 derives `mem_fraction_static` from a reserve where 0.4 used a table), so
/// every rule belongs to a profile, one file each, and every answer names the profile it used.
/// Adding a release is one new conforming type in ``EngineRegistry/profiles``.
public protocol EngineProfile: Sendable {
  var engine: Engine { get }
  /// The release the rules were read from (the newest one they are known to hold for).
  var version: EngineVersion { get }
  /// The first release the rules hold for.
  var since: EngineVersion { get }
  /// What sets the profile apart: "V1 engine", "PyTorch backend".
  var line: String { get }
  /// The engine files and docs the rules were read from.
  var sources: String { get }
  /// The defaults the engine picks for `model` on `gpu`, for one replica of `layout` serving
  /// sequences of up to `maxModelLen` tokens.
  func defaults(model: ModelSpec, gpu: GPUSpec, layout: Layout, maxModelLen: Int)
    -> EngineDefaults
  /// The memory one GPU sets aside and what it leaves for the KV cache.
  func budget(_ input: BudgetInput) -> EngineBudget
  /// KV-cache formats the engine offers (by precision id).
  var kvFormats: [String] { get }
  /// Formats the release dequantizes inside a 16-bit kernel on GPUs without their tensor cores,
  /// with the compute capability (× 10) that kernel needs.
  var weightOnlyKernels: [String: Int] { get }
  /// How the release runs `precision` weights on `gpu` (``defaultSupport(_:on:)`` unless the
  /// engine has its own kernels).
  func support(_ precision: Precision, on gpu: GPUSpec) -> FormatSupport
  /// Whether the engine loads weights stored at `precision` (llama.cpp reads GGUF files only;
  /// TensorRT-LLM no GGUF and no bitsandbytes).
  func loads(_ precision: Precision) -> Bool
  /// Tokens a local-attention layer keeps for a sequence, or `nil` when the engine keeps the
  /// full context on such layers (vLLM V0; chunked attention under vLLM V1's default), with
  /// vLLM V1's hybrid KV-cache manager set as `hybrid` (`nil`: the release's default).
  func localTokens(
    _ window: ModelSpec.SlidingWindow, batchedTokens: Int, blockSize: Int, hybrid: HybridKV?
  ) -> Int?
  /// Why the release cannot set up `layout`, or `nil` when it can.
  func rejection(_ layout: Layout) -> LayoutRejection?
  /// The commands that start `plan` on this release; `nil` for no engine.
  func launch(_ plan: LaunchPlan) -> LaunchCommand?
  /// Whether the engine's `auto` KV dtype takes the checkpoint's declared KV format
  /// (``ModelSpec/checkpointKV``) rather than the activation dtype.
  var followsCheckpointKV: Bool { get }
  /// Whether the scheduler admits a request only with KV blocks for its whole length, so that
  /// nothing is preempted (``ServeSimulation/Settings/reserveFullLength``).
  var reservesFullLength: Bool { get }
  /// Whether the engine can keep some layers in host RAM and run them on the CPU
  /// (``PartialOffload``: llama.cpp's `-ngl`).
  var offloadsLayersToHost: Bool { get }
  /// The profile whose published measurements the speed estimates are fitted on: this one's id
  /// when measurements of it exist, else the nearest measured release's (``Calibration``).
  var measurements: MeasuredRelease { get }
}

extension EngineProfile {
  /// `vllm@0.11`, `llamacpp@b6000`, `none`.
  public var id: String {
    switch engine {
    case .none: "none"
    case .llamacpp: "llamacpp@b\(version)"
    default: "\(engine.rawValue)@\(version)"
    }
  }

  public func loads(_ precision: Precision) -> Bool { true }

  public func rejection(_ layout: Layout) -> LayoutRejection? { nil }

  public func launch(_ plan: LaunchPlan) -> LaunchCommand? { nil }

  /// vLLM, SGLang and llama.cpp: `auto` is the model's dtype.
  public var followsCheckpointKV: Bool { false }

  /// vLLM and SGLang take blocks as tokens are computed and preempt when they run out.
  public var reservesFullLength: Bool { false }

  public var offloadsLayersToHost: Bool { false }

  public func support(_ precision: Precision, on gpu: GPUSpec) -> FormatSupport {
    defaultSupport(precision, on: gpu)
  }

  /// A window kept as it is (SGLang ≥ 0.5, TensorRT-LLM, llama.cpp's SWA cache).
  public func localTokens(
    _ window: ModelSpec.SlidingWindow, batchedTokens: Int, blockSize: Int, hybrid: HybridKV?
  )
    -> Int?
  {
    window.window
  }
}

/// A release number: `0.11`, `1.0`, llama.cpp's build `6000`.
public struct EngineVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let parts: [Int]

  public init(_ parts: Int...) { self.parts = parts }
  public init(parts: [Int]) { self.parts = parts }

  /// `0.6`, `0.6.3`, `1`, `b6000` (a llama.cpp build); `nil` for anything else.
  public static func parse(_ text: String) -> EngineVersion? {
    var body = Substring(text)
    if body.hasPrefix("v") || body.hasPrefix("b") { body = body.dropFirst() }
    let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
    guard !pieces.isEmpty, pieces.count <= 4,
      pieces.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isNumber) })
    else { return nil }
    return EngineVersion(parts: pieces.compactMap { Int($0) })
  }

  public var description: String { parts.map(String.init).joined(separator: ".") }

  public static func < (a: EngineVersion, b: EngineVersion) -> Bool {
    for index in 0..<max(a.parts.count, b.parts.count) {
      let x = index < a.parts.count ? a.parts[index] : 0
      let y = index < b.parts.count ? b.parts[index] : 0
      if x != y { return x < y }
    }
    return false
  }

  public static func == (a: EngineVersion, b: EngineVersion) -> Bool { !(a < b) && !(b < a) }

  public func hash(into hasher: inout Hasher) {
    var trimmed = parts
    while trimmed.last == 0 { trimmed.removeLast() }
    hasher.combine(trimmed)
  }
}

/// The settings an engine picks itself when not told: per GPU and sometimes per model.
public struct EngineDefaults: Sendable, Hashable {
  /// vLLM `gpu_memory_utilization`, SGLang `mem_fraction_static`, TensorRT-LLM
  /// `free_gpu_memory_fraction`; 1 for engines without one.
  public let memoryFraction: Double
  public let blockSize: Int
  /// Tokens one forward pass may hold (vLLM `max_num_batched_tokens`, SGLang
  /// `chunked_prefill_size`, TensorRT-LLM `max_num_tokens`, llama.cpp `--ubatch-size`).
  public let batchedTokens: Int
  /// Sequences running at once in one instance (vLLM `max_num_seqs`, SGLang
  /// `max_running_requests`, TensorRT-LLM `max_batch_size`, llama.cpp `--parallel`).
  public let maxSequences: Int
  /// Whether a prompt may be split over iterations and batched with decodes (vLLM V1's
  /// chunked prefill, SGLang's `chunked_prefill_size`, llama.cpp's `n_batch` slices); without
  /// it a prompt runs whole, in an iteration of its own when it does not fit beside the
  /// decodes (vLLM V0's prefill-first scheduling; TensorRT-LLM without chunked context).
  public let chunkedPrefill: Bool

  public init(
    memoryFraction: Double, blockSize: Int, batchedTokens: Int, maxSequences: Int,
    chunkedPrefill: Bool = true
  ) {
    self.memoryFraction = memoryFraction
    self.blockSize = blockSize
    self.batchedTokens = batchedTokens
    self.maxSequences = maxSequences
    self.chunkedPrefill = chunkedPrefill
  }
}

/// vLLM V1's hybrid KV-cache manager, against its default (`vllm/config/scheduler.py`
/// `disable_hybrid_kv_cache_manager`, `vllm/envs.py`, v0.11): by default sliding-window layers
/// keep their window and chunked local attention (Llama 4) the full context.
public enum HybridKV: String, Sendable, Hashable, CaseIterable {
  /// `--disable-hybrid-kv-cache-manager`: every layer keeps the full context.
  case off
  /// `VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE=1`: chunked local attention keeps its
  /// chunk as well.
  case chunked
}

/// What the user set; `nil` takes the profile's default.
public struct EngineSettings: Sendable, Hashable {
  public var memoryFraction: Double?
  public var blockSize: Int?
  public var batchedTokens: Int?
  public var maxSequences: Int?
  public var hybridKV: HybridKV?

  public init(
    memoryFraction: Double? = nil, blockSize: Int? = nil, batchedTokens: Int? = nil,
    maxSequences: Int? = nil, hybridKV: HybridKV? = nil
  ) {
    self.hybridKV = hybridKV
    self.memoryFraction = memoryFraction
    self.blockSize = blockSize
    self.batchedTokens = batchedTokens
    self.maxSequences = maxSequences
  }

  /// The settings over the defaults.
  public func over(_ defaults: EngineDefaults) -> EngineDefaults {
    EngineDefaults(
      memoryFraction: memoryFraction ?? defaults.memoryFraction,
      blockSize: blockSize ?? defaults.blockSize,
      batchedTokens: batchedTokens ?? defaults.batchedTokens,
      maxSequences: maxSequences ?? defaults.maxSequences,
      chunkedPrefill: defaults.chunkedPrefill)
  }
}

/// What one GPU of a replica holds when its budget is worked out.
public struct BudgetInput: Sendable {
  public let model: ModelSpec
  public let gpu: GPUSpec
  /// This GPU's weights.
  public let weights: Bytes
  public let tp: Int
  public let pp: Int
  public let gpusPerReplica: Int
  /// The settings in force (the user's over the profile's defaults).
  public let settings: EngineDefaults
  /// Whether the memory fraction was given rather than the engine's own.
  public let fractionGiven: Bool

  public init(
    model: ModelSpec, gpu: GPUSpec, weights: Bytes, tp: Int, pp: Int, gpusPerReplica: Int,
    settings: EngineDefaults, fractionGiven: Bool
  ) {
    self.model = model
    self.gpu = gpu
    self.weights = weights
    self.tp = tp
    self.pp = pp
    self.gpusPerReplica = gpusPerReplica
    self.settings = settings
    self.fractionGiven = fractionGiven
  }

  typealias Term = MemoryBreakdown.Term

  /// The CUDA context every engine pays (measured 0.51 GiB on an H100), and NCCL's buffers
  /// once the replica spans GPUs.
  var cudaContext: Term {
    let nccl = gpusPerReplica > 1
    return Term(
      nccl ? ServingEngine.cudaContext + ServingEngine.ncclBuffers : ServingEngine.cudaContext,
      .cudaContext(nccl: nccl))
  }

  /// The forward-pass estimate at the profile's tokens per pass.
  var forward: Bytes {
    ActivationEstimate.forward(model, tokens: settings.batchedTokens, tp: tp)
  }
}
