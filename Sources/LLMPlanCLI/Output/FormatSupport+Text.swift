import LLMPlanKit

extension FormatNeed {
  /// Why `engine` cannot run `precision` on `gpu`, and what would: vLLM's weight-only kernels,
  /// else formats the engine runs there.
  func sentence(_ precision: Precision, gpu: GPUSpec, engine: ServingEngine) -> String {
    let capability = gpu.computeCapability.map { " (compute capability \(Self.version($0)))" } ?? ""
    let reason: String
    switch self {
    case .bf16:
      return
        "\(gpu.name)\(capability) has no bf16 (needs 8.0); use --precision fp16, the same 16 bits"
    case .tensorCores(let path, let needed):
      let from =
        gpu.computeCapability == nil ? "" : " (compute capability \(Self.version(needed))+)"
      reason =
        "\(engine.label) runs \(precision.id) on \(Self.kind(path)) tensor cores only\(from), which \(gpu.name)\(capability) lacks"
    case .kernel(let needed):
      reason =
        "\(engine.label)'s \(precision.id) kernels need compute capability \(Self.version(needed)), which \(gpu.name)\(capability) lacks"
    case .weightOnlyKernel(let needed):
      reason =
        "\(gpu.name)\(capability) has no \(Self.kind(precision.computePath)) tensor cores, and \(engine.label)'s weight-only \(precision.id) kernel needs compute capability \(Self.version(needed))"
    case .nvidiaOnly:
      reason = "\(precision.id) is NVIDIA's format, which \(gpu.name) cannot run"
    }
    return reason + "; " + Self.alternative(precision, gpu: gpu, engine: engine)
  }

  /// `--engine vllm` when vLLM runs the format weight-only here, else formats this engine runs.
  static func alternative(_ precision: Precision, gpu: GPUSpec, engine: ServingEngine) -> String {
    let vllm = EngineRegistry.newest(.vllm)
    if engine.engine != .vllm, vllm.support(precision, on: gpu) == .weightOnly {
      return "use --engine vllm (weight-only \(precision.id), 16-bit compute)"
    }
    let formats = ["fp8", "awq", "gptq", gpu.hasBF16 ? "bf16" : "fp16"].compactMap {
      Precision.named($0)
    }.filter {
      $0.id != precision.id && engine.profile.loads($0)
        && engine.profile.support($0, on: gpu) == .native
    }.map(\.id)
    guard let last = formats.last else { return "use --engine none for memory alone" }
    let head = formats.dropLast().joined(separator: ", ")
    return "use --precision " + (head.isEmpty ? last : "\(head) or \(last)")
  }

  /// A table cell: "no FP8 tensor cores; weight-only needs 8.0".
  func short(_ precision: Precision) -> String {
    switch self {
    case .bf16: "no bf16"
    case .tensorCores(let path, _): "no \(Self.kind(path)) tensor cores for \(precision.id)"
    case .weightOnlyKernel(let needed):
      "no \(Self.kind(precision.computePath)) tensor cores; weight-only \(precision.id) needs \(Self.version(needed))"
    case .kernel(let needed):
      "\(precision.id) kernels need compute capability \(Self.version(needed))"
    case .nvidiaOnly: "\(precision.id) is NVIDIA's format"
    }
  }

  /// FP8, FP4, int8.
  static func kind(_ path: Precision.ComputePath) -> String {
    switch path {
    case .fp4: "FP4"
    case .fp8: "FP8"
    case .int8: "int8"
    case .fp16, .fp32: "16-bit"
    }
  }

  /// 89 → "8.9".
  static func version(_ capability: Int) -> String { "\(capability / 10).\(capability % 10)" }
}

extension Comparison.Obstacle {
  /// A stable machine name: `engine`, `format.bf16`, `format.tensor-cores`, …
  var code: String {
    switch self {
    case .engine: "engine"
    case .format(.bf16): "format.bf16"
    case .format(.tensorCores): "format.tensor-cores"
    case .format(.weightOnlyKernel): "format.weight-only-kernel"
    case .format(.kernel): "format.kernel"
    case .format(.nvidiaOnly): "format.nvidia-only"
    }
  }
}
