import LLMPlanKit

/// Reads an invocation's options as typed values, through their declarations: a bad or
/// missing value is recorded as a problem (naming the option as typed and quoting the value)
/// and reads as `nil`, so a command collects every problem in one pass.
struct OptionReader {
  let command: CommandSpec
  fileprivate let raw: RawArguments
  private(set) var problems: [String] = []
  /// Lines for stderr that do not stop the answer (a release newer than every profile).
  var warnings: [String] = []
  /// The catalogs names are looked up in.
  var context = InputContext()

  init(_ raw: RawArguments, command: CommandSpec) {
    self.raw = raw
    self.command = command
  }

  /// The option's value: the text given, parsed; else its default; `nil` (with a problem
  /// recorded) when the text is bad or a required option is missing.
  subscript<Value>(option: Option<Value>) -> Value? {
    mutating get {
      assert(command.option(named: option.name) != nil, "'\(command.name)' lacks --\(option.name)")
      guard let given = raw.given[option.name] else {
        if option.isRequired { problems.append(option.info.missing(in: command.name)) }
        return option.defaultValue
      }
      switch option.type.parse(given.text, context) {
      case .success(let value): return value
      case .failure(let problem):
        problems.append("\(given.spelling): \(problem.message)")
        return nil
      }
    }
  }

  /// The option's value when the command declares it, else `nil`: for decoders shared by
  /// commands that take different sets of options.
  mutating func declared<Value>(_ option: Option<Value>) -> Value? {
    command.option(named: option.name) == nil ? nil : self[option]
  }

  /// A flag: whether it was given.
  subscript(flag: Option<Bool>) -> Bool {
    mutating get { raw.given[flag.name] != nil }
  }

  /// Whether the option was given (its value may still be bad).
  func has<Value>(_ option: Option<Value>) -> Bool { raw.given[option.name] != nil }

  /// The option as the user typed it, `--max-model-len`, or its canonical name.
  func spelling<Value>(_ option: Option<Value>) -> String {
    raw.given[option.name]?.spelling ?? "--\(option.name)"
  }

  /// The text given for the option, as typed.
  func text<Value>(_ option: Option<Value>) -> String? { raw.given[option.name]?.text }

  /// The positional argument parsed as `type`; `nil` when absent (the tokenizer has already
  /// reported a required one) or bad (recorded without an option name).
  mutating func positional<Value>(_ type: ValueType<Value>) -> Value? {
    guard let text = raw.positionals.first else { return nil }
    switch type.parse(text, context) {
    case .success(let value): return value
    case .failure(let problem):
      problems.append(problem.message)
      return nil
    }
  }

  /// Whether a positional argument was given.
  var hasPositional: Bool { !raw.positionals.isEmpty }
  var positionalText: String? { raw.positionals.first }

  /// Records a problem that spans options.
  mutating func problem(_ message: String) { problems.append(message) }

  /// The values of those of `options` that were given, each made with its template; `nil`
  /// when one is malformed (its problem is recorded).
  mutating func given<Value, Template, Result>(
    _ options: [(Option<Value>, Template)], _ make: (Value, Template) -> Result
  ) -> [Result]? {
    var results: [Result] = []
    var bad = false
    for (option, template) in options where has(option) {
      guard let value = self[option] else {
        bad = true
        continue
      }
      results.append(make(value, template))
    }
    return bad ? nil : results
  }

  /// Records a problem with the value of `option`: "--context: '16384' exceeds …".
  mutating func reject<Value>(_ option: Option<Value>, _ message: String) {
    problems.append("\(spelling(option)): '\(text(option) ?? "")' \(message)")
  }
}

extension OptionReader {
  /// The tokens of `option`, with a problem recorded when they exceed the model's context.
  mutating func tokens(_ option: Option<Int>, within model: ModelSpec?) -> Int? {
    let tokens = self[option]
    if let tokens, let model, tokens > model.maxContext { reject(option, Self.exceeds(model)) }
    return tokens
  }

  /// Records a problem when the longest of `values`, the value of `option`, exceeds the
  /// model's context.
  mutating func check(_ values: [Int], of model: ModelSpec, option: Option<[Int]>) {
    guard let longest = values.max(), longest > model.maxContext else { return }
    problem("\(spelling(option)): \(Format.integer(longest)) \(Self.exceeds(model))")
  }

  static func exceeds(_ model: ModelSpec) -> String {
    "exceeds \(model.id)'s maximum context of \(Format.integer(model.maxContext)) tokens (max_position_embeddings)"
  }
}

extension OptionReader {
  /// Whether the option named `name` (canonical) was given.
  func has(named name: String) -> Bool { raw.given[name] != nil }
}
