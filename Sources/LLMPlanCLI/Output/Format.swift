import LLMPlanKit

/// The one way numbers become text.
///
/// Rounding rule: half away from zero at the requested number of decimals; thousands are
/// grouped with "," in the integer part when `grouped`. No locale, no exponent notation.
enum Format {
  /// `value` with exactly `decimals` decimals: `fixed(1.005, 2)` = "1.01" (from the binary value).
  static func fixed(_ value: Double, _ decimals: Int, grouped: Bool = false) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    var scale = 1.0
    for _ in 0..<max(decimals, 0) { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e18 else { return String(value) }
    let units = UInt64(scaled)
    let divisor = UInt64(scale)
    let whole = units / divisor
    let fraction = units % divisor
    var text = grouped ? group(whole) : String(whole)
    if decimals > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return (value < 0 && units != 0 ? "-" : "") + text
  }

  /// Whole number with thousands separators: 70553706496 → "70,553,706,496".
  static func integer(_ value: Int) -> String {
    (value < 0 ? "-" : "") + group(UInt64(value.magnitude))
  }

  /// Up to `maxDecimals` decimals, trailing zeros dropped: 0.90 → "0.9", 79.18 → "79.18".
  static func number(_ value: Double, maxDecimals: Int = 2) -> String {
    var text = fixed(value, maxDecimals)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// Bits per weight: 16 → "16", 4.15625 → "4.16".
  static func bits(_ value: Double) -> String { number(value, maxDecimals: 2) }

  /// GiB with two decimals: "131.40 GiB".
  static func gib(_ bytes: Bytes) -> String {
    fixed(bytes.gibibytes, 2, grouped: true) + " GiB"
  }

  /// GB with two decimals: "141.11 GB".
  static func gb(_ bytes: Bytes) -> String {
    fixed(bytes.gigabytes, 2, grouped: true) + " GB"
  }

  static func group(_ value: UInt64) -> String {
    let digits = Array(String(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return out
  }
}

extension Format {
  /// `text` with every line wider than `width` wrapped at spaces, its continuation lines
  /// indented two past the line's own indent (a word longer than the room stands alone).
  /// Tables, charts and commands lay themselves out within the width first; this folds prose.
  static func fitLines(_ text: String, width: Int) -> String {
    guard text.utf8.count > width else { return text }
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.utf8.count > width, line.count > width, String(line).visibleCount > width else {
        lines.append(String(line))
        continue
      }
      let indent = line.prefix { $0 == " " }.count
      let hanging = String(repeating: " ", count: indent + 2)
      var current = String(line.prefix(indent))
      var fresh = true
      for word in line.dropFirst(indent).split(separator: " ") {
        if fresh {
          current += word
          fresh = false
        } else if current.visibleCount + 1 + word.count <= width {
          current += " " + word
        } else {
          lines.append(current)
          current = hanging + word
        }
      }
      lines.append(current)
    }
    return lines.joined(separator: "\n")
  }
}
