/// How an engine release runs a weight format on a GPU.
public enum FormatSupport: Sendable, Hashable {
  /// On the GPU's own tensor cores for the format.
  case native
  /// Stored at its bits, dequantized to 16 bits inside the matrix kernel (vLLM's and SGLang's
  /// Marlin for FP8 and FP4 below their tensor cores; TensorRT-LLM's W4A16 MXFP4 on Hopper):
  /// memory as the format, compute at the 16-bit peak.
  case weightOnly
  /// A bf16 checkpoint on a GPU without bf16: served in fp16, the same 16 bits (vLLM's
  /// `dtype=auto` falls back; `--dtype half` says so to every release).
  case asFP16
  /// The release cannot run the format on this GPU.
  case unsupported(FormatNeed)
}

/// What a format needs that a GPU lacks.
public enum FormatNeed: Sendable, Hashable {
  /// bf16 arithmetic: compute capability 8.0.
  case bf16
  /// Tensor cores for the format, from compute capability `capability` (× 10): FP8 89, FP4 100,
  /// int8 75. Also the bar for a release with no weight-only kernel for it.
  case tensorCores(Precision.ComputePath, capability: Int)
  /// A weight-only kernel that needs compute capability `capability` (Marlin: 80).
  case weightOnlyKernel(capability: Int)
  /// The engine's kernels for the format need compute capability `capability` (AWQ: 75).
  case kernel(capability: Int)
  /// NVIDIA's format (NVFP4) on another vendor's GPU.
  case nvidiaOnly
}

extension EngineProfile {
  /// The rules of vLLM, SGLang and TensorRT-LLM: 16-bit formats everywhere (bf16 as fp16
  /// where missing); FP8, FP4 and int8 on their tensor cores (``GPUSpec/hasTensorCores(for:)``),
  /// else weight-only where ``weightOnlyKernels`` has a kernel the GPU can run; NVFP4 on NVIDIA
  /// only.
  public func defaultSupport(_ precision: Precision, on gpu: GPUSpec) -> FormatSupport {
    let path = precision.computePath
    if path == .fp16 || path == .fp32 {
      // AWQ's kernels need Turing (vLLM `awq.py` `get_min_capability` = 75, v0.11).
      if precision.id == "awq", let capability = gpu.computeCapability, capability < 75 {
        return .unsupported(.kernel(capability: 75))
      }
      return precision.id == "bf16" && !gpu.hasBF16 ? .asFP16 : .native
    }
    if precision.id == "nvfp4", gpu.vendor != .nvidia { return .unsupported(.nvidiaOnly) }
    if gpu.hasTensorCores(for: path) { return .native }
    let needed =
      switch path {
      case .fp8: 89
      case .fp4: 100
      default: 75
      }
    guard let kernel = weightOnlyKernels[precision.id] else {
      return .unsupported(.tensorCores(path, capability: needed))
    }
    switch gpu.computeCapability {
    case .some(let capability):
      return capability >= kernel
        ? .weightOnly : .unsupported(.weightOnlyKernel(capability: kernel))
    case .none:
      // AMD from MI300 (the catalog's FP8 peak) runs the Triton weight-only kernels.
      return gpu.vendor == .amd && gpu.compute.fp8 != nil
        ? .weightOnly : .unsupported(.tensorCores(path, capability: needed))
    }
  }
}
