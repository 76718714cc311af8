/// A quantity of memory in bytes.
///
/// Stored as `Double` so fractional bits per weight (4.25 for MXFP4) add up exactly enough;
/// rounded to an integer only when shown or written to JSON. Two decimal units are kept apart:
/// GB = 10⁹ bytes (how vendors and model cards count), GiB = 2³⁰ bytes (what CUDA reports).
public struct Bytes: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
  public var value: Double

  public init(_ value: Double) { self.value = value }

  public static let zero = Bytes(0)
  public static let bytesPerGB = 1e9
  public static let bytesPerGiB = 1_073_741_824.0
  public static let bytesPerMiB = 1_048_576.0

  public static func gb(_ gigabytes: Double) -> Bytes { Bytes(gigabytes * bytesPerGB) }
  public static func gib(_ gibibytes: Double) -> Bytes { Bytes(gibibytes * bytesPerGiB) }
  public static func mib(_ mebibytes: Double) -> Bytes { Bytes(mebibytes * bytesPerMiB) }

  /// Decimal gigabytes (10⁹ bytes).
  public var gigabytes: Double { value / Bytes.bytesPerGB }
  /// Binary gibibytes (2³⁰ bytes).
  public var gibibytes: Double { value / Bytes.bytesPerGiB }
  /// Whole bytes, rounded half away from zero; what JSON carries.
  public var rounded: Int64 { Int64(value.rounded(.toNearestOrAwayFromZero)) }

  public var description: String { "\(rounded) B" }

  public static func + (lhs: Bytes, rhs: Bytes) -> Bytes { Bytes(lhs.value + rhs.value) }
  public static func - (lhs: Bytes, rhs: Bytes) -> Bytes { Bytes(lhs.value - rhs.value) }
  public static func * (lhs: Bytes, rhs: Double) -> Bytes { Bytes(lhs.value * rhs) }
  public static func * (lhs: Double, rhs: Bytes) -> Bytes { Bytes(lhs * rhs.value) }
  public static func / (lhs: Bytes, rhs: Double) -> Bytes { Bytes(lhs.value / rhs) }
  public static func / (lhs: Bytes, rhs: Bytes) -> Double { lhs.value / rhs.value }
  public static func < (lhs: Bytes, rhs: Bytes) -> Bool { lhs.value < rhs.value }
}

extension Sequence where Element == Bytes {
  /// The sum of the elements.
  public func sum() -> Bytes { reduce(.zero, +) }
}
