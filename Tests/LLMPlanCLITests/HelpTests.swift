import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// Help is generated from the option declarations: every option is in it with its default,
/// nothing runs past 100 columns, and a name means one thing in every command.
@Suite("Help and option declarations")
struct HelpTests {
  static let commands = LLMPlan.commands.map(\.spec)

  // The table's names are the declarations' own (the table names commands without building
  // their declarations).
  @Test func entryNamesMatchDeclarations() {
    for entry in LLMPlan.commands { #expect(entry.name == entry.spec.name) }
  }

  @Test(arguments: commands.map(\.name))
  func helpShowsEveryOptionWithItsDefault(command: String) throws {
    let spec = try #require(Self.commands.first { $0.name == command })
    let help = runCLI(command, "--help").stdout
    #expect(help == spec.help)
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
    for option in spec.options {
      // The option's line starts with its label; its text ends (perhaps lines later) with the
      // default, "required", or nothing for a flag.
      let start = try #require(
        lines.firstIndex { $0.hasPrefix("  " + option.label + " ") || $0 == "  " + option.label },
        "\(command): --\(option.name) missing from help")
      let text = lines[start...].prefix { !$0.isEmpty }.joined(separator: " ")
      if !option.isFlag {
        #expect(
          option.isRequired || option.defaultDescription != nil,
          "\(command): --\(option.name) states no default")
        #expect(
          text.contains(option.isRequired ? "required" : "default: "),
          "\(command): --\(option.name)'s default is not in its help")
      }
      for alias in option.aliases {
        #expect(text.contains("--\(alias)"), "\(command): alias --\(alias) is not in help")
      }
    }
  }

  @Test func noHelpLineIsWiderThan80Columns() {
    let texts = [runCLI("--help").stdout] + Self.commands.map { runCLI($0.name, "--help").stdout }
    for text in texts {
      for line in text.split(separator: "\n") {
        #expect(line.count <= 80, "\(line.count) columns: \(line)")
      }
    }
  }

  // "--context" means tokens per sequence wherever it appears; kv's list of lengths is
  // "--contexts". Each spelling, canonical or alias, maps to one meaning across commands.
  @Test func oneMeaningPerOptionName() {
    var meanings: [String: Set<String>] = [:]
    for spec in Self.commands {
      for option in spec.options {
        for name in [option.name] + option.aliases {
          meanings[name, default: []].insert(option.meaning)
        }
      }
    }
    for (name, set) in meanings {
      #expect(set.count == 1, "--\(name) has \(set.count) meanings: \(set.sorted())")
    }
  }

  // Every stand-in an unknown option is pointed to is an option of that command, and the name
  // it stands in for is not.
  @Test func standInsExist() {
    for spec in Self.commands {
      for (name, standIn) in spec.insteadOf {
        #expect(spec.option(named: standIn) != nil, "\(spec.name): --\(standIn)")
        #expect(spec.option(named: name) == nil, "\(spec.name): --\(name)")
      }
    }
  }

  // No command declares two options, or an alias, under one name.
  @Test func namesAreUniqueWithinACommand() {
    for spec in Self.commands {
      let names = spec.options.flatMap { [$0.name] + $0.aliases }
      #expect(Set(names).count == names.count, "\(spec.name): \(names)")
    }
  }

  // The reader names the option as the user typed it.
  @Test func problemsNameTheSpellingTyped() {
    let alias = runCLI("kv", "llama3-70b", "--max-model-len", "lots")
    #expect(alias.stderr.contains("--max-model-len: 'lots' is not a whole number"))
    let canonical = runCLI("kv", "llama3-70b", "--context", "lots")
    #expect(canonical.stderr.contains("--context: 'lots' is not a whole number"))
  }

  // A missing required option names an example and where to find the values.
  // Every option that takes a number states its valid range in help (the same words its
  // errors use): a CI author reads the limits before hitting them.
  @Test func numericOptionsStateTheirRange() {
    let numeric: Set<String> = ["N", "TOKENS", "F", "USD", "T", "R", "MS", "P%", "P", "N,…"]
    for spec in Self.commands {
      for option in spec.options
      where numeric.contains(option.placeholder ?? "") && option.choices.isEmpty {
        #expect(option.range != nil, "\(spec.name) --\(option.name) has no range in its help")
        if let range = option.range {
          #expect(option.helpText.contains(range), "\(spec.name) --\(option.name)")
        }
      }
    }
  }

  @Test func requiredOptions() {
    let outcome = runCLI("fit", "llama3-70b")
    #expect(outcome.code == .usage)
    #expect(
      outcome.stderr
        == "llmplan: error: fit needs --gpu GPU (for example --gpu h100; see 'llmplan gpus')\n")
  }
}
