import LLMPlanKit

/// Typed readers for option values. Each appends a one-line message naming the option and the
/// quoted value to `errors` and returns `nil` when the value is unusable.
struct ValueReader {
  var errors: [String] = []

  /// A whole number in `range`. Accepts `8192`, `8_192`, `8,192`, and with `allowK` `8k` (× 1,024).
  mutating func integer(
    _ raw: String?, option: String, range: ClosedRange<Int>, allowK: Bool = false,
    limitReason: String = ""
  ) -> Int? {
    guard let raw else { return nil }
    var text = raw.lowercased().filter { $0 != "_" && $0 != "," }
    var multiplier = 1
    if allowK, text.hasSuffix("k") {
      multiplier = 1024
      text.removeLast()
    }
    guard let value = Int(text), !text.isEmpty else {
      errors.append(
        "--\(option): '\(raw)' is not a whole number\(allowK ? " (e.g. 8192 or 8k)" : "")")
      return nil
    }
    let (scaled, overflow) = value.multipliedReportingOverflow(by: multiplier)
    if overflow || scaled > range.upperBound {
      errors.append(
        "--\(option): '\(raw)' is too large; at most \(Format.integer(range.upperBound))\(limitReason)"
      )
      return nil
    }
    if scaled < range.lowerBound {
      errors.append("--\(option): '\(raw)' must be at least \(Format.integer(range.lowerBound))")
      return nil
    }
    return scaled
  }

  /// One of a fixed set of slugs.
  mutating func choice(_ raw: String?, option: String, among choices: [String]) -> String? {
    guard let raw else { return nil }
    let value = raw.lowercased()
    if choices.contains(value) { return value }
    let hint =
      NameHint.suggest(value, choices.map { ($0, [$0]) }).map { "; did you mean '\($0)'?" } ?? ""
    errors.append("--\(option): '\(raw)' is not one of \(choices.joined(separator: ", "))\(hint)")
    return nil
  }

  mutating func precision(_ raw: String?, option: String, kvCache: Bool = false) -> Precision? {
    guard let raw else { return nil }
    let formats = kvCache ? Precision.kvCacheFormats : Precision.all
    if let precision = Precision.named(raw, in: formats) { return precision }
    let hint =
      NameHint.suggest(raw, formats.map { ($0.id, [$0.id] + $0.aliases) })
      .map { "; did you mean '\($0)'?" } ?? ""
    errors.append(
      "--\(option): unknown precision '\(raw)'\(hint) (known: \(formats.map(\.id).joined(separator: ", ")))"
    )
    return nil
  }

  /// Whether `value` tokens fit the model's context; if not, records why, naming the option and
  /// the value as the user wrote it (`shown`), and returns false.
  mutating func withinContext(_ value: Int, of model: ModelSpec, option: String, shown: String)
    -> Bool
  {
    guard value > model.maxContext else { return true }
    errors.append(
      "--\(option): \(shown) exceeds \(model.id)'s maximum context of \(Format.integer(model.maxContext)) tokens (max_position_embeddings)"
    )
    return false
  }

  mutating func model(_ raw: String) -> ModelSpec? {
    if let model = ModelCatalog.builtin.model(named: raw) { return model }
    let hint = ModelCatalog.builtin.suggestion(for: raw).map { "; did you mean '\($0)'?" } ?? ""
    errors.append("unknown model '\(raw)'\(hint) (see 'llmplan models')")
    return nil
  }

  mutating func gpu(_ raw: String?, option: String = "gpu") -> GPUSpec? {
    guard let raw else { return nil }
    if let gpu = GPUCatalog.builtin.gpu(named: raw) { return gpu }
    let hint = GPUCatalog.builtin.suggestion(for: raw).map { "; did you mean '\($0)'?" } ?? ""
    errors.append("--\(option): unknown GPU '\(raw)'\(hint) (see 'llmplan gpus')")
    return nil
  }
}

/// Output format and colour, shared by every command.
struct OutputStyle {
  enum Format: String { case table, json, csv }
  var format: Format = .table
  var color = false
  /// Charts in ASCII: `--ascii`, or a dumb terminal.
  var ascii = false

  static func read(_ invocation: Invocation, terminal: Terminal, into reader: inout ValueReader)
    -> OutputStyle
  {
    var style = OutputStyle()
    style.ascii = invocation.has("ascii") || terminal.environment["TERM"] == "dumb"
    if let raw = reader.choice(
      invocation.values["format"], option: "format", among: ["table", "json", "csv"])
    {
      style.format = Format(rawValue: raw)!
    }
    let when =
      reader.choice(
        invocation.values["color"], option: "color", among: ["auto", "always", "never"]) ?? "auto"
    switch when {
    case "always": style.color = true
    case "never": style.color = false
    default:
      style.color =
        terminal.isTTY && terminal.environment["NO_COLOR"] == nil
        && terminal.environment["TERM"] != "dumb"
    }
    return style
  }
}

extension ValueReader {
  /// A comma-separated list of whole numbers, each in `range` (`1k,4k,32768`).
  mutating func list(_ raw: String?, option: String, range: ClosedRange<Int>) -> [Int]? {
    guard let raw else { return nil }
    let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
    var values: [Int] = []
    for part in parts {
      guard let value = integer(String(part), option: option, range: range, allowK: true) else {
        return nil
      }
      values.append(value)
    }
    return values.isEmpty ? nil : values
  }
}
