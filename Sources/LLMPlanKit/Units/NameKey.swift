/// Name matching shared by every catalog: a name matches a spelling when they are equal
/// ignoring case, with `-` and `_` interchangeable (``fold(_:)``), and nothing else ignored
/// (`h 100`, `,h100` and `bf 16` match nothing); a did-you-mean by edit distance over
/// letters and digits (``normalize(_:)``) suggests the spelling meant.
public enum NameKey {
  /// The form names are compared in: lowercased, `_` read as `-`: `Q4_K_M` → `q4-k-m`.
  public static func fold(_ name: String) -> String {
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
      var bytes = Array(name.utf8)
      for index in bytes.indices {
        switch bytes[index] {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes[index] += 32
        case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "-")
        default: continue
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return name.lowercased().replacingUnderscores()
  }

  /// Lowercases and drops everything but letters and digits, for suggestions:
  /// `Meta-Llama-3-70B` → `metallama370b`.
  public static func normalize(_ name: String) -> String {
    // ASCII (every catalog name and nearly every typed one): bytes, without Unicode tables.
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(name.utf8.count)
      for byte in name.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          bytes.append(byte)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
        default: continue
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return String(
      name.lowercased().unicodeScalars.filter {
        $0.properties.isAlphabetic || ("0"..."9").contains($0)
      }.map(Character.init))
  }

  /// The Levenshtein distance between two strings, over characters.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The candidate closest to `name`, if it is close enough to be a plausible typo (or `name`
  /// is a prefix of it). Each candidate is `(display id, spellings)`.
  public static func suggestion(for name: String, among candidates: [(id: String, names: [String])])
    -> String?
  {
    let key = normalize(name)
    guard !key.isEmpty else { return nil }
    var best: (id: String, score: Int)?
    for candidate in candidates {
      for spelling in candidate.names {
        let other = normalize(spelling)
        // Doubled so that a prefix match (score 1) beats one typo (score 2).
        var score = 2 * distance(key, other)
        if other.hasPrefix(key) || key.hasPrefix(other) { score = min(score, 1) }
        if best == nil || score < best!.score { best = (candidate.id, score) }
      }
    }
    guard let best, best.score <= 2 * max(2, key.count / 3) else { return nil }
    return best.id
  }

  /// The size in a model's name, in billions: `32` for `Qwen2.5-32B-Instruct`, `1.5` for
  /// `…-1.5B`, `nil` without one (`8x7B` reads as 7).
  public static func billions(in name: String) -> Double? {
    let characters = Array(name)
    var index = 0
    while index < characters.count {
      guard characters[index].isNumber, index == 0 || !characters[index - 1].isLetter else {
        index += 1
        continue
      }
      var end = index
      while end < characters.count && (characters[end].isNumber || characters[end] == ".") {
        end += 1
      }
      if end < characters.count, characters[end] == "B" || characters[end] == "b",
        end + 1 == characters.count || !characters[end + 1].isLetter
      {
        return Double(String(characters[index..<end]))
      }
      index = end
    }
    return nil
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String {
    String(map { $0 == "_" ? "-" : $0 })
  }
}
