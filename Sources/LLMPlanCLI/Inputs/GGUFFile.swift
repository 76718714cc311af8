import LLMPlanKit

/// A GGUF file's header: metadata key–value pairs and tensor infos (ggml `docs/gguf.md`,
/// versions 2 and 3). Little-endian; reads stop where the tensor data begins.
///
/// Every count and length is checked against the bytes left before it is used, so a corrupt
/// header (a count of 2⁶², a string longer than the file) is an error naming the byte offset,
/// never a large allocation or a long loop.
struct GGUFFile {
  enum Value {
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case string(String)
    /// Arrays of up to ``keptArray`` elements; longer ones (a tokenizer's vocabulary) keep
    /// their count only.
    case array([Value], count: Int)

    var integer: Int? {
      switch self {
      case .integer(let value): value
      case .number(let value) where value.rounded() == value && abs(value) < 9e15: Int(value)
      default: nil
      }
    }
    var string: String? {
      if case .string(let value) = self { return value }
      return nil
    }
    var bool: Bool? {
      if case .bool(let value) = self { return value }
      return nil
    }

    /// The value as an error message quotes it.
    var text: String {
      switch self {
      case .integer(let value): String(value)
      case .number(let value): String(value)
      case .bool(let value): String(value)
      case .string(let value): "\"\(value.prefix(40))\""
      case .array(_, let count): "an array of \(count)"
      }
    }
  }

  struct Tensor {
    let name: String
    /// `ne`: the first is the row length.
    let dims: [Int]
    let type: GGMLType
    let offset: Int
    let elements: Int
    let bytes: Int
  }

  static let keptArray = 4096
  static let magic: [UInt8] = Array("GGUF".utf8)

  let path: String
  let version: Int
  let metadata: [String: Value]
  let tensors: [Tensor]

  static func hasMagic(_ path: String) throws(InputError) -> Bool {
    try InputFile.bytes(path, offset: 0, count: 4) == magic
  }

  /// `model-00001-of-00003.gguf`: one shard of a split model.
  static func isShard(_ name: String) -> Bool {
    let parts = name.lowercased().split(separator: "-")
    return parts.count >= 3 && parts[parts.count - 2] == "of"
  }

  static func read(_ path: String) throws(InputError) -> GGUFFile {
    var reader = try FileReader(path)
    guard try reader.bytes(4) == magic else {
      throw InputError(path, offset: 0, "not a GGUF file (no 'GGUF' magic)")
    }
    let version = Int(try reader.u32())
    guard version == 2 || version == 3 else {
      throw InputError(
        path, offset: 4, "GGUF version \(version) is not supported (versions 2 and 3 are)")
    }
    let tensorCount = try reader.count(minimumBytesEach: 8 + 4 + 8 + 4 + 8, what: "tensor count")
    let pairCount = try reader.count(minimumBytesEach: 8 + 4 + 1, what: "metadata count")
    var metadata: [String: Value] = [:]
    for _ in 0..<pairCount {
      let key = try reader.string()
      let type = try reader.u32()
      metadata[key] = try reader.value(type, depth: 0)
    }
    let alignment = metadata["general.alignment"]?.integer ?? 32
    guard alignment > 0, alignment <= 1 << 20, alignment & (alignment - 1) == 0 else {
      throw InputError(path, "general.alignment \(alignment) is not a power of two")
    }
    var infos: [(name: String, dims: [Int], type: GGMLType, offset: Int, at: Int)] = []
    infos.reserveCapacity(tensorCount)
    for _ in 0..<tensorCount {
      let at = reader.position
      let name = try reader.string()
      let dimensions = Int(try reader.u32())
      guard (1...4).contains(dimensions) else {
        throw InputError(
          path, offset: at, "tensor '\(name)': \(dimensions) dimensions (ggml allows 1 to 4)")
      }
      var dims: [Int] = []
      for _ in 0..<dimensions {
        let value = try reader.u64()
        guard value <= 1 << 40 else {
          throw InputError(
            path, offset: at, "tensor '\(name)': dimension \(value) is not plausible")
        }
        dims.append(Int(value))
      }
      let typeID = Int(try reader.u32())
      guard let type = GGMLType.withID(typeID) else {
        throw InputError(path, offset: at, "tensor '\(name)': unknown ggml type \(typeID)")
      }
      let offset = try reader.u64()
      guard offset <= UInt64(Int.max / 2) else {
        throw InputError(path, offset: at, "tensor '\(name)': offset \(offset) is not plausible")
      }
      infos.append((name, dims, type, Int(offset), at))
    }
    let dataStart = (reader.position + alignment - 1) / alignment * alignment
    let dataSize = reader.size - dataStart
    var tensors: [Tensor] = []
    tensors.reserveCapacity(infos.count)
    for info in infos {
      var elements = 1
      for dim in info.dims {
        let (product, overflow) = elements.multipliedReportingOverflow(by: dim)
        guard !overflow else {
          throw InputError(path, offset: info.at, "tensor '\(info.name)': shape overflows")
        }
        elements = product
      }
      guard let bytes = info.type.bytes(elements: elements, rowLength: info.dims[0]) else {
        throw InputError(
          path, offset: info.at,
          "tensor '\(info.name)': a row of \(info.dims[0]) is not a whole number of \(info.type.name) blocks (\(info.type.blockSize))"
        )
      }
      guard info.offset <= dataSize, bytes <= dataSize - info.offset else {
        throw InputError(
          path, offset: info.at,
          "tensor '\(info.name)' (\(bytes) bytes at data offset \(info.offset)) runs past the end of the \(reader.size)-byte file: truncated"
        )
      }
      tensors.append(
        Tensor(
          name: info.name, dims: info.dims, type: info.type, offset: info.offset,
          elements: elements, bytes: bytes))
    }
    return GGUFFile(path: path, version: version, metadata: metadata, tensors: tensors)
  }
}

