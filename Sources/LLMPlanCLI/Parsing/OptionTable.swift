/// One command-line option: the single source for parsing, validation messages and help.
struct OptionSpec: Sendable {
  /// Long name without dashes: `gpu`.
  let name: String
  /// Placeholder for the value (`GPU`); `nil` for a flag.
  let value: String?
  let help: String
  /// Other long names accepted (`concurrency` for `batch`); not shown in help.
  var aliases: [String] = []

  var isFlag: Bool { value == nil }
}

/// A command: its name, positional argument, options and help.
struct CommandSpec: Sendable {
  let name: String
  /// Placeholder of the positional argument, `nil` when it takes none.
  let positional: String?
  /// Whether the positional argument may be left out.
  let positionalOptional: Bool
  let summary: String
  let options: [OptionSpec]
  let examples: [String]
  /// Paragraph printed after the options.
  let details: String

  func option(named name: String) -> OptionSpec? {
    options.first { $0.name == name || $0.aliases.contains(name) }
  }

  /// The command's help text, generated from its table.
  var help: String {
    var lines: [String] = []
    var usage = "usage: llmplan \(name)"
    if let positional { usage += positionalOptional ? " [\(positional)]" : " \(positional)" }
    if !options.isEmpty { usage += " [options]" }
    lines.append(usage)
    lines.append("")
    lines.append(summary)
    if !options.isEmpty {
      lines.append("")
      lines.append("options:")
      let labels = options.map { "--\($0.name)" + ($0.value.map { " \($0)" } ?? "") }
      let width = (labels.map(\.count).max() ?? 0) + 2
      for (label, option) in zip(labels, options) {
        lines.append("  " + label.padding(to: width) + option.help)
      }
    }
    if !details.isEmpty {
      lines.append("")
      lines.append(details)
    }
    if !examples.isEmpty {
      lines.append("")
      lines.append("examples:")
      lines.append(contentsOf: examples.map { "  " + $0 })
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  func leftPadding(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}

/// Options every command takes.
enum CommonOptions {
  static let format = OptionSpec(
    name: "format", value: "FORMAT", help: "table (default), json or csv")
  static let color = OptionSpec(
    name: "color", value: "WHEN", help: "auto (default: only on a terminal), always or never")
  static let help = OptionSpec(name: "help", value: nil, help: "show this help")
  static let precision = OptionSpec(
    name: "precision", value: "P", help: "weight format (default: the checkpoint's, e.g. bf16)")
  static let kvPrecision = OptionSpec(
    name: "kv-precision", value: "P",
    help: "KV-cache format: fp32, fp16, bf16, fp8, int8, int4 (default: activation dtype)")
  static let ascii = OptionSpec(name: "ascii", value: nil, help: "draw the chart with ASCII only")
  static let gpu = OptionSpec(
    name: "gpu", value: "GPU", help: "accelerator id or alias (required; see 'llmplan gpus')")
  static let context = OptionSpec(
    name: "context", value: "TOKENS",
    help: "tokens per sequence (default: the model's maximum context)")
}
