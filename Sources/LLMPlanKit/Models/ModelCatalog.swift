/// A list of model architectures with lookup by id, alias or Hugging Face id.
public struct ModelCatalog: Sendable {
  public let models: [ModelSpec]

  public init(_ models: [ModelSpec]) { self.models = models }

  /// Every spelling that finds a model: id, aliases, the Hugging Face id and its basename.
  public static func spellings(of model: ModelSpec) -> [String] {
    let basename = model.huggingFaceID.split(separator: "/").last.map(String.init) ?? model.id
    return [model.id] + model.aliases + [model.huggingFaceID, basename]
  }

  /// Finds a model, ignoring case and punctuation (`Llama3-70B`, `meta-llama/Meta-Llama-3-70B`).
  public func model(named name: String) -> ModelSpec? {
    let key = NameKey.normalize(name)
    return models.first { model in
      ModelCatalog.spellings(of: model).contains { NameKey.normalize($0) == key }
    }
  }

  /// Suffixes Hugging Face repos add to a model's name, with the checkpoint format each
  /// implies: `-Instruct`, `-Chat`, `-hf`, `-it`, `-FP8`, `-AWQ`, `-GPTQ-Int4`.
  public static let suffixes: [(suffix: String, precision: Precision?)] = [
    ("instruct", nil), ("chat", nil), ("hf", nil), ("it", nil), ("base", nil), ("dynamic", nil),
    ("fp8", .fp8), ("awq", Precision.named("awq")), ("gptq", Precision.named("gptq")),
    ("int4", Precision.named("gptq")), ("w4a16", Precision.named("gptq")), ("int8", .int8),
    ("w8a8", .int8), ("bnb", Precision.named("nf4")), ("4bit", Precision.named("nf4")),
  ]

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
    var precision: Precision?
    for (index, token) in tokens.enumerated() {
      guard index > 0, let tag = Self.suffixes.first(where: { $0.suffix == token.lowercased() })
      else {
        kept.append(token)
        continue
      }
      stripped.append(token)
      if precision == nil { precision = tag.precision }
    }
    for candidate in [name, kept.joined(separator: "-")] where candidate != typed {
      guard let model = model(named: candidate) else { continue }
      return (model.named(typed, checkpoint: precision), stripped)
    }
    return nil
  }

  /// The closest id to a name that matched nothing.
  public func suggestion(for name: String) -> String? {
    NameKey.suggestion(for: name, among: models.map { ($0.id, ModelCatalog.spellings(of: $0)) })
  }
}
