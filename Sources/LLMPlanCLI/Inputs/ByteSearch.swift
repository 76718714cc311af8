extension String {
  /// Whether `piece` occurs in the string, compared byte for byte over UTF-8: what tensor-name
  /// matching needs, without the Unicode machinery (and the cost) of `contains(_:)`, which for
  /// a checkpoint of thousands of tensors dominated the read.
  func has(_ piece: String) -> Bool {
    let text = Array(utf8)
    let pattern = Array(piece.utf8)
    guard !pattern.isEmpty else { return true }
    guard pattern.count <= text.count else { return false }
    let first = pattern[0]
    for start in 0...(text.count - pattern.count) where text[start] == first {
      var index = 1
      while index < pattern.count && text[start + index] == pattern[index] { index += 1 }
      if index == pattern.count { return true }
    }
    return false
  }
}
