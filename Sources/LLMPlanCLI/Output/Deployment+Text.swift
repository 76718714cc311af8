import LLMPlanKit

extension Deployment {
  /// "Llama-3-70B on 8 × NVIDIA H100 SXM5 80GB (h100)"; without a count, "… on NVIDIA H100 …".
  func title(gpus: Int? = nil) -> String {
    "\(model.name) on \(gpus.map { "\($0) × " } ?? "")\(gpu.name) (\(gpu.id))"
  }

  /// "bf16 weights, bf16 KV cache".
  var formats: String { "\(precision.id) weights, \(kvPrecision.id) KV cache" }

  /// "Llama-3-70B does not fit on any layout of up to 1,024 × h100".
  func nothingFits(upTo limit: Int) -> String {
    "\(model.name) does not fit on any layout of up to \(Format.integer(limit)) × \(gpu.id)"
  }
}
