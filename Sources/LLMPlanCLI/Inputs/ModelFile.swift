import LLMPlanKit

/// A model named by a path: a `config.json`, a checkpoint directory (`config.json` and its
/// safetensors shards), or a `.gguf` file. Headers only: no tensor data is read.
enum ModelFile {
  /// Whether a model argument is a path rather than a catalog name: it starts like one, ends
  /// in `.json` or `.gguf`, or something is there.
  static func isPath(_ text: String) -> Bool {
    text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("~")
      || text.lowercased().hasSuffix(".json") || text.lowercased().hasSuffix(".gguf")
      || text == "." || InputFile.kind(text) != nil
  }

  static func load(_ path: String) throws(InputError) -> ModelSpec {
    switch InputFile.kind(path) {
    case nil:
      throw InputError(path, "no such file or directory")
    case .directory:
      return try directory(path)
    case .file:
      if path.hasSuffix(".safetensors") || path.hasSuffix(".safetensors.index.json") {
        throw InputError(
          path, "one file of a checkpoint: pass the directory that holds it with its config.json")
      }
      if path.lowercased().hasSuffix(".gguf") || (try? GGUFFile.hasMagic(path)) == true {
        return try GGUFModel.load(path)
      }
      let root = try ModelConfig.load(path)
      return try ModelConfig.spec(
        root, file: path, name: ModelNames.name(forPath: path), source: .config(path: path))
    }
  }

  /// A checkpoint directory: `config.json` with the headers of its safetensors shards, or a
  /// directory holding one GGUF model.
  static func directory(_ path: String) throws(InputError) -> ModelSpec {
    let names = try InputFile.names(in: path)
    let name = ModelNames.name(forPath: path)
    guard names.contains("config.json") else {
      let ggufs = names.filter { $0.lowercased().hasSuffix(".gguf") }
      if let first = ggufs.first, ggufs.allSatisfy({ GGUFFile.isShard($0) || ggufs.count == 1 }) {
        return try GGUFModel.load(InputFile.join(path, first))
      }
      throw InputError(
        path,
        ggufs.isEmpty
          ? "no config.json here: not a Hugging Face checkpoint directory (pass a config.json, a checkpoint directory or a .gguf file)"
          : "no config.json and \(ggufs.count) GGUF files (\(ggufs.prefix(3).joined(separator: ", "))\(ggufs.count > 3 ? ", …" : "")); pass one of them"
      )
    }
    let configPath = InputFile.join(path, "config.json")
    let root = try ModelConfig.load(configPath)
    let shards = try Safetensors.shards(in: path, names: names)
    guard !shards.isEmpty else {
      return try ModelConfig.spec(
        root, file: configPath, name: name, source: .config(path: configPath))
    }
    let model = try ModelConfig.spec(
      root, file: configPath, name: name, source: .checkpoint(path: path, shards: shards.count))
    return try Checkpoint.read(model, shards: shards, directory: path)
  }
}
