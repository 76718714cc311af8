import Foundation

/// Small model files written byte by byte, for tests of the readers: safetensors shards and
/// GGUF files whose counts and bytes are known by construction.
public enum SyntheticFiles {
  /// A safetensors file: the 8-byte little-endian header length, the JSON header, then zeros
  /// for the data. Tensors are `(name, dtype, shape, bytes)`.
  public static func safetensors(_ tensors: [(String, String, [Int], Int)]) -> [UInt8] {
    var offset = 0
    var entries: [String] = []
    for (name, dtype, shape, bytes) in tensors {
      let dims = shape.map(String.init).joined(separator: ",")
      entries.append(
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":[\(dims)],\"data_offsets\":[\(offset),\(offset + bytes)]}"
      )
      offset += bytes
    }
    let header = Array(
      ("{\"__metadata__\":{\"format\":\"pt\"}," + entries.joined(separator: ",") + "}").utf8)
    return littleEndian(UInt64(header.count), 8) + header + [UInt8](repeating: 0, count: offset)
  }

  /// A GGUF metadata value.
  public enum Value {
    case u32(UInt32)
    case string(String)
    case strings([String])
  }

  /// A GGUF v3 file: metadata, tensor infos `(name, dims, ggml type id, bytes)`, the data
  /// aligned to 32 bytes (zeros).
  public static func gguf(
    _ metadata: [(String, Value)], tensors: [(String, [Int], UInt32, Int)], version: UInt32 = 3
  ) -> [UInt8] {
    var out = Array("GGUF".utf8) + littleEndian(UInt64(version), 4)
    out += littleEndian(UInt64(tensors.count), 8) + littleEndian(UInt64(metadata.count), 8)
    for (key, value) in metadata {
      out += string(key)
      switch value {
      case .u32(let number): out += littleEndian(4, 4) + littleEndian(UInt64(number), 4)
      case .string(let text): out += littleEndian(8, 4) + string(text)
      case .strings(let items):
        out += littleEndian(9, 4) + littleEndian(8, 4) + littleEndian(UInt64(items.count), 8)
        for item in items { out += string(item) }
      }
    }
    var offset = 0
    for (name, dims, type, bytes) in tensors {
      out += string(name) + littleEndian(UInt64(dims.count), 4)
      for dim in dims { out += littleEndian(UInt64(dim), 8) }
      out += littleEndian(UInt64(type), 4) + littleEndian(UInt64(offset), 8)
      offset += (bytes + 31) / 32 * 32
    }
    while out.count % 32 != 0 { out.append(0) }
    return out + [UInt8](repeating: 0, count: offset)
  }

  static func string(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    return littleEndian(UInt64(bytes.count), 8) + bytes
  }

  public static func littleEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
  }

  /// A new directory under the temporary directory holding `files`; its path.
  public static func directory(_ files: [(String, [UInt8])]) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("llmplan-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, bytes) in files {
      try Data(bytes).write(to: directory.appendingPathComponent(name))
    }
    return directory.path
  }
}
