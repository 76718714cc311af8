import LLMPlanKit

/// RFC 4180 CSV: one header row, comma-separated, fields quoted when they need it, CRLF-free
/// (LF line ends, which every spreadsheet reads).
struct CSV {
  let header: [String]
  var rows: [[String]] = []

  init(header: [String]) { self.header = header }

  mutating func append(_ row: [String]) { rows.append(row) }

  func rendered() -> String {
    ([header] + rows).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\n")
      + "\n"
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

  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

extension String {
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
