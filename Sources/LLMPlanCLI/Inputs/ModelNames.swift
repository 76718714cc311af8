import LLMPlanKit

/// What to call a model read from files: its Hugging Face id when the path shows it (a hub
/// cache's `models--Org--Name/snapshots/…`), else the checkpoint directory's or file's name.
enum ModelNames {
  /// The name for a model at `path` (a directory, a `config.json` or a `.gguf` file).
  static func name(forPath path: String) -> String {
    let parts = path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
    if let cache = parts.lastIndex(where: { $0.hasPrefix("models--") }) {
      let id = parts[cache].dropFirst("models--".count).replacing("--", with: "/")
      if !id.isEmpty { return String(id) }
    }
    var components = parts
    if components.last == "config.json" { components.removeLast() }
    guard var last = components.last, last != ".." else { return "model" }
    for suffix in [".gguf", ".json"] where last.lowercased().hasSuffix(suffix) {
      last.removeLast(suffix.count)
    }
    return last.isEmpty ? "model" : last
  }

  /// `Qwen/Qwen2.5-32B-Instruct` → `qwen2.5-32b-instruct`.
  static func slug(_ name: String) -> String {
    let base = name.split(separator: "/").last.map(String.init) ?? name
    let kept = base.lowercased().map { character -> Character in
      character.isLetter || character.isNumber || character == "." || character == "_"
        ? character : "-"
    }
    let slug = String(kept).split(separator: "-", omittingEmptySubsequences: true)
      .joined(separator: "-")
    return slug.isEmpty ? "model" : slug
  }

  /// The Hugging Face id a name stands for: itself when it has an organisation.
  static func huggingFaceID(_ name: String) -> String { name }

  /// The size in a model's name: `32` for `Qwen2.5-32B-Instruct`, `1.5` for `…-1.5B`.
  static func billions(in name: String) -> Double? { NameKey.billions(in: name) }
}
