/// argv matched against a command's options: positional arguments and the text given for
/// each option, by canonical name, with the spelling the user typed.
struct RawArguments: Sendable {
  /// The text of one option as given.
  struct Given: Sendable {
    /// The name typed, an alias or the canonical one, with its dashes: `--max-model-len`.
    let spelling: String
    /// "" for a flag.
    let text: String
  }

  var positionals: [String] = []
  var given: [String: Given] = [:]
  var wantsHelp = false
}

enum Tokenizer {
  /// Matches `arguments` against `command`'s options. Collects every problem rather than the
  /// first.
  static func parse(_ arguments: [String], for command: CommandSpec) -> Result<
    RawArguments, UsageError
  > {
    var raw = RawArguments()
    var problems: [String] = []
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" || isNumber(argument) {
        raw.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "-h" || argument == "--help" {
        raw.wantsHelp = true
        continue
      }
      guard argument.hasPrefix("--") else {
        problems.append(
          "unknown option '\(argument)'; options are long, like --gpu (see 'llmplan \(command.name) --help')"
        )
        continue
      }
      var name = String(argument.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard let option = command.option(named: name) else {
        var hint = didYouMean(
          name, command.options.map { ($0.name, [$0.name] + $0.aliases) }, prefix: "--")
        if let standIn = command.insteadOf[name].flatMap(command.option(named:)) {
          hint = "; use --\(standIn.name): \(standIn.meaning)"
        }
        problems.append("unknown option '--\(name)' for '\(command.name)'\(hint)")
        if inlineValue == nil, index < arguments.count, !arguments[index].hasPrefix("--") {
          index += 1  // its value, so it is not taken for a positional argument
        }
        continue
      }
      let spelling = "--\(name)"
      if option.isFlag {
        if inlineValue != nil { problems.append("option '--\(option.name)' takes no value") }
        raw.given[option.name] = .init(spelling: spelling, text: "")
        continue
      }
      var text: String?
      if let inlineValue {
        text = inlineValue
      } else if index < arguments.count, !arguments[index].hasPrefix("--") {
        text = arguments[index]
        index += 1
      }
      if let text {
        // One value per option: a second one is a mistake to name, not to pick silently.
        if let earlier = raw.given[option.name] {
          problems.append(
            "\(earlier.spelling) given twice: '\(earlier.text)' and '\(text)'; give it once")
        }
        raw.given[option.name] = .init(spelling: spelling, text: text)
      } else {
        problems.append(
          "option '\(spelling)' needs a value (\(option.placeholder!): \(option.meaning))")
      }
    }
    if raw.wantsHelp { return .success(raw) }
    if let problem = positionalProblem(raw.positionals, command) { problems.append(problem) }
    return problems.isEmpty ? .success(raw) : .failure(UsageError(problems))
  }

  static func positionalProblem(_ positionals: [String], _ command: CommandSpec) -> String? {
    guard let positional = command.positional else {
      return positionals.first.map { "'\(command.name)' takes no argument; got '\($0)'" }
    }
    if positionals.count > 1 {
      return
        "'\(command.name)' takes one \(positional.placeholder); got also '\(positionals[1])'"
    }
    if !positional.isOptional, positionals.isEmpty {
      return
        "'\(command.name)' needs a \(positional.placeholder) (see 'llmplan \(command.name) --help')"
    }
    return nil
  }

  /// "-5" is a (bad) value, not an option.
  static func isNumber(_ text: String) -> Bool {
    text.count > 1 && text.hasPrefix("-")
      && text.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
  }
}

/// Problems found in the input; each becomes one line on stderr, and the exit code is 2.
struct UsageError: Error, Sendable {
  var messages: [String]

  init(_ messages: [String]) { self.messages = messages }
}
