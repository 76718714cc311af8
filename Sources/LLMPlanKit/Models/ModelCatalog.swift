/// A list of model architectures with lookup by id, alias or Hugging Face id.
public struct ModelCatalog: Sendable {
  public let models: [ModelSpec]

  public init(_ models: [ModelSpec]) { self.models = models }

  /// Every spelling that finds a model: id, aliases, the Hugging Face id and its basename.
  public static func spellings(of model: ModelSpec) -> [String] {
    let basename = model.huggingFaceID.split(separator: "/").last.map(String.init) ?? model.id
    return [model.id] + model.aliases + [model.huggingFaceID, basename]
  }

  /// Finds a model by a spelling (``NameKey/fold(_:)``: case-insensitive, `-` and `_` alike:
  /// `Llama3-70B`, `meta-llama/Meta-Llama-3-70B`).
  public func model(named name: String) -> ModelSpec? {
    if let exact = models.first(where: { $0.id == name }) { return exact }
    let key = NameKey.fold(name)
    return models.first { model in
      ModelCatalog.spellings(of: model).contains { NameKey.fold($0) == key }
    }
  }

  /// Tags Hugging Face repos add to a model's name (`-Instruct`, `-FP8`, `-GPTQ-Int8`): the
  /// quantization method or bit width each names, if any.
  public static let tags: [String: RepoTag] = [
    "instruct": .plain, "chat": .plain, "hf": .plain, "it": .plain, "base": .plain,
    "dynamic": .plain, "fp8": .fp8, "awq": .method("awq"), "gptq": .method("gptq"),
    "bnb": .bitsandbytes, "int4": .bits(4), "w4a16": .bits(4), "4bit": .bits(4),
    "int8": .bits(8), "w8a8": .bits(8), "8bit": .bits(8),
  ]

  public enum RepoTag: Sendable, Hashable {
    case plain, fp8, bitsandbytes
    case method(String)
    case bits(Int)
  }

  /// The checkpoint format a repo's tags say together: `-GPTQ-Int8` is 8-bit GPTQ, `-Int4`
  /// alone 4-bit GPTQ-style, `-bnb-4bit` NF4; `nil` without a quantization tag.
  static func format(of tags: [RepoTag]) -> Precision? {
    var method: String?
    var bits: Int?
    var bitsandbytes = false
    for tag in tags {
      switch tag {
      case .fp8: return .fp8
      case .method(let name): method = method ?? name
      case .bits(let count): bits = bits ?? count
      case .bitsandbytes: bitsandbytes = true
      case .plain: break
      }
    }
    if bitsandbytes { return bits == 8 ? .int8 : Precision.named("nf4") }
    if let method { return Precision.grouped(method, bits: bits ?? 4, group: 128) }
    if let bits { return bits == 8 ? .int8 : Precision.grouped("gptq", bits: 4, group: 128) }
    return nil
  }

  /// A model named by a Hugging Face id the catalog does not list itself: the organisation
  /// dropped and the repo's tags removed wherever they sit (`meta-llama/Llama-3.1-8B-Instruct-FP8`
  /// and `mistralai/Mistral-7B-Instruct-v0.1` are built-in architectures; `-FP8` says the
  /// weights are fp8). Returns the model under the typed name with the format the tags say,
  /// and the tags removed.
  public func resolve(_ typed: String) -> (model: ModelSpec, stripped: [String])? {
    let name = typed.split(separator: "/").last.map(String.init) ?? typed
    let tokens = name.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
    var kept: [String] = []
    var stripped: [String] = []
    var found: [RepoTag] = []
    for (index, token) in tokens.enumerated() {
      guard index > 0, let tag = Self.tags[token.lowercased()] else {
        kept.append(token)
        continue
      }
      stripped.append(token)
      found.append(tag)
    }
    let precision = Self.format(of: found)
    for candidate in [name, kept.joined(separator: "-")] where candidate != typed {
      guard let model = model(named: candidate) else { continue }
      return (model.named(typed, checkpoint: precision), stripped)
    }
    return nil
  }

  /// The closest id to a name that matched nothing.
  /// A name with a size (`Llama-3.2-11B-Vision`) is only offered models of that size.
  public func suggestion(for name: String) -> String? {
    let size = NameKey.billions(in: name)
    let candidates = models.filter { model in
      guard let size else { return true }
      let own = NameKey.billions(in: model.name) ?? model.nominalBillions
      return abs(own - size) <= 0.05 * max(own, size)
    }
    return NameKey.suggestion(
      for: name, among: candidates.map { ($0.id, ModelCatalog.spellings(of: $0)) })
  }
}
