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
    let root: JSONNode
    switch JSONParser.parse(bytes) {
    case .success(let node): root = node
    case .failure(let error):
      throw InputError(path, offset: 8 + error.offset, "header JSON: \(error.reason)")
    }
    guard let members = root.members else {
      throw InputError(path, offset: 8, "header is \(root.kind), not a JSON object of tensors")
    }
    let dataSize = size - 8 - Int(length)
    var tensors: [Tensor] = []
    tensors.reserveCapacity(members.count)
    for (name, entry) in members where name != "__metadata__" {
      tensors.append(try tensor(name, entry, path: path, dataSize: dataSize))
    }
    return SafetensorsHeader(path: path, tensors: tensors)
  }

  private static func tensor(_ name: String, _ entry: JSONNode, path: String, dataSize: Int)
    throws(InputError) -> Tensor
  {
    func bad(_ problem: String) -> InputError {
      InputError(path, offset: 8, "header: tensor '\(name)': \(problem)")
    }
    guard let dtype = entry["dtype"]?.string else { throw bad("no dtype") }
    guard elementBytes[dtype] != nil || packedDtypes.contains(dtype) else {
      throw bad("unknown dtype '\(dtype)'")
    }
    guard let dims = entry["shape"]?.array else { throw bad("no shape") }
    var shape: [Int] = []
    var elements = 1
    for dim in dims {
      guard let value = dim.integer, value >= 0 else {
        throw bad("shape entry \(dim.kind) is not a whole number")
      }
      let (product, overflow) = elements.multipliedReportingOverflow(by: value)
      guard !overflow else { throw bad("shape \(dims.map(\.kind)) overflows") }
      shape.append(value)
      elements = product
    }
    guard let offsets = entry["data_offsets"]?.array, offsets.count == 2,
      let begin = offsets[0].integer, let end = offsets[1].integer, begin >= 0, end >= begin
    else { throw bad("data_offsets is not [begin, end]") }
    guard end <= dataSize else {
      throw bad("data ends at byte \(end) of the data, past the file's \(dataSize): truncated")
    }
    if let width = elementBytes[dtype],
      elements.multipliedReportingOverflow(by: width).partialValue
        != end - begin
    {
      throw bad("\(end - begin) bytes for \(elements) \(dtype) elements")
    }
    return Tensor(name: name, dtype: dtype, shape: shape, elements: elements, bytes: end - begin)
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
      let root: JSONNode
      switch JSONParser.parse(bytes) {
      case .success(let node): root = node
      case .failure(let error): throw InputError(path, error.description)
      }
      guard let map = root["weight_map"]?.members else {
        throw InputError(path, "no weight_map: not a safetensors index")
      }
      var files: [String] = []
      var seen: Set<String> = []
      for (_, file) in map {
        guard let file = file.string else {
          throw InputError(path, "weight_map: \(file.kind) is not a file name")
        }
        if seen.insert(file).inserted { files.append(file) }
      }
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
