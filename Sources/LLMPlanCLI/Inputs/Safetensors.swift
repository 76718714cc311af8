import LLMPlanKit

/// One safetensors file's header: an unsigned little-endian 64-bit length N, then N bytes of
/// JSON naming each tensor's dtype, shape and byte range (huggingface/safetensors, README
/// "Format"). Only those 8 + N bytes are read.
struct SafetensorsHeader {
  struct Tensor {
    let name: String
    let dtype: String
    let shape: [Int]
    /// Elements: the product of the shape.
    let elements: Int
    /// Bytes from `data_offsets`.
    let bytes: Int
  }

  let path: String
  let tensors: [Tensor]

  /// The format caps a header at 100 MB (`safetensors` rejects larger ones).
  static let headerLimit = 100_000_000

  /// Bytes per element of each dtype; sub-byte formats (`F4`, `F6_*`) pack and are not checked.
  static let elementBytes: [String: Int] = [
    "F64": 8, "I64": 8, "U64": 8, "F32": 4, "I32": 4, "U32": 4, "F16": 2, "BF16": 2, "I16": 2,
    "U16": 2, "F8_E4M3": 1, "F8_E5M2": 1, "F8_E8M0": 1, "I8": 1, "U8": 1, "BOOL": 1,
  ]
  static let packedDtypes: Set<String> = ["F4", "F6_E2M3", "F6_E3M2", "E8M0"]

  static func read(_ path: String) throws(InputError) -> SafetensorsHeader {
    let size = try InputFile.size(path)
    let prefix = try InputFile.bytes(path, offset: 0, count: 8)
    guard prefix.count == 8 else {
      throw InputError(
        path, offset: prefix.count,
        "file ends after \(prefix.count) bytes, before the 8-byte header length: truncated or not a safetensors file"
      )
    }
    let length = prefix.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    guard length <= UInt64(headerLimit) else {
      throw InputError(
        path, offset: 0,
        "header length \(length) is over the format's 100 MB limit: not a safetensors file")
    }
    guard Int(length) <= size - 8 else {
      throw InputError(
        path, offset: 0,
        "header length \(length) runs past the end of the \(size)-byte file: truncated")
    }
    let bytes = try InputFile.bytes(path, offset: 8, count: Int(length))
    let dataSize = size - 8 - Int(length)
    var scanner = JSONScanner(bytes)
    var tensors: [Tensor] = []
    var problem: InputError?
    do throws(JSONScanner.Failure) {
      try scanner.members { (scanner, name) throws(JSONScanner.Failure) in
        guard name != "__metadata__", problem == nil else {
          try scanner.skipValue()
          return
        }
        var dtype: String?
        var shape: [Int]?
        var offsets: [Int] = []
        try scanner.members { (scanner, key) throws(JSONScanner.Failure) in
          switch key {
          case "dtype": dtype = try scanner.string()
          case "shape":
            var dims: [Int] = []
            try scanner.elements { (scanner) throws(JSONScanner.Failure) in
              dims.append(try scanner.count())
            }
            shape = dims
          case "data_offsets":
            try scanner.elements { (scanner) throws(JSONScanner.Failure) in
              offsets.append(try scanner.count())
            }
          default: try scanner.skipValue()
          }
        }
        do throws(InputError) {
          tensors.append(
            try tensor(
              name, dtype: dtype, shape: shape, offsets: offsets, path: path, dataSize: dataSize))
        } catch {
          problem = error
        }
      }
      try scanner.end()
    } catch {
      throw InputError(path, offset: 8 + error.offset, "header JSON: \(error.reason)")
    }
    if let problem { throw problem }
    return SafetensorsHeader(path: path, tensors: tensors)
  }

  private static func tensor(
    _ name: String, dtype: String?, shape dims: [Int]?, offsets: [Int], path: String,
    dataSize: Int
  ) throws(InputError) -> Tensor {
    func bad(_ problem: String) -> InputError {
      InputError(path, offset: 8, "header: tensor '\(name)': \(problem)")
    }
    guard let dtype else { throw bad("no dtype") }
    guard elementBytes[dtype] != nil || packedDtypes.contains(dtype) else {
      throw bad("unknown dtype '\(dtype)'")
    }
    guard let dims else { throw bad("no shape") }
    var elements = 1
    for value in dims {
      let (product, overflow) = elements.multipliedReportingOverflow(by: value)
      guard !overflow else { throw bad("shape \(dims) overflows") }
      elements = product
    }
    guard offsets.count == 2, offsets[1] >= offsets[0] else {
      throw bad("data_offsets is not [begin, end]")
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard end <= dataSize else {
      throw bad("data ends at byte \(end) of the data, past the file's \(dataSize): truncated")
    }
    if let width = elementBytes[dtype],
      elements.multipliedReportingOverflow(by: width).partialValue != end - begin
    {
      throw bad("\(end - begin) bytes for \(elements) \(dtype) elements")
    }
    return Tensor(name: name, dtype: dtype, shape: dims, elements: elements, bytes: end - begin)
  }
}

enum Safetensors {
  /// The shard files of a checkpoint directory: those `model.safetensors.index.json`'s
  /// `weight_map` names, else every `*.safetensors` (the `model*` ones when a directory also
  /// holds another format's `consolidated.safetensors`).
  static func shards(in directory: String, names: [String]) throws(InputError) -> [String] {
    let index = names.first { $0.hasSuffix(".safetensors.index.json") }
    if let index {
      let path = InputFile.join(directory, index)
      let bytes = try InputFile.contents(path, limit: 64 << 20)
      var files: [String] = []
      var seen: Set<String> = []
      var scanner = JSONScanner(bytes)
      var mapped = false
      do throws(JSONScanner.Failure) {
        try scanner.members { (scanner, key) throws(JSONScanner.Failure) in
          guard key == "weight_map" else {
            try scanner.skipValue()
            return
          }
          mapped = true
          try scanner.members { (scanner, _) throws(JSONScanner.Failure) in
            let file = try scanner.string()
            if seen.insert(file).inserted { files.append(file) }
          }
        }
        try scanner.end()
      } catch {
        throw InputError(path, offset: error.offset, error.reason)
      }
      guard mapped else { throw InputError(path, "no weight_map: not a safetensors index") }
      for file in files where !names.contains(file) {
        throw InputError(path, "weight_map names \(file), which is not in \(directory)")
      }
      return files.sorted().map { InputFile.join(directory, $0) }
    }
    let all = names.filter { $0.hasSuffix(".safetensors") }
    let model = all.filter { $0.hasPrefix("model") }
    return (model.isEmpty ? all : model).map { InputFile.join(directory, $0) }
  }
}
