/// A plain-text table: a header row, a rule, and rows; numbers right-aligned.
struct TextTable {
  enum Alignment { case left, right }

  var headers: [String]
  var alignments: [Alignment]
  var rows: [[String]] = []

  init(_ columns: [(String, Alignment)]) {
    headers = columns.map(\.0)
    alignments = columns.map(\.1)
  }

  mutating func append(_ row: [String]) { rows.append(row) }

  func render(indent: String = "") -> String {
    var widths = headers.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (index, cell) in cells.enumerated() {
        let isLast = index == cells.count - 1
        switch alignments[index] {
        case .right: parts.append(cell.leftPadding(to: widths[index]))
        case .left: parts.append(isLast ? cell : cell.padding(to: widths[index]))
        }
      }
      var text = indent + parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    var out = line(headers) + "\n"
    out += indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows { out += line(row) + "\n" }
    return out
  }
}
