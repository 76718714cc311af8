import LLMPlanKit

/// `llmplan check FILE`: every deployment of a deployment file (``DeploymentFile``) planned as
/// `fit` plans it, a verdict per row, exit 1 if any fails.
enum CheckCommand: Command {
  static let file = CommandSpec.Positional(
    placeholder: "FILE", isOptional: false,
    meaning:
      "a deployment file: {\"schemaVersion\": 1, \"deployments\": [{\"name\", \"model\", \"gpu\", …}]} (README, \"CI sizing checks\")"
  )
  static let format = Option<CheckFormat>(
    "format", .choice(CheckFormat.allCases, placeholder: "FORMAT"),
    CommonOptions.formatMeaning
  ).noted("junit: CI test reports; github: Actions annotations").defaulting(to: .table)

  static let spec = CommandSpec(
    name: "check", positional: file,
    summary: "Checks every deployment in a file against its requirements; exit 1 if any fails.",
    options: [DeploymentOptions.gpuCatalog],
    examples: [
      "llmplan check Fixtures/deployments/fleet.json",
      "llmplan check deployments.json --format junit > llmplan.xml",
      "llmplan check deployments.json --format github",
    ],
    details: """
      Each deployment is planned as 'llmplan fit' plans its fields (name, model and gpu
      required; gpus, precision, kvPrecision, engine, context, concurrency, inputTokens,
      outputTokens, rate optional, with fit's defaults) and checked against its requirements
      (maxGPUs, minHeadroomPercent, minConcurrency, maxTTFTMs, maxTPOTMs, minTokensPerSecond,
      maxCostPerMillionTokens, and the serving targets ttftP99Ms, tpotP99Ms, e2eP99Ms, …).
      A row passes when it fits and meets every requirement. Problems in the file are listed
      together, each with its JSON path, and give exit 2.
      """, common: [format, CommonOptions.color, CommonOptions.quiet, CommonOptions.help])

  static var readsCommonFormat: Bool { false }

  struct Options {
    let path: String
    let format: CheckFormat
    let rows: [(DeploymentFile.Entry, FitCommand.Options)]
  }

  static func options(_ input: inout OptionReader) -> Options? {
    guard let path = input.positional(.path) else { return nil }
    let format = input[Self.format] ?? .table
    let file: DeploymentFile
    switch DeploymentFile.read(path) {
    case .success(let read):
      file = read
      for message in read.problems { input.problem(message) }
    case .failure(let errors):
      for message in errors.messages { input.problem(message) }
      return nil
    }
    var rows: [(DeploymentFile.Entry, FitCommand.Options)] = []
    for entry in file.entries {
      let raw: RawArguments
      switch Tokenizer.parse(entry.arguments, for: FitCommand.spec) {
      case .failure(let error):
        for message in error.messages { input.problem("\(path): \(entry.path): \(message)") }
        continue
      case .success(let parsed): raw = parsed
      }
      var reader = OptionReader(raw, command: FitCommand.spec)
      reader.context = input.context
      let options = FitCommand.options(&reader)
      for message in reader.problems {
        input.problem("\(path): \(entry.path) (\(entry.name)): \(fieldNames(message))")
      }
      if reader.problems.isEmpty, var options {
        options.request.advise = false
        rows.append((entry, options))
      }
    }
    return Options(path: path, format: format, rows: rows)
  }

  /// A `fit` message with its options named as the file's fields: `--kv-precision` → `kvPrecision`.
  static func fieldNames(_ message: String) -> String {
    guard message.contains("--") else { return message }
    var text = ""
    var rest = Substring(message)
    while let dashes = rest.firstRange(of: "--") {
      text += rest[..<dashes.lowerBound]
      let name = rest[dashes.upperBound...].prefix {
        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")
      }
      if let key = fieldKeys[String(name)] {
        text += key
      } else {
        text += "--" + name
      }
      rest = rest[name.endIndex...]
    }
    return text + rest
  }

  /// The file's field for each `fit` option that has one.
  static let fieldKeys: [String: String] = Dictionary(
    (DeploymentFile.fields + DeploymentFile.requirementFields).filter { !$0.option.isEmpty }.map {
      ($0.option, $0.key)
    }, uniquingKeysWith: { first, _ in first })

  static func run(_ options: Options, style: OutputStyle) -> Outcome {
    let rows = options.rows.map { entry, fit in
      let answer = FitCommand.answer(fit)
      return CheckRow(entry: entry, report: answer.report, verdict: answer.verdict)
    }
    let report = CheckReport(path: options.path, rows: rows)
    let text: String =
      switch options.format {
      case .table: Format.fitLines(report.table(style), width: style.width)
      case .json: report.json().rendered()
      case .csv: report.csv()
      case .junit: report.junit()
      case .github: report.github()
      }
    return Outcome(stdout: text, code: rows.allSatisfy(\.passed) ? .success : .doesNotFit)
  }
}

/// `check --format`'s values.
enum CheckFormat: String, Sendable, CaseIterable {
  case table, json, csv, junit, github
}
