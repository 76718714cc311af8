/// `llmplan check FILE`: the deployments a fleet must serve, as JSON (schema in the README,
/// "CI sizing checks"; example in `Fixtures/deployments/fleet.json`):
///
///     {"schemaVersion": 1, "deployments": [{"name": "chat", "model": "llama3-70b",
///       "gpu": "h100", "gpus": 8, "context": 8192, "concurrency": 32,
///       "requirements": {"minHeadroomPercent": 10, "maxTPOTMs": 40}}]}
///
/// Every field but `name`, `model` and `gpu` is optional and takes `fit`'s default. Each
/// deployment becomes the `fit` command line it stands for, so values are checked by the same
/// rules and messages as on the command line; every problem names its JSON path.
struct DeploymentFile {
  /// One deployment: its name, where it is in the file, and its `fit` arguments.
  struct Entry {
    let name: String
    let path: String
    let arguments: [String]
  }

  /// Largest file read: 3,100 deployments of a few hundred bytes fit in well under this.
  static let byteLimit = 16 << 20
  /// Most deployments in one file.
  static let entryLimit = 10_000

  /// A field of a deployment: its JSON key, the `fit` option it sets, and what it holds.
  struct Field {
    enum Kind { case string, integer, number, rateOrInf, milliseconds }
    let key: String
    let option: String
    let kind: Kind
  }

  static let fields: [Field] = [
    Field(key: "model", option: "", kind: .string),
    Field(key: "gpu", option: "gpu", kind: .string),
    Field(key: "gpus", option: "gpus", kind: .integer),
    Field(key: "precision", option: "precision", kind: .string),
    Field(key: "kvPrecision", option: "kv-precision", kind: .string),
    Field(key: "engine", option: "engine", kind: .string),
    Field(key: "context", option: "context", kind: .integer),
    Field(key: "concurrency", option: "concurrency", kind: .integer),
    Field(key: "inputTokens", option: "input-tokens", kind: .integer),
    Field(key: "outputTokens", option: "output-tokens", kind: .integer),
    Field(key: "rate", option: "rate", kind: .rateOrInf),
  ]

  static let requirementFields: [Field] =
    [
      Field(key: "maxGPUs", option: "max-gpus", kind: .integer),
      Field(key: "minHeadroomPercent", option: "min-headroom", kind: .number),
      Field(key: "minConcurrency", option: "min-concurrency", kind: .number),
      Field(key: "maxTTFTMs", option: "max-ttft-ms", kind: .number),
      Field(key: "maxTPOTMs", option: "max-tpot-ms", kind: .number),
      Field(key: "minTokensPerSecond", option: "min-tokens-per-second", kind: .number),
      Field(key: "maxCostPerMillionTokens", option: "max-cost-per-million-tokens", kind: .number),
    ]
    + ["ttft", "tpot", "e2e"].flatMap { metric in
      [50, 90, 99].map { percentile in
        Field(
          key: "\(metric)P\(percentile)Ms", option: "\(metric)-p\(percentile)",
          kind: .milliseconds)
      }
    }

  let entries: [Entry]
  /// Problems of the file's structure (each with its JSON path); the entries that parsed are
  /// still checked, so that every problem is listed at once.
  let problems: [String]

