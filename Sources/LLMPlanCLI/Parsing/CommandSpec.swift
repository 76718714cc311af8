/// A command as the parser and the help see it: name, positional argument, options, summary,
/// details and examples. The help is generated from it.
struct CommandSpec: Sendable {
  /// The positional argument: its placeholder and whether it may be left out.
  struct Positional: Sendable {
    let placeholder: String
    let isOptional: Bool
    /// What it may be, for the help's "arguments:" section.
    let meaning: String

    static let model = Positional(
      placeholder: "MODEL", isOptional: false,
      meaning:
        "a built-in id or alias ('llmplan models'), a Hugging Face id (meta-llama/Llama-3.1-8B-Instruct-FP8: organisation and repo tags are read), or the path of a config.json, a checkpoint directory (config.json + *.safetensors) or a .gguf file (README, \"Model files\")"
    )
    static let gpu = Positional(
      placeholder: "GPU", isOptional: true,
      meaning: "an id, alias or device name ('NVIDIA H100 80GB HBM3'); without it, every GPU")

    var optional: Positional {
      Positional(placeholder: placeholder, isOptional: true, meaning: meaning)
    }
  }

  let name: String
  let positional: Positional?
  let summary: String
  /// The command's options, then the common ones (`--format`, `--color`, `--help`).
  let options: [OptionInfo]
  let examples: [String]
  /// Paragraphs printed after the options, separated by blank lines; wrapped to the help width.
  let details: String
  /// Names other commands use for what this command calls otherwise: `--batch` (sequences per
  /// replica) is `--concurrency` in `layouts`. An unknown option found here names its stand-in.
  let insteadOf: [String: String]

  /// The widest help line.
  static let width = 80

  init(
    name: String, positional: Positional? = nil, summary: String,
    options: [any DeclaredOption], examples: [String], details: String,
    insteadOf: [String: String] = [:], common: [any DeclaredOption] = CommonOptions.all
  ) {
    self.name = name
    self.positional = positional
    self.summary = summary
    self.options = (options + common).map(\.info)
    self.examples = examples
    self.details = details
    self.insteadOf = insteadOf
  }

  func option(named name: String) -> OptionInfo? {
    options.first { $0.name == name || $0.aliases.contains(name) }
  }

  /// The command's help text.
  var help: String {
    var usage = "usage: llmplan \(name)"
    if let positional {
      usage += positional.isOptional ? " [\(positional.placeholder)]" : " \(positional.placeholder)"
    }
    usage += " [options]"
    var lines = [usage, ""] + wrap(summary, width: Self.width) + [""]
    let column = (options.map(\.label.count).max() ?? 0) + 4
    if let positional {
      let text = wrap(positional.meaning, width: Self.width - column)
      lines.append("arguments:")
      lines.append("  " + positional.placeholder.padding(to: column - 2) + text[0])
      lines += text.dropFirst().map { String(repeating: " ", count: column) + $0 }
      lines.append("")
    }
    lines.append("options:")
    for option in options {
      let text = wrap(option.helpText, width: Self.width - column)
      lines.append("  " + option.label.padding(to: column - 2) + text[0])
      lines += text.dropFirst().map { String(repeating: " ", count: column) + $0 }
    }
    if !details.isEmpty {
      for paragraph in details.split(separator: "\n\n") {
        lines.append("")
        lines += wrap(paragraph.split(separator: "\n").joined(separator: " "), width: Self.width)
      }
    }
    if !examples.isEmpty {
      lines +=
        ["", "examples:"] + examples.flatMap { shellLines($0, indent: 2, width: Self.width) }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// A shell command in lines of at most `width` characters, each but the last ending in ` \\`
/// (pasted, it is still one command), continuations indented two more.
func shellLines(_ command: String, indent: Int, width: Int) -> [String] {
  shellLines(words: command.split(separator: " ").map(String.init), indent: indent, width: width)
}

/// `words` (each kept whole: `--tensor-parallel-size 8`) as shell lines of at most `width`.
func shellLines(words: [String], indent: Int, width: Int) -> [String] {
  let pad = String(repeating: " ", count: indent)
  var lines: [String] = []
  var current = pad
  for word in words {
    if current.count > indent, current.count + 1 + word.count + 2 > width {
      lines.append(current + " \\")
      current = pad + "  " + word
    } else {
      current += (current.count > indent ? " " : "") + word
    }
  }
  lines.append(current)
  return lines
}

/// Words of `text` in lines of at most `width` characters (a longer word stands alone, split
/// after its underscores when it has them: an environment variable's name).
func wrap(_ text: String, width: Int) -> [String] {
  var lines: [String] = []
  var line = ""
  var words: [Substring] = []
  for word in text.split(separator: " ") {
    guard word.count > width, word.contains("_") else {
      words.append(word)
      continue
    }
    var piece = ""
    for part in word.split(separator: "_", omittingEmptySubsequences: false).enumerated() {
      let next = (part.offset > 0 ? "_" : "") + part.element
      if !piece.isEmpty, piece.count + next.count > width {
        words.append(Substring(piece + "_"))
        piece = String(part.element)
      } else {
        piece += next
      }
    }
    words.append(Substring(piece))
  }
  for word in words {
    if line.isEmpty {
      line = String(word)
    } else if line.count + 1 + word.count <= width {
      line += " " + word
    } else {
      lines.append(line)
      line = String(word)
    }
  }
  lines.append(line)
  return lines
}

extension String {
  /// Padded with spaces to `width` terminal columns (colour escapes take none).
  func padding(to width: Int) -> String {
    let visible = visibleCount
    return visible >= width ? self : self + String(repeating: " ", count: width - visible)
  }

  func leftPadding(to width: Int) -> String {
    let visible = visibleCount
    return visible >= width ? self : String(repeating: " ", count: width - visible) + self
  }
}
