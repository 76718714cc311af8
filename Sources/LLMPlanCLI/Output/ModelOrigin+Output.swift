import LLMPlanKit

extension ModelOrigin.Source {
  /// `config`, `checkpoint`, `gguf`, `builtin`, `builtin-match`: what JSON's `source` says.
  var code: String {
    switch self {
    case .builtin: "builtin"
    case .builtinMatch: "builtin-match"
    case .config: "config"
    case .checkpoint: "checkpoint"
    case .gguf: "gguf"
    }
  }

  /// "./Qwen2.5-32B/config.json", "./ckpt (config.json + 30 safetensors shards)".
  var text: String {
    switch self {
    case .builtin: "the built-in catalog"
    case .builtinMatch(let typed): "the built-in catalog, for '\(typed)'"
    case .config(let path): path
    case .checkpoint(let path, let shards):
      "\(path) (config.json + \(shards) safetensors shard\(shards == 1 ? "" : "s"))"
    case .gguf(let path): path
    }
  }

  var path: String? {
    switch self {
    case .builtin, .builtinMatch: nil
    case .config(let path), .checkpoint(let path, _), .gguf(let path): path
    }
  }
}

extension ModelSpec {
  /// Where the architecture came from, for JSON: the source, and each field's key.
  var originJSON: JSON {
    var pairs: [(String, JSON)] = [("source", .string(origin.source.code))]
    switch origin.source {
    case .builtin, .builtinMatch:
      pairs.append(("catalogID", .string(id)))
      pairs.append(("configOf", .string(huggingFaceID)))
      if case .builtinMatch(let typed) = origin.source { pairs.append(("typed", .string(typed))) }
    case .config, .checkpoint, .gguf:
      pairs.append(("path", .optional(origin.source.path) { .string($0) }))
      pairs.append(("fields", .object(origin.fields.map { ($0.field, .string($0.source)) })))
    }
    if !note.isEmpty { pairs.append(("note", .string(note))) }
    return .object(pairs)
  }

  /// One footer line for a model that is not the catalog's own: where it was read, how many
  /// fields came from keys and which were defaults.
  var originFooter: String {
    switch origin.source {
    case .builtin:
      return ""
    case .builtinMatch(let typed):
      return
        "model: \(typed) read as the built-in \(id) (\(huggingFaceID)), \(checkpointPrecision.id) weights\n"
    case .config, .checkpoint, .gguf:
      let defaults = origin.fields.filter { $0.source.hasPrefix("default: ") }
      var line =
        "model: read from \(origin.source.text): \(origin.fields.count - defaults.count) fields from its keys"
      if !defaults.isEmpty {
        line +=
          ", \(defaults.count) default\(defaults.count == 1 ? "" : "s") (\(defaults.map { "\($0.field): \($0.source.dropFirst("default: ".count))" }.joined(separator: "; ")))"
      }
      line += "\n  each field's source: llmplan memory \(origin.source.path ?? id)"
      if !note.isEmpty { line += "\n  note: \(note)" }
      return line + "\n"
    }
  }
}
