/// A plain-text table: a header row, a rule, and rows; numbers right-aligned. Rendered within
/// a width (the terminal's, ``OutputStyle/width``): a left-aligned last column wraps onto
/// continuation lines, and when that is not enough the lowest-priority columns are left out,
/// with a line that says which.
struct TextTable {
  enum Alignment { case left, right }

  var headers: [String]
  var alignments: [Alignment]
  /// Which columns go first when the table is too wide: lower first, the rightmost of equals
  /// first; the first column always stays.
  var priorities: [Int]
  var rows: [[String]] = []

  /// The narrowest a wrapped last column is made before columns are left out instead.
  static let narrowestWrap = 24

  init(_ columns: [(String, Alignment)]) {
    headers = columns.map(\.0)
    alignments = columns.map(\.1)
    priorities = columns.map { _ in 0 }
  }

  /// `columns` with their priorities (higher stays longer; unlisted ones are 0).
  init(_ columns: [(String, Alignment)], priorities: [String: Int]) {
    self.init(columns)
    self.priorities = headers.map { priorities[$0] ?? 0 }
  }

  mutating func append(_ row: [String]) { rows.append(row) }

  func render(indent: String = "", width: Int = .max) -> String {
    var kept = Array(headers.indices)
    while true {
      let widths = kept.map { column in
        rows.reduce(headers[column].visibleCount) { max($0, cell($1, column).visibleCount) }
      }
      let total = indent.count + widths.reduce(0, +) + 2 * (kept.count - 1)
      guard total > width else { return render(kept, widths: widths, indent: indent, width: width) }
      let last = kept.count - 1
      if alignments[kept[last]] == .left {
        let room = width - (total - widths[last])
        if room >= Self.narrowestWrap, room >= headers[kept[last]].count {
          var fitted = widths
          fitted[last] = room
          return render(kept, widths: fitted, indent: indent, width: width, wrapLast: true)
        }
      }
      guard kept.count > 1 else {
        return render(kept, widths: widths, indent: indent, width: width)
      }
      // The lowest priority, the rightmost among equals; never the first column.
      let drop = kept.indices.dropFirst().min {
        (priorities[kept[$0]], -$0) < (priorities[kept[$1]], -$1)
      }!
      kept.remove(at: drop)
    }
  }

  private func cell(_ row: [String], _ column: Int) -> String {
    column < row.count ? row[column] : ""
  }

  private func render(
    _ kept: [Int], widths: [Int], indent: String, width: Int, wrapLast: Bool = false
  ) -> String {
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (index, cell) in cells.enumerated() {
        let isLast = index == cells.count - 1
        switch alignments[kept[index]] {
        case .right: parts.append(cell.leftPadding(to: widths[index]))
        case .left: parts.append(isLast ? cell : cell.padding(to: widths[index]))
        }
      }
      var text = indent + parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    func lines(_ row: [String]) -> [String] {
      var cells = kept.map { cell(row, $0) }
      guard wrapLast, let last = cells.last, last.visibleCount > widths[widths.count - 1] else {
        return [line(cells)]
      }
      let pieces = wrap(last, width: widths[widths.count - 1])
      cells[cells.count - 1] = pieces.first ?? ""
      var out = [line(cells)]
      for piece in pieces.dropFirst() {
        out.append(line(kept.dropLast().map { _ in "" } + [piece]))
      }
      return out
    }
    var out = line(kept.map { headers[$0] }) + "\n"
    out += indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows { out += lines(row).joined(separator: "\n") + "\n" }
    let left = headers.indices.filter { !kept.contains($0) }.map { headers[$0] }
    if !left.isEmpty {
      out +=
        indent
        + "(left out to fit \(Format.integer(width)) columns: \(left.joined(separator: ", ")); COLUMNS=200 or --format csv shows them)\n"
    }
    return out
  }
}

extension String {
  /// Characters shown on a terminal: colour escapes (`ESC[…m`) take no room.
  var visibleCount: Int {
    guard contains("\u{1B}") else { return count }
    var count = 0
    var inEscape = false
    for character in self {
      if inEscape {
        if character == "m" { inEscape = false }
      } else if character == "\u{1B}" {
        inEscape = true
      } else {
        count += 1
      }
    }
    return count
  }
}
