import LLMPlanKit

/// RFC 4180 CSV: one header row, comma-separated, CRLF line ends, fields quoted when they hold
/// a comma, a quote or a line break (quotes doubled).
///
/// Spreadsheet-safe: a list is one field with spaces between its items (``list(_:)``: stage
/// splits read "27 27 26", never "27/27/26", which a spreadsheet turns into a date), and a text
/// field a spreadsheet would run as a formula (starting with `=`, `+`, `@`, a tab, or `-` not
/// followed by a digit) is prefixed with `'` (OWASP, "CSV Injection"). Numbers are plain: no
/// thousands separators, `.` for decimals.
struct CSV {
  let header: [String]
  var rows: [[String]] = []

  init(header: [String]) { self.header = header }

  mutating func append(_ row: [String]) { rows.append(row) }

  func rendered() -> String {
    ([header] + rows).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n")
      + "\r\n"
  }

  /// A cell: empty for `nil`.
  static func cell(_ value: Int?) -> String { value.map(String.init) ?? "" }
  static func cell(_ value: Bool) -> String { value ? "true" : "false" }
  /// Whole bytes.
  static func cell(_ value: Bytes?) -> String { value.map { String($0.rounded) } ?? "" }
  /// Up to `decimals` decimals.
  static func cell(_ value: Double?, decimals: Int) -> String {
    value.map { Format.number($0, maxDecimals: decimals) } ?? ""
  }
  /// A list in one field, its items separated by spaces.
  static func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: " ") }

  static func field(_ text: String) -> String {
    let safe = defused(text)
    guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return safe
    }
    return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// `text` with a leading `'` when a spreadsheet would read it as a formula.
  static func defused(_ text: String) -> String {
    guard let first = text.first else { return text }
    let second = text.dropFirst().first
    let formula =
      first == "=" || first == "+" || first == "@" || first == "\t"
      || (first == "-" && !(second.map { $0.isNumber || $0 == "." } ?? false))
    return formula ? "'" + text : text
  }
}

extension String {
  /// Without the leading and trailing characters found in `set`.
  func trimming(_ set: String) -> String {
    var slice = self[...]
    while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }

  /// Replaces every occurrence of `target` (FoundationEssentials-free).
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let range = rest.firstRange(of: target) {
      out += rest[..<range.lowerBound] + replacement
      rest = rest[range.upperBound...]
    }
    return out + rest
  }
}
