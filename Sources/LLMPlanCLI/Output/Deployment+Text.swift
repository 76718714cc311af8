import LLMPlanKit

extension Deployment {
  /// "Llama-3-70B on 8 × NVIDIA H100 SXM5 80GB (h100)"; without a count, "… on NVIDIA H100 …".
  func title(gpus: Int? = nil) -> String {
    "\(model.name) on \(gpus.map { "\($0) × " } ?? "")\(gpu.name) (\(gpu.id))"
  }

  /// "bf16 weights, bf16 KV cache"; how the weights compute when not natively.
  var formats: String {
    "\(precision.id) weights\(computeNote.map { " (\($0))" } ?? ""), \(kvText)"
  }

  /// "fp8 KV cache", saying when it is the checkpoint's declared one.
  var kvText: String {
    "\(kvPrecision.id) KV cache"
      + (model.checkpointKV == kvPrecision && kvPrecision != model.activationPrecision
        && engine.profile.followsCheckpointKV ? " (the checkpoint's kv_cache_quant_algo)" : "")
  }

  /// "weight-only: 16-bit compute, a100 has no FP8 tensor cores"; `nil` when native.
  var computeNote: String? {
    switch formatSupport {
    case .weightOnly:
      "weight-only: 16-bit compute, \(gpu.id) has no \(FormatNeed.kind(precision.computePath)) tensor cores"
    case .asFP16: "the bf16 checkpoint in fp16: \(gpu.id) has no bf16"
    case .native, .unsupported: nil
    }
  }

  /// "Llama-3-70B does not fit on any layout of up to 1,024 × h100".
  func nothingFits(upTo limit: Int) -> String {
    "\(model.name) does not fit on any layout of up to \(Format.integer(limit)) × \(gpu.id)"
  }
}
