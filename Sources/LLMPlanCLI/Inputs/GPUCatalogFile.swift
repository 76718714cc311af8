import LLMPlanKit

/// `--gpu-catalog FILE`: GPUs to add to the built-in catalog or fields to override in it
/// (README, "GPU catalog files").
///
///     {"schemaVersion": 1, "gpus": [
///       {"id": "h100", "pricePerHour": 2.10},
///       {"id": "my-h100", "base": "h100", "name": "Our H100 (8 per node)", "gpusPerNode": 8},
///       {"id": "h100-3g.40gb", "base": "h100", "memoryGB": 40, "usableGiB": 39.5,
///        "computeFraction": 0.4286, "bandwidthFraction": 0.5, "scaleUpDomain": 1}]}
///
/// An entry whose id is a catalog GPU overrides it; with `base`, a new GPU starts from that
/// one; otherwise it must give `memoryGB`, `bandwidthTBps` and `fp16TFLOPS`. Unknown keys are
/// errors (a typo would silently plan with the wrong figure), and every problem is reported.
enum GPUCatalogFile {
  /// No catalog of GPUs is larger.
  static let sizeLimit = 4 << 20
  static let linkKinds: [(String, GPUSpec.Link.Kind)] = [
    ("nvlink-switch", .nvlinkSwitch), ("nvlink-bridge", .nvlinkBridge),
    ("infinity-fabric", .infinityFabric), ("roce", .roce), ("pcie", .pcie), ("ici", .ici),
  ]
  static let vendors: [(String, GPUSpec.Vendor)] = [
    ("nvidia", .nvidia), ("amd", .amd), ("intel", .intel), ("google", .google),
  ]

  /// The built-in catalog with the file's GPUs added and overrides applied.
  static func load(_ path: String, over catalog: GPUCatalog) -> Result<GPUCatalog, UsageError> {
    let root: JSONNode
    do {
      let bytes = try InputFile.contents(path, limit: sizeLimit)
      switch JSONParser.parse(bytes) {
      case .success(let node): root = node
      case .failure(let error): return .failure(UsageError(["\(path): \(error.description)"]))
      }
    } catch {
      return .failure(UsageError([error.message]))
    }
    var document = JSONFields(root, path: "")
    if let version = document.integer("schemaVersion"), version != 1 {
      document.problem("schemaVersion", "\(version) is not 1, the only version there is")
    }
    let items = document.array("gpus")
    if root.members != nil, items == nil { document.problem("gpus", "missing: the list of GPUs") }
    document.rejectUnknownKeys()
    var problems = document.problems
    var gpus = catalog.gpus
    var given: [String: String] = [:]
    for (index, item) in (items ?? []).enumerated() {
      var fields = JSONFields(item, path: "gpus[\(index)]")
      if let gpu = entry(&fields, catalog: catalog, file: path) {
        if let earlier = given[gpu.id] {
          fields.problem("id", "'\(gpu.id)' is already defined at \(earlier)")
        } else {
          given[gpu.id] = fields.path
          if let position = gpus.firstIndex(where: { $0.id == gpu.id }) {
            gpus[position] = gpu
          } else {
            gpus.append(gpu)
          }
        }
      }
      problems += fields.problems
    }
    problems += collisions(gpus)
    guard problems.isEmpty else { return .failure(UsageError(problems.map { "\(path): \($0)" })) }
    return .success(GPUCatalog(gpus))
  }

