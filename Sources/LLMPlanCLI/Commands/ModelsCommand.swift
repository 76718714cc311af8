import LLMPlanKit

/// `llmplan models`: the built-in architectures.
enum ModelsCommand: Command {
  static let spec = CommandSpec(
    name: "models",
    summary: "The model catalog: architecture, exact parameter count, context, dtype.",
    options: [],
    examples: ["llmplan models", "llmplan models --format json"],
    details: "Parameter counts are computed from each architecture, not taken from the name.")

  static func options(_ input: inout OptionReader) -> Void? { () }

  static func run(_ options: Void, style: OutputStyle) -> Outcome {
    Outcome(
      ModelCatalogReport(models: ModelCatalog.builtin.models), style: style, verdict: .fits)
  }
}
