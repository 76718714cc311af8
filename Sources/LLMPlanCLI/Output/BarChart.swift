/// A horizontal bar chart for the terminal: Unicode eighth blocks, or `#` in ASCII mode, with
/// numbered vertical markers (1, 2, …) at given values.
struct BarChart {
  /// The widest bar, in characters.
  var width = 48
  var ascii = false
  /// Columns a line may take (``OutputStyle/width``): the bars narrow, to 10 at the least, so
  /// that label, bar and value fit.
  var columns = Int.max

  static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// One line per row: label, bar, value text; markers overlay the bar area.
  func render(rows: [(label: String, value: Double, text: String)], markers: [Double]) -> String {
    let top = max(rows.map(\.value).max() ?? 0, markers.max() ?? 0)
    guard top > 0 else { return "" }
    let labelWidth = rows.map(\.label.count).max() ?? 0
    let textWidth = rows.map(\.text.count).max() ?? 0
    let room = columns == .max ? width : columns - labelWidth - 3 - textWidth
    let width = min(self.width, max(10, room))
    let columns = markers.map { min(width - 1, Int(($0 / top * Double(width)).rounded(.down))) }
    var out = ""
    for row in rows {
      var cells = [String](repeating: " ", count: width)
      let exact = row.value / top * Double(width)
      let full = min(width, Int(exact.rounded(.down)))
      for index in 0..<full { cells[index] = ascii ? "#" : "█" }
      if !ascii, full < width {
        let part = Int(((exact - Double(full)) * 8).rounded(.down))
        if part > 0 { cells[full] = BarChart.eighths[part] }
      }
      for (number, column) in columns.enumerated() where column >= 0 {
        cells[column] = number < 9 ? String(number + 1) : "+"
      }
      out +=
        row.label.leftPadding(to: labelWidth) + " " + (ascii ? "|" : "│") + cells.joined()
        + " " + row.text
      while out.hasSuffix(" ") { out.removeLast() }
      out += "\n"
    }
    return out
  }
}
