/// A list of accelerators with lookup by id or alias and a did-you-mean.
public struct GPUCatalog: Sendable {
  public let gpus: [GPUSpec]

  public init(_ gpus: [GPUSpec]) { self.gpus = gpus }

  /// Vendor and brand words that device names add (`nvidia-smi`: "NVIDIA GeForce RTX 4090",
  /// "Tesla T4"; `rocm-smi`: "AMD Instinct MI300X").
  static let brandWords = ["nvidia", "amd", "intel", "google", "tesla", "geforce", "instinct"]

  /// Finds a GPU by id, alias or product name (``NameKey/fold(_:)``: case-insensitive, `-`
  /// and `_` alike), after the brand words device names lead with (`NVIDIA GeForce RTX 4090`
  /// is `RTX 4090`).
  public func gpu(named name: String) -> GPUSpec? {
    if let exact = gpus.first(where: { $0.id == name }) { return exact }
    var key = NameKey.fold(name)
    while true {
      if let found = gpus.first(where: { Self.spellings(of: $0).contains(key) }) { return found }
      guard
        let brand = Self.brandWords.first(where: {
          key.hasPrefix($0 + " ") && key.count > $0.count + 1
        })
      else { return nil }
      key.removeFirst(brand.count + 1)
    }
  }

  /// Every folded spelling of a GPU: id, aliases, product name (with and without its brand
  /// words).
  static func spellings(of gpu: GPUSpec) -> [String] {
    ([gpu.id, gpu.name] + gpu.aliases).map(NameKey.fold)
  }

  /// The closest id to a name that matched nothing.
  public func suggestion(for name: String) -> String? {
    NameKey.suggestion(for: name, among: gpus.map { ($0.id, [$0.id] + $0.aliases) })
  }
}
