import LLMPlanKit

/// `llmplan memory MODEL`: parameters, weights at every precision, KV per token, training.
enum MemoryCommand: Command {
  static let spec = CommandSpec(
    name: "memory", positional: .model,
    summary: "Parameters, weights at every precision, KV cache per token, and training with Adam.",
    options: [],
    examples: ["llmplan memory llama3-70b", "llmplan memory mixtral-8x7b --format csv"],
    details: """
      Weights = exact parameters × bits / 8; below 16 bits the embedding and LM head stay 16-bit.
      Rule of thumb = P · 4 B / (32 / Q) · 1.2. Training (accelerate's rule) = 4 × the
      weights: weights + gradients + two Adam moments; mixed-precision Adam = 16 B per parameter.
      Neither training figure counts activations.
      """)

  static func options(_ input: inout OptionReader) -> ModelSpec? { input.positional(.model) }

  static func run(_ model: ModelSpec, style: OutputStyle) -> Outcome {
    Outcome(ModelMemoryReport(report: Planner.memory(model)), style: style, verdict: .fits)
  }
}
