import LLMPlanKit

/// The command-line program as a function: arguments in, text and an exit code out.
public enum LLMPlan {
  public static let version = "0.1.0"

  struct Command: Sendable {
    let spec: CommandSpec
    let run: @Sendable (Invocation, Terminal) -> Outcome
  }

  static let commands: [Command] = [
    Command(spec: FitCommand.spec, run: FitCommand.run),
    Command(spec: KVCommand.spec, run: KVCommand.run),
    Command(spec: LayoutsCommand.spec, run: LayoutsCommand.run),
    Command(spec: ScaleCommand.spec, run: ScaleCommand.run),
    Command(spec: PerfCommand.spec, run: PerfCommand.run),
    Command(spec: CompareCommand.spec, run: CompareCommand.run),
    Command(spec: MemoryCommand.spec, run: MemoryCommand.run),
    Command(spec: GPUsCommand.spec, run: GPUsCommand.run),
    Command(spec: ModelsCommand.spec, run: ModelsCommand.run),
  ]

  /// Runs one invocation. Never traps: every input problem becomes exit code 2.
  public static func main(arguments: [String], terminal: Terminal = Terminal()) -> Outcome {
    guard let first = arguments.first else {
      return usage(["no command given; try 'llmplan --help'"])
    }
    switch first {
    case "--help", "-h", "help":
      if first == "help", arguments.count > 1, let command = command(named: arguments[1]) {
        return Outcome(stdout: command.spec.help)
      }
      return Outcome(stdout: overview)
    case "--version", "version":
      return Outcome(stdout: "llmplan \(version)\n")
    default:
      break
    }
    guard let command = command(named: first) else {
      let hint =
        NameHint.suggest(first, commands.map { ($0.spec.name, [$0.spec.name]) })
        .map { "; did you mean '\($0)'?" } ?? ""
      return usage(["unknown command '\(first)'\(hint) (see 'llmplan --help')"])
    }
    switch Tokenizer.parse(Array(arguments.dropFirst()), for: command.spec) {
    case .failure(let errors):
      return usage(errors.messages)
    case .success(let invocation):
      if invocation.has("help") { return Outcome(stdout: command.spec.help) }
      return command.run(invocation, terminal)
    }
  }

  static func command(named name: String) -> Command? {
    commands.first { $0.spec.name == name }
  }

  /// One line per problem on stderr, exit code 2.
  static func usage(_ messages: [String]) -> Outcome {
    Outcome(stderr: messages.map { "llmplan: error: \($0)\n" }.joined(), code: .usage)
  }

  /// `llmplan --help`, generated from the command tables.
  static var overview: String {
    var lines = [
      "llmplan \(version): how many GPUs, of which kind, laid out how, a model needs.",
      "",
      "usage: llmplan COMMAND [ARGUMENT] [options]",
      "",
      "commands:",
    ]
    let width = (commands.map(\.spec.name.count).max() ?? 0) + 2
    for command in commands {
      lines.append("  " + command.spec.name.padding(to: width) + command.spec.summary)
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
