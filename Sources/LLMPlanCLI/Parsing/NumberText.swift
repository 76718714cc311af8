/// The one grammar numbers are typed in, for every option: ASCII digits with an optional
/// sign, decimal part and exponent (`0.9`, `1e-3`, `-5`). Integers may group their digits in
/// threes with `,` or `_` (`8,192`, `1_000_000`; one kind per number) where no comma separates
/// list items. No hex, no `inf` or `nan` (where infinity means something, the option names
/// `inf` itself), no spaces, nothing stripped silently.
enum NumberText {
  /// A decimal number, or `nil` when `text` is not one.
  static func decimal(_ text: String) -> Double? {
    var bytes = Array(text.utf8)[...]
    guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
    if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
      bytes = bytes.dropFirst()
    }
    let whole = bytes.prefix(while: isDigit)
    bytes = bytes.dropFirst(whole.count)
    var fraction = 0
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      fraction = bytes.prefix(while: isDigit).count
      bytes = bytes.dropFirst(fraction)
    }
    guard whole.count + fraction > 0 else { return nil }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
      }
      let exponent = bytes.prefix(while: isDigit).count
      guard exponent > 0 else { return nil }
      bytes = bytes.dropFirst(exponent)
    }
    guard bytes.isEmpty, let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// The digits of a whole number (with its sign), its grouping removed, or `nil` when `text`
  /// is not one: `8,192` → `8192`; `1,2`, `1,,2`, `__1` and `8,19,2` are not numbers.
  static func integer(_ text: String, grouping: Bool = true) -> String? {
    var body = Substring(text)
    var sign = ""
    if body.first == "-" || body.first == "+" {
      if body.first == "-" { sign = "-" }
      body = body.dropFirst()
    }
    guard !body.isEmpty, body.count <= 40, body.allSatisfy({ $0.isASCII }) else { return nil }
    if body.allSatisfy(\.isWholeNumberDigit) { return sign + body }
    guard grouping else { return nil }
    for separator: Character in [",", "_"] where body.contains(separator) {
      let groups = body.split(separator: separator, omittingEmptySubsequences: false)
      guard let first = groups.first, (1...3).contains(first.count),
        groups.count > 1,
        groups.allSatisfy({ $0.allSatisfy(\.isWholeNumberDigit) }),
        groups.dropFirst().allSatisfy({ $0.count == 3 })
      else { return nil }
      return sign + groups.joined()
    }
    return nil
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}

extension Character {
  fileprivate var isWholeNumberDigit: Bool { isASCII && isNumber }
}
