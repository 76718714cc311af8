/// One command-line option, declared once: its name, value type, meaning, default, whether it
/// is required, and aliases. Parsing, messages, help and the typed value a command reads all
/// come from the declaration; a command holds its options as `static let`s and reads them
/// with ``OptionReader``.
struct Option<Value: Sendable>: Sendable, DeclaredOption {
  /// Long name without dashes: `gpu`.
  let name: String
  let type: ValueType<Value>
  /// What the option means: the same words in every command that has it.
  let meaning: String
  /// Other long names accepted, shown in help.
  var aliases: [String] = []
  /// What this command does with it, after the meaning.
  var note: String?
  /// The value when the option is absent.
  var defaultValue: Value?
  /// The default in words, when the planner decides it (`the model's maximum`); worked out
  /// only when help is shown (some read the engine profiles).
  var defaultText: (@Sendable () -> String)?
  var isRequired = false

  init(_ name: String, _ type: ValueType<Value>, _ meaning: String) {
    self.name = name
    self.type = type
    self.meaning = meaning
  }

  func required() -> Option {
    var copy = self
    copy.isRequired = true
    return copy
  }

  func defaulting(to value: Value) -> Option {
    var copy = self
    copy.defaultValue = value
    return copy
  }

  func defaulting(_ text: @autoclosure @escaping @Sendable () -> String) -> Option {
    var copy = self
    copy.defaultText = text
    return copy
  }

  func aliased(_ names: String...) -> Option {
    var copy = self
    copy.aliases += names
    return copy
  }

  func noted(_ text: String) -> Option {
    var copy = self
    copy.note = text
    return copy
  }

  var info: OptionInfo {
    OptionInfo(
      name: name, aliases: aliases, placeholder: type.isFlag ? nil : type.placeholder,
      meaning: meaning, note: note,
      describeDefault: { [defaultValue, type, defaultText] in
        defaultValue.map(type.show) ?? defaultText?()
      }, isRequired: isRequired,
      example: type.example, listing: type.listing, choices: type.choices, range: type.range)
  }
}

/// An option of any value type, as the tokenizer, the help and the tests see it.
protocol DeclaredOption: Sendable {
  var info: OptionInfo { get }
}

/// What the tokenizer and the help need of an option, whatever its value type.
struct OptionInfo: Sendable {
  let name: String
  let aliases: [String]
  /// `nil` for a flag.
  let placeholder: String?
  let meaning: String
  let note: String?
  /// Works out ``defaultDescription`` (for help only).
  let describeDefault: @Sendable () -> String?
  let isRequired: Bool
  let example: String?
  let listing: String?
  /// The values a choice option takes (completions offer them); empty otherwise.
  var choices: [String] = []
  /// The valid values in words ("1 to 1,024"), shown in help.
  var range: String?

  var isFlag: Bool { placeholder == nil }
  /// The default as help shows it.
  var defaultDescription: String? { describeDefault() }
  /// `--gpu GPU`.
  var label: String { "--\(name)" + (placeholder.map { " \($0)" } ?? "") }

  /// The help text after the label: "meaning; note (also --alias; default: …)".
  var helpText: String {
    var text = meaning
    if let note { text += "; " + note }
    var notes: [String] = []
    if let range { notes.append(range) }
    if !aliases.isEmpty {
      notes.append("also " + aliases.map { "--\($0)" }.joined(separator: ", "))
    }
    if isRequired {
      notes.append("required")
    } else if let defaultDescription {
      notes.append("default: \(defaultDescription)")
    }
    if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
    return text
  }

  /// "fit needs --gpu GPU (for example --gpu h100; see 'llmplan gpus')".
  func missing(in command: String) -> String {
    var text = "\(command) needs \(label)"
    var hints: [String] = []
    if let example { hints.append("for example --\(name) \(example)") }
    if let listing { hints.append("see '\(listing)'") }
    if !hints.isEmpty { text += " (\(hints.joined(separator: "; ")))" }
    return text
  }
}
