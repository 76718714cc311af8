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

  /// The closest id to a name that matched nothing.
  public func suggestion(for name: String) -> String? {
    NameKey.suggestion(for: name, among: models.map { ($0.id, ModelCatalog.spellings(of: $0)) })
  }
}
