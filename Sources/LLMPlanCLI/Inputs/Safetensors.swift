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

  /// Bits per element of each dtype: a tensor's bytes are its elements × bits / 8, rounded up
  /// (the sub-byte `F4`, `F6_*` formats pack several per byte).
  static let elementBits: [String: Int] = [
    "F64": 64, "I64": 64, "U64": 64, "F32": 32, "I32": 32, "U32": 32, "F16": 16, "BF16": 16,
    "I16": 16, "U16": 16, "F8_E4M3": 8, "F8_E5M2": 8, "F8_E8M0": 8, "E8M0": 8, "I8": 8, "U8": 8,
    "BOOL": 8, "F6_E2M3": 6, "F6_E3M2": 6, "F4": 4,
  ]

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
    guard let bits = elementBits[dtype] else { throw bad("unknown dtype '\(dtype)'") }
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
    let (bitCount, overflow) = elements.multipliedReportingOverflow(by: bits)
    guard !overflow, (bitCount + 7) / 8 == end - begin else {
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
      guard !files.isEmpty else { throw InputError(path, "weight_map is empty: it names no shard") }
      for file in files where !names.contains(file) {
        throw InputError(path, "weight_map names \(file), which is not in \(directory)")
      }
      return files.sorted().map { InputFile.join(directory, $0) }
    }
    let all = names.filter { $0.hasSuffix(".safetensors") }
    let model = all.filter { $0.hasPrefix("model") }
    let shards = model.isEmpty ? all : model
    try checkComplete(shards, in: directory)
    return shards.map { InputFile.join(directory, $0) }
  }

  /// Shards named `…-00002-of-00004.safetensors` must all be there: a partial download would
  /// plan a model with a quarter of its weights.
  static func checkComplete(_ names: [String], in directory: String) throws(InputError) {
    for name in names {
      let stem = name.dropLast(".safetensors".count)
      let parts = stem.split(separator: "-")
      guard parts.count >= 3, parts[parts.count - 2] == "of", let total = Int(parts.last!),
        total > 1, total <= 100_000
      else { continue }
      let prefix = parts.dropLast(3).joined(separator: "-")
      let width = parts.last!.count
      func numbered(_ n: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
      }
      let missing = (1...total).map {
        "\(prefix.isEmpty ? "" : prefix + "-")\(numbered($0))-of-\(parts.last!).safetensors"
      }.filter { !names.contains($0) }
      if let first = missing.first {
        throw InputError(
          directory,
          "\(missing.count) of \(total) shards missing (\(first)\(missing.count > 1 ? ", …" : "")): a partial download?"
        )
      }
      return
    }
  }
}
