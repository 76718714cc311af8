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
}
