import LLMPlanKit

/// One deployment's answer in `check`: what the report prints of its plan, taken once (a
/// fleet file holds thousands; the plans themselves are not kept).
struct CheckRow {
  let entry: DeploymentFile.Entry
  let model: String
  let gpu: String
  /// The count answered: the checked one, else the minimum.
  let gpus: Int?
  /// The layout answered: the recommended one of the answered count, else the headline's.
  let layout: Layout?
  let verdict: Verdict
  let requirements: JSON?
  /// Why it fails, in one line; empty when it passes.
  let detail: String

  var passed: Bool { verdict.fits }

  init(entry: DeploymentFile.Entry, report: FitReport, verdict: Verdict) {
    let plan = report.plan
    self.entry = entry
    self.model = plan.deployment.model.id
    self.gpu = plan.deployment.gpu.id
    self.gpus = plan.headline?.gpus
    self.layout = plan.recommended?.layout ?? plan.headline?.placement?.layout
    self.verdict = verdict
    self.requirements = report.requirements?.json
    self.detail = Self.detail(verdict, gpus: gpus)
  }

  static func detail(_ verdict: Verdict, gpus: Int?) -> String {
    switch verdict {
    case .fits: ""
    case .short(let bytes, _):
      "short by \(Format.fixed(bytes.gibibytes, 2)) GiB per GPU on \(gpus.map(Format.integer) ?? "the") GPUs"
    case .impossible(let reasons, _): reasons.map(\.text).joined(separator: "; ")
    case .missesTargets(let results):
      results.filter { !$0.met }.map {
        "\($0.target.metric.label) p\($0.target.percentile) \(Format.fixed($0.value * 1e3, 1, grouped: true)) ms > \(Format.fixed($0.target.seconds * 1e3, 1, grouped: true)) ms"
      }.joined(separator: "; ")
    case .failsRequirements(let results):
      CheckCommand.fieldNames(results.filter { !$0.met }.map(\.text).joined(separator: "; "))
    }
  }
}

/// Renders `check`: a verdict table, JSON (schema 1), CSV, JUnit XML, GitHub annotations.
struct CheckReport {
  let path: String
  let rows: [CheckRow]
  let failed: Int

  init(path: String, rows: [CheckRow]) {
    self.path = path
    self.rows = rows
    self.failed = rows.count { !$0.passed }
  }

  func table(_ style: OutputStyle) -> String {
    let paint = style.paint
    var table = TextTable([
      ("deployment", .left), ("model", .left), ("gpu", .left), ("GPUs", .right),
      ("layout", .left), ("verdict", .left), ("why", .left),
    ])
    for row in rows {
      table.append([
        row.entry.name, row.model, row.gpu,
        row.gpus.map(Format.integer) ?? "-",
        row.layout.map { "\($0)" } ?? "-",
        row.passed ? paint.green("pass") : paint.red("FAIL"), row.detail,
      ])
    }
    let summary =
      failed == 0
      ? "all \(Format.integer(rows.count)) deployments pass"
      : "\(Format.integer(failed)) of \(Format.integer(rows.count)) deployments fail"
    return "llmplan check \(path): \(summary)\n\n" + table.render(width: style.width)
  }

  func json() -> JSON {
    .object([
      ("schemaVersion", .int(1)),
      ("tool", .string("llmplan \(LLMPlan.version)")),
      ("file", .string(path)),
      ("passed", .int(rows.count - failed)),
      ("failed", .int(failed)),
      (
        "deployments",
        .array(
          rows.map { row in
            .object([
              ("name", .string(row.entry.name)),
              ("path", .string(row.entry.path)),
              ("model", .string(row.model)),
              ("gpu", .string(row.gpu)),
              ("gpus", .optional(row.gpus) { .int($0) }),
              ("layout", .optional(row.layout) { $0.json }),
              ("passed", .bool(row.passed)),
              ("verdict", row.verdict.json),
              ("detail", .string(row.detail)),
              ("requirements", row.requirements ?? .null),
            ])
          })
      ),
    ])
  }

  func csv() -> String {
    var csv = CSV(header: [
      "name", "model", "gpu", "gpus", "tp", "pp", "dp", "ep", "verdict", "passed", "detail",
    ])
    for row in rows {
      let layout = row.layout
      csv.append([
        row.entry.name, row.model, row.gpu,
        CSV.cell(row.gpus), CSV.cell(layout?.tp), CSV.cell(layout?.pp), CSV.cell(layout?.dp),
        CSV.cell(layout?.ep), row.verdict.code, CSV.cell(row.passed), row.detail,
      ])
    }
    return csv.rendered()
  }

  /// JUnit XML (the schema Jenkins, GitLab and GitHub test reporters read): one test suite, one
  /// test case per deployment, a `<failure>` with the reason for each that fails.
  func junit() -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"llmplan check\" tests=\"\(rows.count)\" failures=\"\(failed)\" errors=\"0\">\n"
    out +=
      "  <testsuite name=\"\(Self.xml(path))\" tests=\"\(rows.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n"
    for row in rows {
      let name = Self.xml(row.entry.name)
      let classname = Self.xml(
        "llmplan.check.\(row.model).\(row.gpu)")
      if row.passed {
        out += "    <testcase name=\"\(name)\" classname=\"\(classname)\"/>\n"
      } else {
        out += "    <testcase name=\"\(name)\" classname=\"\(classname)\">\n"
        out +=
          "      <failure message=\"\(Self.xml(row.detail))\" type=\"\(row.verdict.code)\">\(Self.xml(row.detail))</failure>\n"
        out += "    </testcase>\n"
      }
    }
    out += "  </testsuite>\n</testsuites>\n"
    return out
  }

  /// GitHub Actions workflow commands: `::error` for each failing deployment, `::notice` for
  /// each passing one (message data escaped as the runner requires: `%`, CR, LF).
  func github() -> String {
    rows.map { row in
      let title = Self.githubProperty("llmplan check: \(row.entry.name)")
      let file = Self.githubProperty(path)
      let message =
        row.passed
        ? "\(row.entry.name) passes on \(row.gpus.map(Format.integer) ?? "?") × \(row.gpu)"
        : row.detail
      return
        "::\(row.passed ? "notice" : "error") file=\(file),title=\(title)::\(Self.githubData(message))"
    }.joined(separator: "\n") + "\n"
  }

  /// Text for an XML attribute or element: `&`, `<`, `>`, `"`, `'` as entities, control
  /// characters dropped (XML 1.0 forbids most).
  static func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += "&#10;"
      case "\t": out += "&#9;"
      default:
        if scalar.value < 0x20 { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func githubData(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  static func githubProperty(_ text: String) -> String {
    githubData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(
      of: ",", with: "%2C")
  }
}
