import LLMPlanKit

/// A JSON value whose objects keep their key order, so output is stable and reads in the
/// order the README documents.
enum JSON {
  case null
  case bool(Bool)
  case int(Int64)
  /// A number written with at most `decimals` decimals.
  case number(Double, decimals: Int)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  static func int(_ value: Int) -> JSON { .int(Int64(value)) }
  static func bytes(_ value: Bytes) -> JSON { .int(value.rounded) }
  static func optional<T>(_ value: T?, _ transform: (T) -> JSON) -> JSON {
    value.map(transform) ?? .null
  }

  /// A catalog listing: `{"schemaVersion": 1, key: [items]}`.
  static func listing(_ key: String, _ items: [JSON]) -> JSON {
    .object([("schemaVersion", .int(1)), (key, .array(items))])
  }

  /// Pretty-printed with two-space indentation and a final newline.
  func rendered() -> String {
    var out = ""
    out.reserveCapacity(4096)
    render(into: &out, indent: 0)
    out += "\n"
    return out
  }

  /// Appends the value to one buffer (a fleet's `check` report is megabytes: no intermediate
  /// strings per value).
  private func render(into out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .number(let value, let decimals):
      out += value.isFinite ? Format.number(value, maxDecimals: decimals) : "null"
    case .string(let value): JSON.quote(value, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
      } else if items.allSatisfy(\.isScalar) {
        out += "["
        for (index, item) in items.enumerated() {
          if index > 0 { out += ", " }
          item.render(into: &out, indent: 0)
        }
        out += "]"
      } else {
        out += "[\n"
        for (index, item) in items.enumerated() {
          if index > 0 { out += ",\n" }
          JSON.pad(&out, indent + 2)
          item.render(into: &out, indent: indent + 2)
        }
        out += "\n"
        JSON.pad(&out, indent)
        out += "]"
      }
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, value)) in pairs.enumerated() {
        if index > 0 { out += ",\n" }
        JSON.pad(&out, indent + 2)
        JSON.quote(key, into: &out)
        out += ": "
        value.render(into: &out, indent: indent + 2)
      }
      out += "\n"
      JSON.pad(&out, indent)
      out += "}"
    }
  }

  private static func pad(_ out: inout String, _ count: Int) {
    out += count < indents.count ? indents[count] : String(repeating: " ", count: count)
  }

  private static let indents = (0..<64).map { String(repeating: " ", count: $0) }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  static func quote(_ text: String) -> String {
    var out = ""
    quote(text, into: &out)
    return out
  }

  static func quote(_ text: String, into out: inout String) {
    out += "\""
    // Most keys and values need no escape: copy them whole.
    if !text.utf8.contains(where: {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }) {
      out += text
      out += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

extension JSON {
  /// The path of the first number that is not finite (`results[0].ttftMs`), or `nil`.
  func nonFinitePath(_ path: String = "") -> String? {
    switch self {
    case .number(let value, _): return value.isFinite ? nil : (path.isEmpty ? "a figure" : path)
    case .array(let items):
      for (index, item) in items.enumerated() {
        if let found = item.nonFinitePath("\(path)[\(index)]") { return found }
      }
      return nil
    case .object(let pairs):
      for (key, value) in pairs {
        if let found = value.nonFinitePath(path.isEmpty ? key : "\(path).\(key)") {
          return found
        }
      }
      return nil
    default: return nil
    }
  }
}
