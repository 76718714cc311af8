/// Where a model's architecture came from: the built-in catalog, a `config.json`, a checkpoint
/// directory's headers or a GGUF file, and for each field the key it was read from.
public struct ModelOrigin: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    /// The built-in catalog.
    case builtin
    /// The built-in entry a name people type resolved to (`meta-llama/Llama-3.1-8B-Instruct`).
    case builtinMatch(typed: String)
    /// A Hugging Face `config.json`.
    case config(path: String)
    /// A checkpoint directory: its `config.json` and the headers of its safetensors shards.
    case checkpoint(path: String, shards: Int)
    /// A GGUF file's metadata and tensor infos.
    case gguf(path: String)
  }

  /// One architecture field and where its value came from: `("layers", "num_hidden_layers")`,
  /// `("head dim", "default: hidden / heads")`.
  public struct Field: Sendable, Hashable {
    public let field: String
    public let source: String

    public init(_ field: String, _ source: String) {
      self.field = field
      self.source = source
    }
  }

  public let source: Source
  public let fields: [Field]

  public init(_ source: Source, fields: [Field] = []) {
    self.source = source
    self.fields = fields
  }

  public static let builtin = ModelOrigin(.builtin)
}

extension ModelSpec {
  /// What an engine is pointed at: the Hugging Face id, the id someone typed, or the path the
  /// model was read from (a config's directory).
  public var servedName: String {
    switch origin.source {
    case .builtin: return huggingFaceID
    case .builtinMatch(let typed): return typed
    case .checkpoint(let path, _), .gguf(let path): return path
    case .config(let path):
      // A directory's config.json serves the directory; a config saved under another name
      // stands for the model it names.
      guard path.hasSuffix("config.json"), path.split(separator: "/").last == "config.json" else {
        return huggingFaceID
      }
      guard let slash = path.lastIndex(of: "/") else { return "." }
      return slash == path.startIndex ? "/" : String(path[..<slash])
    }
  }
}