  /// The file's deployments, or every problem in it (each naming its JSON path).
  static func read(_ path: String) -> Result<DeploymentFile, InputErrors> {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.contents(path, limit: byteLimit)
    } catch {
      return .failure(InputErrors([error.message]))
    }
    let root: JSONNode
    switch JSONParser.parse(bytes) {
    case .success(let node): root = node
    case .failure(let error): return .failure(InputErrors(["\(path): \(error.description)"]))
    }
    var problems: [String] = []
    func problem(_ where: String, _ message: String) {
      problems.append("\(path): \(`where`): \(message)")
    }
    guard root.members != nil else {
      return .failure(
        InputErrors([
          "\(path): the file must be a JSON object {\"schemaVersion\": 1, \"deployments\": [...]}"
        ]))
    }
    for (key, _) in root.members ?? [] where key != "schemaVersion" && key != "deployments" {
      problem(key, "unknown field (the file has schemaVersion and deployments)")
    }
    if let version = root["schemaVersion"] {
      if version.integer != 1 { problem("schemaVersion", "is \(version.kind); only 1 is read") }
    } else {
      problem("schemaVersion", "missing (add \"schemaVersion\": 1)")
    }
    guard let list = root["deployments"]?.array else {
      problem("deployments", "missing or not an array of deployments")
      return .failure(InputErrors(problems))
    }
    if list.isEmpty { problem("deployments", "is empty: nothing to check") }
    if list.count > entryLimit {
      problem("deployments", "has \(list.count) entries; at most \(entryLimit) are checked")
      return .failure(InputErrors(problems))
    }
    var entries: [Entry] = []
    var names: [String: Int] = [:]
    for (index, item) in list.enumerated() {
      let at = "deployments[\(index)]"
      guard let members = item.members else {
        problem(at, "is \(item.kind), not an object")
        continue
      }
      let known = Set(["name", "requirements"] + fields.map(\.key))
      for (key, _) in members where !known.contains(key) {
        let hint = didYouMean(key, known.sorted().map { ($0, [$0]) })
        problem("\(at).\(key)", "unknown field\(hint)")
      }
      guard let name = item["name"]?.string, !name.isEmpty else {
        problem("\(at).name", "missing (every deployment has a name)")
        continue
      }
      if let first = names[name] {
        problem("\(at).name", "'\(name)' is also deployments[\(first)]'s name")
      }
      names[name, default: index] = names[name] ?? index
      guard let model = item["model"]?.string, !model.isEmpty else {
        problem("\(at).model", "missing (a catalog name or a path)")
        continue
      }
      guard item["gpu"]?.string != nil else {
        problem("\(at).gpu", "missing (a GPU id, e.g. h100)")
        continue
      }
      var arguments = [model]
      /// The field's `fit` option and value, or its problem at `where`.
      func add(_ field: Field, _ value: JSONNode, at where: String) {
        switch text(value, field.kind) {
        case .success(let text): arguments += ["--\(field.option)", text]
        case .failure(let message): problem(`where`, message.message)
        }
      }
      for field in fields.dropFirst() {
        guard let value = item[field.key] else { continue }
        add(field, value, at: "\(at).\(field.key)")
      }
      if let requirements = item["requirements"] {
        guard let pairs = requirements.members else {
          problem("\(at).requirements", "is \(requirements.kind), not an object")
          continue
        }
        let keys = requirementFields.map(\.key)
        for (key, value) in pairs {
          guard let field = requirementFields.first(where: { $0.key == key }) else {
            let hint = didYouMean(key, keys.map { ($0, [$0]) })
            problem("\(at).requirements.\(key)", "unknown requirement\(hint)")
            continue
          }
          add(field, value, at: "\(at).requirements.\(key)")
        }
      }
      entries.append(Entry(name: name, path: at, arguments: arguments))
    }
    return .success(DeploymentFile(entries: entries, problems: problems))
  }

  /// A JSON value as the command-line text of `kind`.
  static func text(_ value: JSONNode, _ kind: Field.Kind) -> Result<String, ValueProblem> {
    switch (kind, value) {
    case (.string, .string(let text)): return .success(text)
    case (.integer, .number(_, let text)), (.number, .number(_, let text)):
      return .success(text)
    case (.integer, .string(let text)): return .success(text)  // "8k" contexts
    case (.rateOrInf, .number(_, let text)): return .success(text)
    case (.rateOrInf, .string("inf")): return .success("inf")
    case (.milliseconds, .number(_, let text)): return .success(text + "ms")
    default:
      let wanted =
        switch kind {
        case .string: "a string"
        case .integer: "a whole number"
        case .number: "a number"
        case .rateOrInf: "a number of requests/s or \"inf\""
        case .milliseconds: "a number of milliseconds"
        }
      return .failure(ValueProblem("is \(value.kind); it must be \(wanted)"))
    }
  }
}

/// Several input problems, one line each.
struct InputErrors: Error {
  let messages: [String]
  init(_ messages: [String]) { self.messages = messages }
}
