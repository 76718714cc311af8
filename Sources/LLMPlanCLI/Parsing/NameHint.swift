import LLMPlanKit

/// Did-you-mean for option names, commands and catalog entries.
enum NameHint {
  static func suggest(_ name: String, _ candidates: [(String, [String])]) -> String? {
    NameKey.suggestion(for: name, among: candidates.map { (id: $0.0, names: $0.1) })
  }
}
