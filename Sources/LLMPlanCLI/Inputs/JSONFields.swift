/// Reads the members of one JSON object by key and type, naming the JSON path of every problem
/// (`gpus[3].memoryGB: expected a number, got "lots"`) and collecting them all.
struct JSONFields {
  /// Where the object sits: `gpus[3]`; "" for the document itself.
  let path: String
  let node: JSONNode
  var problems: [String] = []
  private var read: Set<String> = []

  init(_ node: JSONNode, path: String) {
    self.node = node
    self.path = path
    if node.members == nil {
      problems.append(
        "\(path.isEmpty ? "the document" : path): expected an object, got \(node.kind)")
    }
  }

  func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The raw member, marked as read.
  mutating func value(_ key: String) -> JSONNode? {
    read.insert(key)
    guard let value = node[key], value != .null else { return nil }
    return value
  }

  mutating func problem(_ key: String, _ message: String) {
    problems.append("\(at(key)): \(message)")
  }

  private mutating func typed<T>(_ key: String, _ what: String, _ cast: (JSONNode) -> T?) -> T? {
    guard let raw = value(key) else { return nil }
    guard let value = cast(raw) else {
      problem(key, "expected \(what), got \(raw.kind)")
      return nil
    }
    return value
  }

  mutating func string(_ key: String) -> String? { typed(key, "a string") { $0.string } }
  mutating func bool(_ key: String) -> Bool? { typed(key, "true or false") { $0.bool } }
  mutating func integer(_ key: String) -> Int? { typed(key, "a whole number") { $0.integer } }
  mutating func number(_ key: String) -> Double? { typed(key, "a number") { $0.number } }
  mutating func array(_ key: String) -> [JSONNode]? { typed(key, "an array") { $0.array } }

  /// A number in `range`.
  mutating func number(_ key: String, in range: ClosedRange<Double>, open lower: Bool = false)
    -> Double?
  {
    guard let value = number(key) else { return nil }
    guard range.contains(value), !(lower && value == range.lowerBound) else {
      problem(
        key,
        "\(Format.number(value, maxDecimals: 6)) is out of range (\(lower ? "above" : "at least") \(Format.number(range.lowerBound, maxDecimals: 6)), at most \(Format.number(range.upperBound, maxDecimals: 6)))"
      )
      return nil
    }
    return value
  }

  /// A whole number in `range`.
  mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
    guard let value = integer(key) else { return nil }
    guard range.contains(value) else {
      problem(
        key,
        "\(value) is out of range (\(Format.integer(range.lowerBound)) to \(Format.integer(range.upperBound)))"
      )
      return nil
    }
    return value
  }

  /// An array of strings.
  mutating func strings(_ key: String) -> [String]? {
    guard let items = array(key) else { return nil }
    var strings: [String] = []
    for (index, item) in items.enumerated() {
      guard let text = item.string else {
        problems.append("\(at(key))[\(index)]: expected a string, got \(item.kind)")
        continue
      }
      strings.append(text)
    }
    return strings
  }

  /// A problem for every member not read, with the closest known key.
  mutating func rejectUnknownKeys() {
    for (key, _) in node.members ?? [] where !read.contains(key) {
      let hint = didYouMean(key, read.sorted().map { ($0, [$0]) })
      problems.append("\(at(key)): unknown key\(hint)")
    }
  }
}
