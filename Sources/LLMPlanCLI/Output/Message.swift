/// What a problem looks like on stderr: one line, whatever the user typed.
enum Message {
  /// Longest quoted value shown whole; longer ones keep their start and end.
  static let longestValue = 60

  /// `message` on one line: control characters escaped (`\n`, `\t`, `\u{7}`), and every
  /// quoted value (`'…'`, opened after a space or bracket and closed before one, so the
  /// apostrophe of "model's" is not a quote) longer than ``longestValue`` characters shortened
  /// to its first 40 and last 12, with its length: `'aaaa…aaaa' (10,000 characters)`.
  static func oneLine(_ message: String) -> String {
    let characters = Array(message)
    var out = ""
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "'", index == 0 || " (=:[".contains(characters[index - 1]),
        let close = closingQuote(characters, after: index)
      {
        let value = String(characters[(index + 1)..<close])
        out += "'" + escape(shortened(value)) + "'"
        if value.count > longestValue { out += " (\(Format.integer(value.count)) characters)" }
        index = close + 1
        continue
      }
      out += escape(String(character))
      index += 1
    }
    return out
  }

  /// The index of the quote that closes the one at `open`: followed by the end, a space or
  /// punctuation.
  static func closingQuote(_ characters: [Character], after open: Int) -> Int? {
    var index = open + 1
    while index < characters.count {
      if characters[index] == "'",
        index + 1 == characters.count || " ,;:)?.!]".contains(characters[index + 1])
      {
        return index
      }
      index += 1
    }
    return nil
  }

  static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      return text
    }
    return text.unicodeScalars.map { scalar -> String in
      switch scalar {
      case "\n": "\\n"
      case "\r": "\\r"
      case "\t": "\\t"
      default:
        scalar.value < 0x20 || scalar.value == 0x7F
          ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
      }
    }.joined()
  }

  static func shortened(_ value: String) -> String {
    guard value.count > longestValue else { return value }
    return "\(value.prefix(40))…\(value.suffix(12))"
  }
}
