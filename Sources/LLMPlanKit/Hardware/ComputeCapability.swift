extension GPUSpec {
  /// NVIDIA's compute capability × 10 (`sm_90` → 90) at the family's floor, for the format
  /// rules engines check: bf16 from 80 (Ampere), int8 tensor cores from 75 (Turing), FP8
  /// from 89 (Ada), FP4 from 100 (Blackwell), Marlin's weight-only kernels from 80. Ampere is
  /// A100's 80 (A10 and RTX 3090 are 86; no rule falls between); `nil` off NVIDIA.
  ///
  /// Source: CUDA C++ Programming Guide, "Compute Capabilities"; vLLM
  /// `vllm/platforms/cuda.py` (`has_device_capability`), v0.11.
  public var computeCapability: Int? {
    guard vendor == .nvidia else { return nil }
    return switch family {
    case .blackwell: id.hasPrefix("rtx") ? 120 : 100
    case .hopper: 90
    case .ada: 89
    case .ampere: 80
    case .turing: 75
    case .volta: 70
    case .cdna, .gaudi, .tpu: nil
    }
  }

  /// Whether the GPU computes in bf16: NVIDIA from Ampere (8.0); AMD CDNA, Gaudi and TPUs do.
  public var hasBF16: Bool { (computeCapability ?? 80) >= 80 }

  /// Whether the GPU has tensor cores for `path`: FP8 on NVIDIA 8.9+ and where the catalog
  /// gives an FP8 peak (MI300, Gaudi); FP4 on NVIDIA 10.0+ and MI355X; int8 on NVIDIA 7.5+.
  public func hasTensorCores(for path: Precision.ComputePath) -> Bool {
    let capability = computeCapability
    switch path {
    case .fp16, .fp32: return true
    case .int8: return capability.map { $0 >= 75 } ?? (compute.int8 != nil)
    case .fp8: return capability.map { $0 >= 89 } ?? (compute.fp8 != nil)
    case .fp4: return capability.map { $0 >= 100 } ?? (compute.fp4 != nil)
    }
  }
}