/// Sequential little-endian reads through a file in 1 MiB windows.
private struct FileReader {
  let path: String
  let size: Int
  private(set) var position = 0
  private var window: [UInt8] = []
  private var windowStart = 0

  init(_ path: String) throws(InputError) {
    self.path = path
    size = try InputFile.size(path)
  }

  private mutating func fill(_ count: Int) throws(InputError) {
    guard count <= size - position else {
      throw InputError(
        path, offset: position,
        "needs \(count) more bytes, the \(size)-byte file has \(size - position): truncated")
    }
    let end = windowStart + window.count
    if position >= windowStart && position + count <= end { return }
    window = try InputFile.bytes(path, offset: position, count: max(count, 1 << 20))
    windowStart = position
  }

  mutating func bytes(_ count: Int) throws(InputError) -> [UInt8] {
    try fill(count)
    let start = position - windowStart
    position += count
    return Array(window[start..<start + count])
  }

  mutating func skip(_ count: Int) throws(InputError) {
    if count > size - position { try fill(count) }
    position += count
  }

  private mutating func little(_ count: Int) throws(InputError) -> UInt64 {
    try fill(count)
    let start = position - windowStart
    var value: UInt64 = 0
    for index in (0..<count).reversed() { value = value << 8 | UInt64(window[start + index]) }
    position += count
    return value
  }

  mutating func u32() throws(InputError) -> UInt32 { UInt32(try little(4)) }
  mutating func u64() throws(InputError) -> UInt64 { try little(8) }

  /// A count whose items take at least `minimumBytesEach`: refused when they cannot fit.
  mutating func count(minimumBytesEach: Int, what: String) throws(InputError) -> Int {
    let at = position
    let value = try u64()
    guard value <= UInt64(max(size - position, 0) / minimumBytesEach) else {
      throw InputError(
        path, offset: at,
        "\(what) \(value) cannot fit in the \(size - position) bytes left: corrupt or truncated")
    }
    return Int(value)
  }

  mutating func string() throws(InputError) -> String {
    let length = try count(minimumBytesEach: 1, what: "string length")
    return String(decoding: try bytes(length), as: UTF8.self)
  }

  mutating func value(_ type: UInt32, depth: Int) throws(InputError) -> GGUFFile.Value {
    let at = position
    switch type {
    case 0: return .integer(Int(try little(1)))
    case 1: return .integer(Int(Int8(truncatingIfNeeded: try little(1))))
    case 2: return .integer(Int(try little(2)))
    case 3: return .integer(Int(Int16(truncatingIfNeeded: try little(2))))
    case 4: return .integer(Int(try little(4)))
    case 5: return .integer(Int(Int32(truncatingIfNeeded: try little(4))))
    case 6: return .number(Double(Float(bitPattern: UInt32(try little(4)))))
    case 7: return .bool(try little(1) != 0)
    case 8: return .string(try string())
    case 9:
      guard depth < 4 else { throw InputError(path, offset: at, "arrays nested too deep") }
      let elementType = try u32()
      let width: Int =
        switch elementType {
        case 0, 1, 7: 1
        case 2, 3: 2
        case 4, 5, 6: 4
        case 8, 10, 11, 12: 8
        default: 4
        }
      let count = try self.count(minimumBytesEach: width, what: "array length")
      var kept: [GGUFFile.Value] = []
      for _ in 0..<min(count, GGUFFile.keptArray) {
        kept.append(try value(elementType, depth: depth + 1))
      }
      let rest = count - kept.count
      if rest > 0 {
        // A tokenizer's vocabulary and merges: stepped over, not decoded.
        switch elementType {
        case 8:
          for _ in 0..<rest { try skip(try self.count(minimumBytesEach: 1, what: "string length")) }
        case 9:
          for _ in 0..<rest { _ = try value(elementType, depth: depth + 1) }
        default:
          try skip(rest * width)
        }
      }
      return .array(kept, count: count)
    case 10: return .integer(Int(truncatingIfNeeded: try u64()))
    case 11: return .integer(Int(Int64(bitPattern: try u64())))
    case 12: return .number(Double(bitPattern: try u64()))
    default:
      throw InputError(path, offset: at, "unknown metadata value type \(type)")
    }
  }
}
