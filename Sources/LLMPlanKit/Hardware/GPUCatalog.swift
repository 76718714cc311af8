/// A list of accelerators with lookup by id or alias and a did-you-mean.
public struct GPUCatalog: Sendable {
  public let gpus: [GPUSpec]

  public init(_ gpus: [GPUSpec]) { self.gpus = gpus }

  /// Finds a GPU by id, alias or product name, ignoring case and punctuation.
  public func gpu(named name: String) -> GPUSpec? {
    let key = NameKey.normalize(name)
    return gpus.first { gpu in
      ([gpu.id] + gpu.aliases).contains { NameKey.normalize($0) == key }
    }
  }

  /// The closest id to a name that matched nothing.
  public func suggestion(for name: String) -> String? {
    NameKey.suggestion(for: name, among: gpus.map { ($0.id, [$0.id] + $0.aliases) })
  }
}
