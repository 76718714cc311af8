import LLMPlanKit

/// `--format`'s values.
enum OutputFormat: String, Sendable, CaseIterable {
  case table, json, csv
}

/// `--color`'s values.
enum ColorChoice: String, Sendable, CaseIterable {
  case auto, always, never
}

/// How a command's answer is written: format, colour, ASCII charts.
struct OutputStyle: Sendable {
  var format: OutputFormat = .table
  var color = false
  /// Charts in ASCII: `--ascii`, or a dumb terminal.
  var ascii = false
  /// Columns tables, charts and prose are laid out in (``Terminal/width``).
  var width = 100

  var paint: Paint { Paint(enabled: color) }

  /// The style from the common options and the terminal: colour only on a terminal, never with
  /// `NO_COLOR` or `TERM=dumb`, unless `--color` says otherwise.
  static func decode(_ input: inout OptionReader, terminal: Terminal, readFormat: Bool = true)
    -> OutputStyle
  {
    var style = OutputStyle()
    style.width = terminal.width
    style.ascii =
      input.declared(CommonOptions.ascii) ?? false || terminal.environment["TERM"] == "dumb"
    if readFormat { style.format = input[CommonOptions.format] ?? .table }
    switch input[CommonOptions.color] ?? .auto {
    case .always: style.color = true
    case .never: style.color = false
    case .auto:
      style.color =
        terminal.isTTY && terminal.environment["NO_COLOR"] == nil
        && terminal.environment["TERM"] != "dumb"
    }
    return style
  }

  /// The report in this style's format: tables end with where a model read from files came
  /// from, JSON carries `modelOrigin`. `json` is the report's JSON when the caller has built it.
  func render(_ report: some Report, json: JSON? = nil) -> String {
    switch format {
    case .table:
      return Format.fitLines(report.table(self) + report.originFooter, width: width)
    case .json:
      let document = json ?? report.json()
      guard case .object(var pairs) = document else { return document.rendered() }
      // Right after schemaVersion: the tool and version that wrote it.
      let at = pairs.firstIndex { $0.0 == "schemaVersion" }.map { $0 + 1 } ?? 0
      pairs.insert(("tool", .string("llmplan \(LLMPlan.version)")), at: at)
      if let model = report.plannedModel { pairs.append(("modelOrigin", model.originJSON)) }
      return JSON.object(pairs).rendered()
    case .csv:
      return report.csv()
    }
  }
}

/// A command's answer in the three formats: a table for people, JSON (with `schemaVersion`)
/// for programs, CSV for spreadsheets.
protocol Report {
  func table(_ style: OutputStyle) -> String
  func json() -> JSON
  func csv() -> String
  /// The model the report is about, whose origin the output states; `nil` for catalogs.
  var plannedModel: ModelSpec? { get }
  var originFooter: String { get }
}

extension Report {
  var plannedModel: ModelSpec? { nil }
  /// The table's last line: where a model read from files came from.
  var originFooter: String { plannedModel?.originFooter ?? "" }
}