  /// One entry: a catalog GPU with fields replaced, or a new one.
  static func entry(_ fields: inout JSONFields, catalog: GPUCatalog, file: String) -> GPUSpec? {
    guard let id = fields.string("id") else {
      if fields.node.members != nil, fields.value("id") == nil { fields.problem("id", "missing") }
      return nil
    }
    guard isSlug(id) else {
      fields.problem("id", "'\(id)' must be lowercase letters, digits, '.', '-' or '_'")
      return nil
    }
    var start = catalog.gpus.first { $0.id == id }
    if let base = fields.string("base") {
      guard let found = catalog.gpu(named: base) else {
        let hint = catalog.suggestion(for: base).map { "; did you mean '\($0)'?" } ?? ""
        fields.problem("base", "unknown GPU '\(base)'\(hint)")
        return nil
      }
      start = found
    }
    let memoryGB = fields.number("memoryGB", in: 0...100_000, open: true)
    let usableGiB = fields.number("usableGiB", in: 0...100_000, open: true)
    let bandwidth = fields.number("bandwidthTBps", in: 0...1_000, open: true)
    let fp16 = fields.number("fp16TFLOPS", in: 0...1_000_000, open: true)
    let fp8 = fields.number("fp8TFLOPS", in: 0...1_000_000, open: true)
    let int8 = fields.number("int8TOPS", in: 0...1_000_000, open: true)
    let fp4 = fields.number("fp4TFLOPS", in: 0...1_000_000, open: true)
    let computeFraction = fields.number("computeFraction", in: 0...1, open: true) ?? 1
    let bandwidthFraction = fields.number("bandwidthFraction", in: 0...1, open: true) ?? 1
    let linkKind = choice(&fields, "linkKind", linkKinds)
    let linkGBps = fields.number("linkGBps", in: 0...100_000, open: true)
    let linkName = fields.string("linkName")
    let domain = fields.integer("scaleUpDomain", in: 1...Limits.gpus)
    let perNode = fields.integer("gpusPerNode", in: 1...Limits.gpusPerNode)
    let vendor = choice(&fields, "vendor", vendors)
    let family = choice(&fields, "family", GPUFamily.allCases.map { ($0.rawValue, $0) })
    let name = fields.string("name")
    let aliases = fields.strings("aliases")
    let memoryType = fields.string("memoryType")
    let tdp = fields.number("tdpWatts", in: 0...100_000, open: true)
    let year = fields.integer("launchYear", in: 1990...2100)
    let price = fields.number("pricePerHour", in: 0...10_000, open: true)
    let note = fields.string("note")
    fields.rejectUnknownKeys()
    if start == nil {
      for (key, value) in [
        ("memoryGB", memoryGB), ("bandwidthTBps", bandwidth), ("fp16TFLOPS", fp16),
      ]
      where value == nil && fields.value(key) == nil {
        fields.problem(key, "missing: a new GPU (no catalog id, no base) needs it")
      }
    }
    guard fields.problems.isEmpty else { return nil }
    let marketed = memoryGB ?? start?.memory.marketedGB ?? 0
    let usable: (GiB: Double, basis: String) =
      if let usableGiB {
        (usableGiB, "given in \(file)")
      } else if let start, memoryGB == nil {
        (start.memory.usableGiB, start.memory.usableBasis)
      } else if let start {
        (
          start.memory.usableGiB * marketed / start.memory.marketedGB,
          "derived: \(start.id)'s usable share of \(file)'s memoryGB"
        )
      } else {
        (marketed * 0.99, "derived: 99 % of memoryGB read as GiB (no usableGiB in \(file))")
      }
    func peak(_ dense: Double?, _ old: GPUSpec.Peak?) -> GPUSpec.Peak? {
      guard let value = dense.map({ GPUSpec.Peak($0) }) ?? old else { return nil }
      return GPUSpec.Peak(
        value.dense * computeFraction, sparse: value.sparse.map { $0 * computeFraction })
    }
    let compute = GPUSpec.Compute(
      fp16: peak(fp16, start?.compute.fp16) ?? GPUSpec.Peak(0),
      fp8: peak(fp8, start?.compute.fp8), int8: peak(int8, start?.compute.int8),
      fp4: peak(fp4, start?.compute.fp4))
    let oldLink = start?.link
    let kind = linkKind ?? oldLink?.kind ?? .pcie
    let link = GPUSpec.Link(
      kind: kind, name: linkName ?? (linkKind == nil ? oldLink?.name : nil) ?? kind.rawValue,
      bidirectionalGBps: linkGBps ?? oldLink?.bidirectionalGBps ?? 64,
      scaleUpDomain: domain ?? oldLink?.scaleUpDomain ?? 1)
    return GPUSpec(
      id: id, name: name ?? start.map { id == $0.id ? $0.name : "\($0.name), as \(id)" } ?? id,
      vendor: vendor ?? start?.vendor ?? .nvidia,
      aliases: aliases ?? (start?.id == id ? start?.aliases ?? [] : []),
      formFactor: start?.formFactor ?? "given in \(file)",
      memory: GPUSpec.Memory(
        marketedGB: marketed, usableGiB: usable.GiB, usableBasis: usable.basis,
        type: memoryType ?? start?.memory.type ?? "given"),
      bandwidthTBps: (bandwidth ?? start?.bandwidthTBps ?? 0) * bandwidthFraction,
      compute: compute, link: link, gpusPerNode: perNode ?? start?.gpusPerNode ?? 8,
      tdpWatts: tdp ?? start?.tdpWatts, launchYear: year ?? start?.launchYear ?? 0,
      pricePerHour: price ?? start?.pricePerHour,
      sources: [start?.sources, file].compactMap { $0 }.joined(separator: " "),
      note: note ?? start?.note ?? "", architecture: family ?? start?.family)
  }

  /// One of `choices` by slug.
  static func choice<T>(_ fields: inout JSONFields, _ key: String, _ choices: [(String, T)])
    -> T?
  {
    guard let text = fields.string(key) else { return nil }
    if let match = choices.first(where: { $0.0 == text.lowercased() }) { return match.1 }
    let names = choices.map(\.0)
    fields.problem(
      key,
      "'\(text)' is not one of \(names.joined(separator: ", "))\(didYouMean(text, names.map { ($0, [$0]) }))"
    )
    return nil
  }

  static func isSlug(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
      }
  }

  /// Ids and aliases that find two GPUs.
  static func collisions(_ gpus: [GPUSpec]) -> [String] {
    var owner: [String: String] = [:]
    var problems: [String] = []
    for gpu in gpus {
      for name in [gpu.id] + gpu.aliases {
        let key = NameKey.fold(name)
        if let other = owner[key], other != gpu.id {
          problems.append("'\(name)' of \(gpu.id) also names \(other); give it another name")
        } else {
          owner[key] = gpu.id
        }
      }
    }
    return problems
  }
}
