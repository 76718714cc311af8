/// A JSON value read from a file, keys in file order, with a parser that says where a document
/// is broken (byte offset, line and column) and bounds what a hostile file can make it do.
///
/// FoundationEssentials' decoders want a schema up front and say little about *where* a value
/// is wrong; input files here are read leniently (unknown keys are ignored) and every problem
/// names its JSON path, so a small parser of our own serves better.
indirect enum JSONNode: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number and its text as written (so `8192` stays an integer).
  case number(Double, String)
  case string(String)
  case array([JSONNode])
  case object([(String, JSONNode)])

  static func == (a: JSONNode, b: JSONNode) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x, _), .number(let y, _)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// The member `key` of an object (the last, if repeated); `nil` otherwise.
  subscript(key: String) -> JSONNode? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.last { $0.0 == key }?.1
  }

  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  var number: Double? {
    if case .number(let value, _) = self { return value }
    return nil
  }

  /// A whole number that fits an `Int`.
  var integer: Int? {
    guard case .number(let value, _) = self, value.rounded() == value, abs(value) < 9e15 else {
      return nil
    }
    return Int(value)
  }

  var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  var array: [JSONNode]? {
    if case .array(let items) = self { return items }
    return nil
  }

  var members: [(String, JSONNode)]? {
    if case .object(let pairs) = self { return pairs }
    return nil
  }

  /// What the value is, for messages: `a number`, `"lots"`, `an object`.
  var kind: String {
    switch self {
    case .null: "null"
    case .bool(let value): value ? "true" : "false"
    case .number(_, let text): text
    case .string(let value): "\"\(value.count > 40 ? String(value.prefix(40)) + "…" : value)\""
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// Where and why a JSON document could not be read.
struct JSONSyntaxError: Error, Sendable {
  let offset: Int
  let line: Int
  let column: Int
  let reason: String

  var description: String { "line \(line), column \(column) (byte \(offset)): \(reason)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes, with a nesting limit.
struct JSONParser {
  /// Deeper nesting than any real config or catalog; a file nested deeper is refused rather
  /// than overflowing the stack.
  static let maxDepth = 256

  private let bytes: [UInt8]
  private var index = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  static func parse(_ bytes: [UInt8]) -> Result<JSONNode, JSONSyntaxError> {
    var parser = JSONParser(bytes)
    do {
      parser.skipSpace()
      if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
      let value = try parser.value(depth: 0)
      parser.skipSpace()
      guard parser.index == parser.bytes.count else {
        throw parser.error("unexpected text after the document")
      }
      return .success(value)
    } catch let error as JSONSyntaxError {
      return .failure(error)
    } catch {
      return .failure(parser.error("unreadable"))
    }
  }

  private func error(_ reason: String) -> JSONSyntaxError {
    var line = 1
    var column = 1
    for byte in bytes[..<min(index, bytes.count)] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return JSONSyntaxError(offset: index, line: line, column: column, reason: reason)
  }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func value(depth: Int) throws -> JSONNode {
    guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
    skipSpace()
    guard let byte = current else { throw error("the document ends where a value should be") }
    switch byte {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default:
      let shown =
        (0x21..<0x7F).contains(byte)
        ? "'\(Character(UnicodeScalar(byte)))'"
        : "byte 0x\(String(byte, radix: 16, uppercase: true))"
      throw error("expected a value, found \(shown)")
    }
  }

  private mutating func literal(_ word: String, _ value: JSONNode) throws -> JSONNode {
    let expected = Array(word.utf8)
    guard bytes.count - index >= expected.count,
      Array(bytes[index..<index + expected.count]) == expected
    else { throw error("expected '\(word)'") }
    index += expected.count
    return value
  }

  private mutating func object(depth: Int) throws -> JSONNode {
    index += 1
    var pairs: [(String, JSONNode)] = []
    skipSpace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(pairs)
    }
    while true {
      skipSpace()
      guard current == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
      let key = try string()
      skipSpace()
      guard current == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
      index += 1
      pairs.append((key, try value(depth: depth + 1)))
      skipSpace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(pairs)
      default: throw error("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func array(depth: Int) throws -> JSONNode {
    index += 1
    var items: [JSONNode] = []
    skipSpace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      items.append(try value(depth: depth + 1))
      skipSpace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(items)
      default: throw error("expected ',' or ']' in an array")
      }
    }
  }

  private mutating func number() throws -> JSONNode {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    func digits() -> Int {
      let from = index
      while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        index += 1
      }
      return index - from
    }
    let whole = index
    guard digits() > 0 else { throw error("expected digits") }
    if bytes[whole] == UInt8(ascii: "0"), index - whole > 1 { throw error("leading zero") }
    if current == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw error("expected digits after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw error("expected digits in the exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text), value.isFinite else { throw error("number out of range") }
    return .number(value, text)
  }

  private mutating func string() throws -> String {
    index += 1
    // Most strings have no escapes: decode the bytes between the quotes at once.
    var end = index
    while end < bytes.count {
      let byte = bytes[end]
      if byte == UInt8(ascii: "\"") {
        let text = bytes.withUnsafeBufferPointer {
          String(decoding: UnsafeBufferPointer(rebasing: $0[index..<end]), as: UTF8.self)
        }
        index = end + 1
        return text
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      end += 1
    }
    var scalars = String.UnicodeScalarView()
    var run = index
    func flush() {
      scalars.append(contentsOf: String(decoding: bytes[run..<index], as: UTF8.self).unicodeScalars)
    }
    while true {
      guard let byte = current else { throw error("the document ends inside a string") }
      switch byte {
      case UInt8(ascii: "\""):
        flush()
        index += 1
        return String(scalars)
      case UInt8(ascii: "\\"):
        flush()
        index += 1
        scalars.append(try escape())
        run = index
      case 0..<0x20:
        throw error("control character in a string")
      default:
        index += 1
      }
    }
  }

  private mutating func escape() throws -> Unicode.Scalar {
    guard let byte = current else { throw error("the document ends inside an escape") }
    index += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      var code = try hex4()
      if (0xD800...0xDBFF).contains(code), current == UInt8(ascii: "\\"),
        index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
      {
        index += 2
        let low = try hex4()
        guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      }
      return Unicode.Scalar(code) ?? "\u{FFFD}"
    default: throw error("unknown escape '\\\(Character(UnicodeScalar(byte)))'")
    }
  }

  private mutating func hex4() throws -> UInt32 {
    guard bytes.count - index >= 4 else { throw error("short \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("bad hex digit in \\u escape")
      }
      value = value * 16 + digit
      index += 1
    }
    return value
  }
}
