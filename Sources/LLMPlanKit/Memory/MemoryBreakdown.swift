/// One GPU's memory, term by term, with the rule that produced each term.
public struct MemoryBreakdown: Sendable, Hashable {
  public struct Term: Sendable, Hashable {
    public let bytes: Bytes
    /// How the number was obtained, shown next to it.
    public let rule: MemoryRule
    public init(_ bytes: Bytes, _ rule: MemoryRule) {
      self.bytes = bytes
      self.rule = rule
    }
  }

  public let weights: Term
  public let kvCache: Term
  public let activation: Term
  public let overhead: Term
  /// What the GPU may hold under the method's rules.
  public let capacity: Term

  public init(weights: Term, kvCache: Term, activation: Term, overhead: Term, capacity: Term) {
    self.weights = weights
    self.kvCache = kvCache
    self.activation = activation
    self.overhead = overhead
    self.capacity = capacity
  }

  public var total: Bytes { weights.bytes + kvCache.bytes + activation.bytes + overhead.bytes }
  /// Capacity left; negative when it does not fit.
  public var headroom: Bytes { capacity.bytes - total }
  public var fits: Bool { total <= capacity.bytes }
}
