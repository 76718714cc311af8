/// A catalog whose entries are found by any of their spellings, ignoring case and punctuation,
/// with a did-you-mean for names that match nothing.
public protocol NamedCatalog: Sendable {
  associatedtype Entry: Sendable
  /// Every entry, in listing order.
  var entries: [Entry] { get }
  /// The entry `name` stands for.
  func entry(named name: String) -> Entry?
  /// The closest id to a name that matched nothing.
  func suggestion(for name: String) -> String?
  /// The id users type for `entry`.
  static func id(of entry: Entry) -> String
}

extension GPUCatalog: NamedCatalog {
  public var entries: [GPUSpec] { gpus }
  public func entry(named name: String) -> GPUSpec? { gpu(named: name) }
  public static func id(of entry: GPUSpec) -> String { entry.id }
}

extension ModelCatalog: NamedCatalog {
  public var entries: [ModelSpec] { models }
  public func entry(named name: String) -> ModelSpec? { model(named: name) }
  public static func id(of entry: ModelSpec) -> String { entry.id }
}
