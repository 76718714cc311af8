/// A JSON reader that walks a document without building it: objects member by member, values
/// read or skipped as the caller asks. Safetensors headers and index files of checkpoints with
/// 90,000 tensors are read this way in milliseconds, where building a ``JSONNode`` tree for
/// them costs more than everything else together.
///
/// Strict where it reads (strings, whole numbers) and in what it skips (balanced objects and
/// arrays, literals, numbers); errors carry the byte offset.
struct JSONScanner {
  private let bytes: [UInt8]
  private(set) var index = 0
  static let maxDepth = 256

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  struct Failure: Error {
    let offset: Int
    let reason: String
  }

  private func fail(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipSpace() {
    while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      index += 1
    }
  }

  mutating func expect(_ character: Character) throws(Failure) {
    skipSpace()
    guard let byte = current, byte == character.asciiValue else {
      throw fail(
        current == nil
          ? "the document ends where '\(character)' was expected" : "expected '\(character)'")
    }
    index += 1
  }

  /// Calls `body` with each key of the object at the current position; `body` must read or
  /// skip the member's value.
  mutating func members(_ body: (inout JSONScanner, String) throws(Failure) -> Void)
    throws(Failure)
  {
    try expect("{")
    skipSpace()
    if current == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipSpace()
      let key = try string()
      try expect(":")
      skipSpace()
      try body(&self, key)
      skipSpace()
      guard let byte = current else { throw fail("the document ends inside an object") }
      index += 1
      if byte == UInt8(ascii: "}") { return }
      guard byte == UInt8(ascii: ",") else {
        index -= 1
        throw fail("expected ',' or '}' after a member")
      }
    }
  }

  /// Calls `body` for each element of the array at the current position.
  mutating func elements(_ body: (inout JSONScanner) throws(Failure) -> Void) throws(Failure) {
    try expect("[")
    skipSpace()
    if current == UInt8(ascii: "]") {
      index += 1
      return
    }
    while true {
      skipSpace()
      try body(&self)
      skipSpace()
      guard let byte = current else { throw fail("the document ends inside an array") }
      index += 1
      if byte == UInt8(ascii: "]") { return }
      guard byte == UInt8(ascii: ",") else {
        index -= 1
        throw fail("expected ',' or ']' in an array")
      }
    }
  }

  /// A string; escapes are decoded by the full parser.
  mutating func string() throws(Failure) -> String {
    skipSpace()
    guard current == UInt8(ascii: "\"") else { throw fail("expected a string") }
    let start = index + 1
    // The closing quote, and whether anything needs the full parser (escapes, control bytes).
    let (end, escaped, control) = bytes.withUnsafeBufferPointer { buffer in
      var end = start
      var escaped = false
      while end < buffer.count {
        let byte = buffer[end]
        if byte == UInt8(ascii: "\"") { return (end, escaped, false) }
        if byte < 0x20 { return (end, escaped, true) }
        if byte == UInt8(ascii: "\\") {
          escaped = true
          end += 1
        }
        end += 1
      }
      return (buffer.count, escaped, false)
    }
    guard end < bytes.count else {
      index = bytes.count
      throw fail("the document ends inside a string")
    }
    guard !control else {
      index = end
      throw fail("control character in a string")
    }
    index = end + 1
    guard escaped else {
      return bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
      }
    }
    switch JSONParser.parse(Array(bytes[(start - 1)...end])) {
    case .success(let node) where node.string != nil: return node.string!
    case .success: throw fail("expected a string")
    case .failure(let error): throw Failure(offset: start - 1 + error.offset, reason: error.reason)
    }
  }

  /// A non-negative whole number.
  mutating func count() throws(Failure) -> Int {
    skipSpace()
    guard let first = current, first >= 0x30, first <= 0x39 else {
      throw fail("expected a whole number")
    }
    var value = 0
    while let byte = current, byte >= 0x30, byte <= 0x39 {
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 0x30))
      guard !overflow, !overflow2 else { throw fail("number too large") }
      value = sum
      index += 1
    }
    if let byte = current,
      byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
        || byte == UInt8(ascii: "E")
    {
      throw fail("expected a whole number")
    }
    return value
  }

  /// Steps over one value of any kind.
  mutating func skipValue(depth: Int = 0) throws(Failure) {
    guard depth < Self.maxDepth else { throw fail("nested too deep") }
    skipSpace()
    guard let byte = current else { throw fail("the document ends where a value was expected") }
    switch byte {
    case UInt8(ascii: "{"):
      try members { (scanner, _) throws(Failure) in try scanner.skipValue(depth: depth + 1) }
    case UInt8(ascii: "["):
      try elements { (scanner) throws(Failure) in try scanner.skipValue(depth: depth + 1) }
    case UInt8(ascii: "\""):
      _ = try string()
    default:
      let start = index
      while let next = current,
        next == UInt8(ascii: "-") || next == UInt8(ascii: "+") || next == UInt8(ascii: ".")
          || (next >= 0x30 && next <= 0x39) || (next >= 0x61 && next <= 0x7A)
          || next == UInt8(ascii: "E")
      {
        index += 1
      }
      let word = String(decoding: bytes[start..<index], as: UTF8.self)
      guard ["true", "false", "null"].contains(word) || Self.isNumber(word) else {
        index = start
        throw fail("unexpected character")
      }
    }
  }

  /// RFC 8259 numbers: an optional minus, digits without a leading zero, a fraction, an
  /// exponent; no `nan`, `inf` or `+`.
  static func isNumber(_ word: String) -> Bool {
    var bytes = Array(word.utf8)[...]
    func digits() -> Int {
      let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
      bytes = bytes.dropFirst(count)
      return count
    }
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    let leading = bytes.first
    let whole = digits()
    guard whole > 0, whole == 1 || leading != UInt8(ascii: "0") else { return false }
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      guard digits() > 0 else { return false }
    }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
      }
      guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// Fails unless only whitespace is left.
  mutating func end() throws(Failure) {
    skipSpace()
    guard current == nil else { throw fail("unexpected text after the document") }
  }
}
