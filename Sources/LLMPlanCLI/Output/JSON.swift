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
  func rendered() -> String { render(indent: 0) + "\n" }

  private func render(indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    let inner = String(repeating: " ", count: indent + 2)
    switch self {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .int(let value): return String(value)
    case .number(let value, let decimals):
      return value.isFinite ? Format.number(value, maxDecimals: decimals) : "null"
    case .string(let value): return JSON.quote(value)
    case .array(let items):
      if items.isEmpty { return "[]" }
      if items.allSatisfy(\.isScalar) {
        return "[" + items.map { $0.render(indent: 0) }.joined(separator: ", ") + "]"
      }
      return "[\n" + items.map { inner + $0.render(indent: indent + 2) }.joined(separator: ",\n")
        + "\n" + pad + "]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      return "{\n"
        + pairs.map { inner + JSON.quote($0.0) + ": " + $0.1.render(indent: indent + 2) }
        .joined(separator: ",\n") + "\n" + pad + "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  static func quote(_ text: String) -> String {
    var out = "\""
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
    return out + "\""
  }
}
