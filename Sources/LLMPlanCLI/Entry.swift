import LLMPlanKit

/// A command: its declaration, how its typed options are read, and its run: one planner call,
/// rendered.
///
///     argv ─▶ Tokenizer ─▶ OptionReader ─▶ Options (typed) ─▶ Planner.x(request) ─▶ Report
protocol Command: SendableMetatype {
  associatedtype Options
  static var spec: CommandSpec { get }
  /// The typed options, or `nil` with the problems recorded in `input`.
  static func options(_ input: inout OptionReader) -> Options?
  /// Makes the command's one planner call and renders its plan.
  static func run(_ options: Options, style: OutputStyle) throws(PlanError) -> Outcome
  /// Whether `--format` is the common table|json|csv option (`check` has its own).
  static var readsCommonFormat: Bool { get }
}

extension Command {
  static var readsCommonFormat: Bool { true }
}

/// The command-line program as a function: arguments in, text and an exit code out.
public enum LLMPlan {
  public static let version = "0.1.0"

  /// A command with its type erased: its name, its declaration (built only when that command
  /// runs or help lists it: building all nine cost a start-up) and how to run it.
  struct Entry: Sendable {
    let name: String
    private let declaration: @Sendable () -> CommandSpec
    let execute: @Sendable ([String], Terminal) -> Outcome

    init<C: Command>(_ name: String, _ command: C.Type) {
      self.name = name
      declaration = { C.spec }
      execute = { arguments, terminal in LLMPlan.execute(C.self, arguments, terminal: terminal) }
    }

    var spec: CommandSpec { declaration() }
  }

  static let commands: [Entry] = [
    Entry("fit", FitCommand.self), Entry("kv", KVCommand.self),
    Entry("layouts", LayoutsCommand.self), Entry("scale", ScaleCommand.self),
    Entry("perf", PerfCommand.self), Entry("compare", CompareCommand.self),
    Entry("memory", MemoryCommand.self), Entry("gpus", GPUsCommand.self),
    Entry("models", ModelsCommand.self), Entry("engines", EnginesCommand.self),
    Entry("serve", ServeCommand.self), Entry("check", CheckCommand.self),
  ]

  /// Runs one invocation. Never traps: every input problem becomes exit code 2.
  public static func main(arguments: [String], terminal: Terminal = Terminal()) -> Outcome {
    // Bare `llmplan`: the overview, as `--help` gives it.
    guard let first = arguments.first else { return Outcome(stdout: overview) }
    switch first {
    case "--help", "-h", "help":
      if first == "help", arguments.count > 1, let command = command(named: arguments[1]) {
        return Outcome(stdout: command.spec.help)
      }
      return Outcome(stdout: overview)
    case "--version", "-V", "version":
      return Outcome(stdout: "llmplan \(version)\n")
    case "completions":
      let shells = ShellCompletion.allCases.map(\.rawValue)
      guard arguments.count == 2, let shell = ShellCompletion(rawValue: arguments[1]) else {
        let given = arguments.count > 1 ? "'\(arguments[1])'" : "nothing"
        return usage([
          "completions needs one shell: \(shells.joined(separator: ", ")) (got \(given))"
        ])
      }
      return Outcome(stdout: shell.script())
    case "man":
      guard arguments.count == 1 else {
        return usage(["man takes no arguments (llmplan man > llmplan.1)"])
      }
      return Outcome(stdout: ManPage.page())
    default:
      break
    }
    guard let command = command(named: first) else {
      let hint = didYouMean(first, commands.map { ($0.name, [$0.name]) })
      return usage(["unknown command '\(first)'\(hint) (see 'llmplan --help')"])
    }
    return command.execute(Array(arguments.dropFirst()), terminal)
  }

  static func execute<C: Command>(_ command: C.Type, _ arguments: [String], terminal: Terminal)
    -> Outcome
  {
    let raw: RawArguments
    switch Tokenizer.parse(arguments, for: C.spec) {
    case .failure(let error): return usage(error.messages)
    case .success(let parsed): raw = parsed
    }
    if raw.wantsHelp { return Outcome(stdout: C.spec.help) }
    var input = OptionReader(raw, command: C.spec)
    if let path = input.declared(DeploymentOptions.gpuCatalog) {
      switch GPUCatalogFile.load(path, over: input.context.gpus) {
      case .success(let catalog): input.context.gpus = catalog
      case .failure(let error): return usage(error.messages)
      }
    }
    let style = OutputStyle.decode(
      &input, terminal: terminal, readFormat: C.readsCommonFormat)
    let options = C.options(&input)
    guard input.problems.isEmpty, let options else { return usage(input.problems) }
    let warnings = input.warnings.map { "llmplan: warning: \(Message.oneLine($0))\n" }.joined()
    let quiet = input.declared(CommonOptions.quiet) ?? false
    do {
      var outcome = try C.run(options, style: style)
      outcome.stderr = warnings + outcome.stderr
      // --quiet: the exit code (and problems on stderr) only.
      if quiet { outcome.stdout = "" }
      return outcome
    } catch {
      return usage([error.message])
    }
  }

  static func command(named name: String) -> Entry? {
    commands.first { $0.name == name }
  }

  /// One line per problem on stderr, exit code 2.
  static func usage(_ messages: [String]) -> Outcome {
    Outcome(
      stderr: messages.map { "llmplan: error: \(Message.oneLine($0))\n" }.joined(),
      code: .usage)
  }

  /// `llmplan --help`, generated from the command declarations.
  static var overview: String {
    var lines = [
      "llmplan \(version): how many GPUs, of which kind, laid out how, a model needs.",
      "",
      "usage: llmplan COMMAND [ARGUMENT] [options]",
      "",
      "commands:",
    ]
    let rows =
      commands.map { ($0.name, $0.spec.summary) }
      + ShellCompletion.extraCommands.filter { $0.0 != "help" }
    let width = (rows.map(\.0.count).max() ?? 0) + 2
    for (name, summary) in rows {
      let text = wrap(summary, width: CommandSpec.width - 2 - width)
      lines.append("  " + name.padding(to: width) + text[0])
      lines += text.dropFirst().map { String(repeating: " ", count: 2 + width) + $0 }
    }
    lines += [
      "",
      "Run 'llmplan COMMAND --help' for a command's options.",
      "Exit codes: 0 answered / fits, 1 does not fit, 2 usage or input error.",
      "Units: GB = 10^9 bytes, GiB = 2^30 bytes; every figure names its unit.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}

extension Outcome {
  /// A plan's report in `style`, with the exit code of its verdict; an input error instead
  /// when a figure of it is not a finite number (an input beyond what the model computes: no
  /// `inf` or `nan` is ever printed as an answer).
  init(_ report: some Report, style: OutputStyle, verdict: Verdict) {
    let json = report.json()
    if let path = json.nonFinitePath() {
      self = LLMPlan.usage([
        "\(path) is not a finite number: an input is beyond what the estimate can compute; bring the values given (--efficiency, --price, token counts) into their ranges"
      ])
      return
    }
    self.init(stdout: style.render(report, json: json), code: verdict.exitCode)
  }
}
