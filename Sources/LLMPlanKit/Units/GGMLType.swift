/// A ggml tensor type: how many weights a block holds and how many bytes it takes.
///
/// Block layouts from ggml's type traits (`ggml/src/ggml.c`, `type_traits`, llama.cpp commit
/// 007dbbf): a Q4_K block is 256 weights in 144 bytes (4.5 bits each), MXFP4 32 in 17.
public struct GGMLType: Sendable, Hashable, CustomStringConvertible {
  /// The id GGUF tensor infos store.
  public let id: Int
  /// The name llama.cpp prints: `Q4_K`, `F16`.
  public let name: String
  public let blockSize: Int
  public let blockBytes: Int

  public init(id: Int, name: String, blockSize: Int, blockBytes: Int) {
    self.id = id
    self.name = name
    self.blockSize = blockSize
    self.blockBytes = blockBytes
  }

  public var bitsPerWeight: Double { Double(blockBytes * 8) / Double(blockSize) }
  /// Whether it is a block-quantized format (not a plain float or integer type).
  public var isQuantized: Bool { blockSize > 1 }
  public var description: String { name }

  /// Bytes of a tensor of `elements` weights whose rows are `rowLength` long, or `nil` when a
  /// row is not a whole number of blocks (ggml rejects such a tensor).
  public func bytes(elements: Int, rowLength: Int) -> Int? {
    guard rowLength > 0, rowLength % blockSize == 0, elements % rowLength == 0 else { return nil }
    let (blocks, overflow) = (elements / blockSize).multipliedReportingOverflow(by: blockBytes)
    return overflow ? nil : blocks
  }

  public static let f32 = GGMLType(id: 0, name: "F32", blockSize: 1, blockBytes: 4)
  public static let f16 = GGMLType(id: 1, name: "F16", blockSize: 1, blockBytes: 2)
  public static let q40 = GGMLType(id: 2, name: "Q4_0", blockSize: 32, blockBytes: 18)
  public static let q41 = GGMLType(id: 3, name: "Q4_1", blockSize: 32, blockBytes: 20)
  public static let q50 = GGMLType(id: 6, name: "Q5_0", blockSize: 32, blockBytes: 22)
  public static let q51 = GGMLType(id: 7, name: "Q5_1", blockSize: 32, blockBytes: 24)
  public static let q80 = GGMLType(id: 8, name: "Q8_0", blockSize: 32, blockBytes: 34)
  public static let q2K = GGMLType(id: 10, name: "Q2_K", blockSize: 256, blockBytes: 84)
  public static let q3K = GGMLType(id: 11, name: "Q3_K", blockSize: 256, blockBytes: 110)
  public static let q4K = GGMLType(id: 12, name: "Q4_K", blockSize: 256, blockBytes: 144)
  public static let q5K = GGMLType(id: 13, name: "Q5_K", blockSize: 256, blockBytes: 176)
  public static let q6K = GGMLType(id: 14, name: "Q6_K", blockSize: 256, blockBytes: 210)
  public static let iq4NL = GGMLType(id: 20, name: "IQ4_NL", blockSize: 32, blockBytes: 18)
  public static let iq4XS = GGMLType(id: 23, name: "IQ4_XS", blockSize: 256, blockBytes: 136)
  public static let bf16 = GGMLType(id: 30, name: "BF16", blockSize: 1, blockBytes: 2)
  public static let mxfp4 = GGMLType(id: 39, name: "MXFP4", blockSize: 32, blockBytes: 17)

  /// Every type a GGUF file may hold, by id.
  public static let all: [GGMLType] = [
    .f32, .f16, .q40, .q41, .q50, .q51, .q80,
    GGMLType(id: 9, name: "Q8_1", blockSize: 32, blockBytes: 36),
    .q2K, .q3K, .q4K, .q5K, .q6K,
    GGMLType(id: 15, name: "Q8_K", blockSize: 256, blockBytes: 292),
    GGMLType(id: 16, name: "IQ2_XXS", blockSize: 256, blockBytes: 66),
    GGMLType(id: 17, name: "IQ2_XS", blockSize: 256, blockBytes: 74),
    GGMLType(id: 18, name: "IQ3_XXS", blockSize: 256, blockBytes: 98),
    GGMLType(id: 19, name: "IQ1_S", blockSize: 256, blockBytes: 50),
    .iq4NL,
    GGMLType(id: 21, name: "IQ3_S", blockSize: 256, blockBytes: 110),
    GGMLType(id: 22, name: "IQ2_S", blockSize: 256, blockBytes: 82),
    .iq4XS,
    GGMLType(id: 24, name: "I8", blockSize: 1, blockBytes: 1),
    GGMLType(id: 25, name: "I16", blockSize: 1, blockBytes: 2),
    GGMLType(id: 26, name: "I32", blockSize: 1, blockBytes: 4),
    GGMLType(id: 27, name: "I64", blockSize: 1, blockBytes: 8),
    GGMLType(id: 28, name: "F64", blockSize: 1, blockBytes: 8),
    GGMLType(id: 29, name: "IQ1_M", blockSize: 256, blockBytes: 56),
    .bf16,
    GGMLType(id: 34, name: "TQ1_0", blockSize: 256, blockBytes: 54),
    GGMLType(id: 35, name: "TQ2_0", blockSize: 256, blockBytes: 66),
    .mxfp4,
  ]

  public static func withID(_ id: Int) -> GGMLType? { all.first { $0.id == id } }
}
