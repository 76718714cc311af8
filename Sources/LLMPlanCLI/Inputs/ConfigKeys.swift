import LLMPlanKit

/// The architecture keys of a `config.json`, read under their aliases (`num_hidden_layers`,
/// `n_layer`, `num_layers`), with where each field came from and which required keys are
/// missing.
///
/// A multimodal config nests the language model under `text_config`: keys are looked up there
/// first, then at the top (`torch_dtype`, `quantization_config`, `tie_word_embeddings` often
/// sit outside).
struct ConfigKeys {
  private var text: JSONFields
  private var outer: JSONFields?
  private(set) var origin: [ModelOrigin.Field] = []
  private(set) var missing: [String] = []

  init(_ root: JSONNode) {
    if let nested = root["text_config"], nested.members != nil {
      text = JSONFields(nested, path: "text_config")
      outer = JSONFields(root, path: "")
    } else {
      text = JSONFields(root, path: "")
    }
  }

  var problems: [String] { text.problems + (outer?.problems ?? []) }

  /// Whether the language model sits under `text_config`.
  var isNested: Bool { outer != nil }

  /// The raw value of the first of `keys` present, and the key's path.
  mutating func raw(_ keys: [String]) -> (JSONNode, String)? {
    for key in keys {
      if let value = text.value(key) { return (value, text.at(key)) }
    }
    for key in keys {
      if let value = outer?.value(key) { return (value, key) }
    }
    return nil
  }

  /// Records that `field` came from `source` (a key, or "default: …").
  mutating func note(_ field: String, _ source: String) {
    origin.append(ModelOrigin.Field(field, source))
  }

  mutating func problem(_ key: String, _ message: String) { text.problem(key, message) }

  /// A problem already naming its JSON path.
  mutating func report(_ message: String) { text.problems.append(message) }

  /// A whole number under the first of `keys` present.
  mutating func integer(_ field: String, _ keys: [String], atLeast minimum: Int = 1) -> Int? {
    guard let (value, key) = raw(keys) else { return nil }
    guard let number = value.integer else {
      text.problems.append("\(key): expected a whole number, got \(value.kind)")
      return nil
    }
    guard number >= minimum else {
      text.problems.append("\(key): \(number) must be at least \(minimum)")
      return nil
    }
    note(field, key)
    return number
  }

  /// A whole number that must be there; records the keys as missing when none is.
  mutating func required(_ field: String, _ keys: [String]) -> Int {
    if let value = integer(field, keys) { return value }
    if raw(keys) == nil { missing.append(keys.joined(separator: " or ")) }
    return 1
  }

  /// A whole number, or `value` (recorded as the default, with why).
  mutating func integer(
    _ field: String, _ keys: [String], default value: Int, _ reason: String, atLeast: Int = 1
  ) -> Int {
    if let found = integer(field, keys, atLeast: atLeast) { return found }
    note(field, "default: \(reason)")
    return value
  }

  mutating func bool(
    _ field: String, _ keys: [String], default value: Bool, _ reason: String? = nil
  ) -> Bool {
    guard let (node, key) = raw(keys) else {
      if let reason { note(field, "default: \(reason)") }
      return value
    }
    guard let flag = node.bool else {
      text.problems.append("\(key): expected true or false, got \(node.kind)")
      return value
    }
    note(field, key)
    return flag
  }

  mutating func string(_ keys: [String]) -> String? {
    guard let (node, key) = raw(keys) else { return nil }
    guard let value = node.string else {
      text.problems.append("\(key): expected a string, got \(node.kind)")
      return nil
    }
    return value
  }

  /// Whole numbers, or booleans read as 0 and 1 (`no_rope_layers`, `mlp_only_layers`).
  mutating func integers(_ field: String, _ keys: [String]) -> [Int]? {
    guard let (node, key) = raw(keys) else { return nil }
    guard let items = node.array else {
      text.problems.append("\(key): expected an array, got \(node.kind)")
      return nil
    }
    var values: [Int] = []
    for (index, item) in items.enumerated() {
      if let number = item.integer {
        values.append(number)
      } else if let flag = item.bool {
        values.append(flag ? 1 : 0)
      } else {
        text.problems.append("\(key)[\(index)]: expected a whole number, got \(item.kind)")
        return nil
      }
    }
    note(field, key)
    return values
  }

  mutating func strings(_ field: String, _ keys: [String]) -> [String]? {
    guard let (node, key) = raw(keys) else { return nil }
    guard let items = node.array, items.allSatisfy({ $0.string != nil }) else {
      text.problems.append("\(key): expected an array of strings, got \(node.kind)")
      return nil
    }
    note(field, key)
    return items.compactMap(\.string)
  }
}
