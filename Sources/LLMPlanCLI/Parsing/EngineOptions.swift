import LLMPlanKit

/// Options that choose a serving engine and its memory settings, shared by `fit` and `kv`.
enum EngineOptions {
  static let specs: [OptionSpec] = [
    OptionSpec(
      name: "engine", value: "E",
      help: "memory rules: vllm (default), sglang, trtllm, llamacpp or none"),
    OptionSpec(
      name: "gpu-memory-utilization", value: "F", help: "vLLM: fraction of GPU memory (default 0.9)"
    ),
    OptionSpec(
      name: "mem-fraction-static", value: "F",
      help: "SGLang: fraction for weights + KV (default 0.79-0.88 by TP)"),
    OptionSpec(
      name: "free-gpu-memory-fraction", value: "F",
      help: "TensorRT-LLM: fraction of free memory for KV (default 0.9)"),
    OptionSpec(
      name: "block-size", value: "N", help: "tokens per KV block (vLLM 16, TensorRT-LLM 32, else 1)"
    ),
    OptionSpec(
      name: "max-num-batched-tokens", value: "N",
      help: "tokens per forward pass (default 8192; llama.cpp ubatch 512)"),
  ]

  static func read(_ invocation: Invocation, into reader: inout ValueReader) -> ServingEngine {
    let name = reader.choice(
      invocation.values["engine"], option: "engine", among: Engine.allCases.map(\.rawValue))
    // Without --engine, the memory rules follow the engine --emit launches.
    let emitted = invocation.values["emit"].flatMap { Engine(rawValue: $0.lowercased()) }
    var engine = ServingEngine(name.flatMap(Engine.init(rawValue:)) ?? emitted ?? .vllm)
    for candidate in Engine.allCases {
      guard let flag = candidate.fractionFlag, let raw = invocation.values[flag] else { continue }
      guard candidate == engine.engine else {
        reader.errors.append(
          "--\(flag) is \(candidate.displayName)'s setting; add --engine \(candidate.rawValue) or use \(engine.engine.fractionFlag.map { "--\($0)" } ?? "no fraction with --engine \(engine.engine.rawValue)")"
        )
        continue
      }
      engine.memoryFraction = reader.fraction(raw, option: flag)
    }
    engine.blockSize = reader.integer(
      invocation.values["block-size"], option: "block-size", range: 1...1024)
    engine.maxBatchedTokens = reader.integer(
      invocation.values["max-num-batched-tokens"], option: "max-num-batched-tokens",
      range: 1...1_048_576, allowK: true)
    return engine
  }
}

extension ValueReader {
  /// A fraction in (0, 1].
  mutating func fraction(_ raw: String, option: String) -> Double? {
    guard let value = Double(raw), value.isFinite else {
      errors.append("--\(option): '\(raw)' is not a number (e.g. 0.9)")
      return nil
    }
    guard value > 0, value <= 1 else {
      errors.append("--\(option): '\(raw)' must be above 0 and at most 1")
      return nil
    }
    return value
  }
}
