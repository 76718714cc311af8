/// argv split into a command, its positional arguments and its option values.
struct Invocation {
  let command: CommandSpec
  var positionals: [String] = []
  /// Option values by canonical name; a flag maps to "".
  var values: [String: String] = [:]

  func has(_ name: String) -> Bool { values[name] != nil }
}

/// Problems found in the input; each becomes one line on stderr.
struct UsageErrors: Error {
  var messages: [String]

  init(_ messages: [String]) { self.messages = messages }
}

enum Tokenizer {
  /// Matches arguments against a command's table. Collects every problem rather than the first.
  static func parse(_ arguments: [String], for command: CommandSpec) -> Result<
    Invocation, UsageErrors
  > {
    var invocation = Invocation(command: command)
    var errors: [String] = []
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" || isNumber(argument) {
        invocation.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "-h" {
        invocation.values["help"] = ""
        continue
      }
      guard argument.hasPrefix("--") else {
        errors.append(
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
        let names = command.options.map { ($0.name, [$0.name] + $0.aliases) }
        let hint = NameHint.suggest(name, names).map { "; did you mean '--\($0)'?" } ?? ""
        errors.append("unknown option '--\(name)' for '\(command.name)'\(hint)")
        if inlineValue == nil, index < arguments.count, !arguments[index].hasPrefix("--") {
          index += 1  // its value, so it is not taken for a positional argument
        }
        continue
      }
      if option.isFlag {
        if inlineValue != nil { errors.append("option '--\(option.name)' takes no value") }
        invocation.values[option.name] = ""
        continue
      }
      if let inlineValue {
        invocation.values[option.name] = inlineValue
      } else if index < arguments.count, !arguments[index].hasPrefix("--") {
        invocation.values[option.name] = arguments[index]
        index += 1
      } else {
        errors.append("option '--\(option.name)' needs a value (\(option.value!): \(option.help))")
      }
    }
    if invocation.has("help") { return .success(invocation) }
    if command.positional == nil, !invocation.positionals.isEmpty {
      errors.append("'\(command.name)' takes no argument; got '\(invocation.positionals[0])'")
    } else if invocation.positionals.count > 1 {
      errors.append(
        "'\(command.name)' takes one \(command.positional!); got also '\(invocation.positionals[1])'"
      )
    } else if let positional = command.positional, !command.positionalOptional,
      invocation.positionals.isEmpty
    {
      errors.append(
        "'\(command.name)' needs a \(positional) (see 'llmplan \(command.name) --help')")
    }
    return errors.isEmpty ? .success(invocation) : .failure(UsageErrors(errors))
  }

  /// "-5" is a (bad) value, not an option.
  static func isNumber(_ text: String) -> Bool {
    text.count > 1 && text.hasPrefix("-")
      && text.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
  }
}
