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
  /// dropped and the repo suffixes stripped (`meta-llama/Llama-3.1-8B-Instruct-FP8` is
  /// Llama-3.1-8B's architecture with fp8 weights). Returns the model with the typed name and
  /// the format the suffixes say, and what was stripped.
  public func resolve(_ typed: String) -> (model: ModelSpec, stripped: [String])? {
    var name = typed.split(separator: "/").last.map(String.init) ?? typed
    var stripped: [String] = []
    var precision: Precision?
    while true {
      if let model = model(named: name), name != typed {
        let format = precision.map { ", \($0.id) weights" } ?? ""
        let note =
          "\(typed) read as the built-in \(model.id) (\(model.huggingFaceID))\(format)"
        return (model.named(typed, checkpoint: precision, note: note), stripped)
      }
      let lower = name.lowercased()
      guard
        let (suffix, implied) = Self.suffixes.first(where: { entry in
          ["-", "_", "."].contains { lower.hasSuffix($0 + entry.suffix) }
        })
      else { return nil }
      name.removeLast(suffix.count + 1)
      stripped.append(suffix)
      if let implied, precision == nil { precision = implied }
    }
  }

  /// The closest id to a name that matched nothing.
  public func suggestion(for name: String) -> String? {
    NameKey.suggestion(for: name, among: models.map { ($0.id, ModelCatalog.spellings(of: $0)) })
  }
}
