import Foundation
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// Shell completions and the man page come from the option declarations: each lists every
/// command and every option (alias included) of every command.
@Suite("Completions and man page")
struct CompletionTests {
  static let specs = LLMPlan.commands.map(\.spec)

  @Test(arguments: ShellCompletion.allCases)
  func everyCommandAndOption(shell: ShellCompletion) {
    let outcome = runCLI("completions", shell.rawValue)
    #expect(outcome.code == .success)
    let script = outcome.stdout
    for spec in Self.specs {
      #expect(script.contains(spec.name), "\(shell): \(spec.name)")
      for option in spec.options {
        for name in [option.name] + option.aliases {
          // fish names options without dashes (-l NAME).
          let spelled = shell == .fish ? "-l \(name) " : "--\(name)"
          #expect(script.contains(spelled), "\(shell): \(spec.name) \(spelled)")
        }
      }
    }
  }

  // The bash script parses, and completes a command's options and a choice's values.
  @Test func bashCompletes() throws {
    let script = runCLI("completions", "bash").stdout
    let probe = """
      \(script)
      COMP_WORDS=(llmplan check --format ""); COMP_CWORD=3; _llmplan; echo "${COMPREPLY[*]}"
      COMP_WORDS=(llmplan fit --max-tp); COMP_CWORD=2; _llmplan; echo "${COMPREPLY[*]}"
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", probe]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    process.waitUntilExit()
    let lines = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .split(separator: "\n")
    #expect(process.terminationStatus == 0)
    #expect(lines.first == "table json csv junit github")
    #expect(lines.last == "--max-tpot-ms")
  }

  @Test func manPageListsEverything() {
    let page = runCLI("man").stdout
    #expect(page.hasPrefix(".TH LLMPLAN 1"))
    for spec in Self.specs {
      #expect(page.contains(".SS \(ManPage.roff(spec.name))"), "\(spec.name)")
      for option in spec.options {
        #expect(page.contains(".B \(ManPage.roff(option.label))"), "\(spec.name) \(option.label)")
      }
    }
    // roff: nothing outside ASCII (the rest is written as \[uXXXX]).
    #expect(page.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test(arguments: [
    ["completions"], ["completions", "tcsh"], ["completions", "bash", "x"], ["man", "x"],
  ])
  func badUse(arguments: [String]) {
    let outcome = runCLI(arguments: arguments)
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.split(separator: "\n").count == 1)
  }
}

/// Terminal manners: bare `llmplan` is the overview; `--quiet` leaves only the exit code.
@Suite("Terminal manners")
struct TerminalMannerTests {
  @Test func bareCommandIsTheOverview() {
    let outcome = runCLI(arguments: [])
    #expect(outcome.code == .success)
    #expect(outcome.stdout == runCLI("--help").stdout)
    #expect(runCLI("-V").stdout == "llmplan \(LLMPlan.version)\n")
  }

  @Test(arguments: [
    (["fit", "llama3-70b", "--gpu", "h100"], ExitCode.success),
    (["fit", "llama3-70b", "--gpu", "h100", "--gpus", "2"], .doesNotFit),
    (["check", "Fixtures/deployments/fleet.json"], .doesNotFit),
  ])
  func quietKeepsTheExitCode(arguments: [String], code: ExitCode) {
    let outcome = runCLI(arguments: arguments + ["--quiet"])
    #expect(outcome.code == code)
    #expect(outcome.stdout.isEmpty)
  }

  static func run(_ arguments: [String], columns: String?) -> Outcome {
    LLMPlan.main(
      arguments: arguments,
      terminal: Terminal(environment: columns.map { ["COLUMNS": $0] } ?? [:], isTTY: false))
  }

  // Tables, charts and prose fit the width: COLUMNS, else 100 off a terminal. Every line of
  // the widest answers stays inside it (no word here is longer than 40 characters); columns
  // left out are named; a wide COLUMNS leaves every column in.
  @Test(arguments: [
    ["layouts", "llama3-70b", "--gpu", "h100", "--gpus", "8"], ["gpus"], ["models"],
    ["perf", "llama3-70b", "--gpu", "h100", "--tp", "4", "--batch", "1,32"],
    ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "16", "--emit", "vllm"],
    ["kv", "llama3-70b", "--gpu", "h100"], ["scale", "llama3-70b", "--gpu", "h100"],
    ["check", "Fixtures/deployments/fleet.json"],
  ])
  func outputFitsTheWidth(arguments: [String]) {
    for (columns, width) in [(nil, 100), ("60", 60), ("80", 80)] as [(String?, Int)] {
      let text = Self.run(arguments, columns: columns).stdout
      let wide: [String] = text.split(separator: "\n").map(String.init).filter {
        $0.count > width
      }
      #expect(wide.isEmpty, "\(arguments) at \(width): \(wide.first ?? "")")
    }
    let full = Self.run(arguments, columns: "400").stdout
    #expect(!full.contains("(left out to fit"))
  }

  // A dropped column is named; the ranking column of `layouts` stays.
  @Test func narrowTablesSayWhatTheyLeaveOut() {
    let text = Self.run(["layouts", "llama3-70b", "--gpu", "h100", "--gpus", "8"], columns: nil)
      .stdout
    #expect(text.contains("(left out to fit 100 columns: stages, max seqs, comm/token"))
    #expect(text.contains("tok/s/GPU"))
  }

  // A launch line wider than the terminal continues with a shell backslash: joined back, it is
  // the one-line command the JSON carries.
  @Test func launchLinesContinueWithABackslash() throws {
    let arguments = ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "16", "--emit", "vllm"]
    let text = Self.run(arguments, columns: "80").stdout
    let lines = text.split(separator: "\n").map(String.init)
    let start = try #require(lines.firstIndex { $0.hasPrefix("    vllm serve") })
    var command = ""
    for line in lines[start...] {
      let trimmed = line.drop { $0 == " " }
      command += (command.isEmpty ? "" : " ") + trimmed
      if command.hasSuffix(" \\") { command.removeLast(2) } else { break }
    }
    let json = runCLI(arguments: arguments + ["--format", "json"]).stdout
    #expect(json.contains("\"command\": \"" + command + "\""))
  }

  // COLUMNS outside 20...1,000 or not a number is ignored (100 off a terminal).
  @Test func columnsIsRead() {
    #expect(Terminal(environment: ["COLUMNS": "132"]).width == 132)
    #expect(Terminal(environment: ["COLUMNS": "5"]).width == 100)
    #expect(Terminal(environment: ["COLUMNS": "wide"], columns: 90).width == 90)
    #expect(Terminal().width == 100)
  }
}
