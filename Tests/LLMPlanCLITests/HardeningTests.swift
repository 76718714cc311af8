import Foundation
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// The inputs a tool in CI must refuse rather than reinterpret, beyond the single cases in
/// ErrorTests' table: bounded lists, one-line messages, the number grammar, data on a miss.
@Suite("Strict input")
struct HardeningTests {
  // Lists are bounded (64 values), so no input asks for unbounded work.
  @Test func longListsAreRefused() {
    let contexts = (1...5_000).map { String(512 + $0) }.joined(separator: ",")
    let kv = runCLI("kv", "phi-2", "--contexts", contexts)
    #expect(kv.code == .usage)
    #expect(kv.stderr.contains("has 5,000 values; at most 64"))
    let counts = Array(repeating: "4096", count: 300).joined(separator: ",")
    let scale = runCLI("scale", "llama3-70b", "--gpu", "h100", "--gpus", counts)
    #expect(scale.stderr.contains("has 300 values; at most 64"))
  }

  // One line per problem: a newline inside a value is escaped, a 10,000-character value is
  // shortened to its ends and its length.
  @Test func messagesStayOnOneLine() {
    let newline = runCLI("fit", "llama3-70b", "--gpu", "h1\n00")
    #expect(
      newline.stderr
        == "llmplan: error: --gpu: unknown GPU 'h1\\n00'; did you mean 'h100'? (see 'llmplan gpus')\n"
    )
    let long = runCLI("fit", "llama3-70b", "--gpu", String(repeating: "x", count: 10_000))
    #expect(long.stderr.split(separator: "\n").count == 1)
    #expect(long.stderr.contains("(10,000 characters)"))
    #expect(long.stderr.count < 300)
  }

  // The number grammar: what it accepts and what it refuses.
  @Test func numberGrammar() {
    #expect(NumberText.integer("8,192") == "8192")
    #expect(NumberText.integer("1_000_000") == "1000000")
    #expect(NumberText.integer("-5") == "-5")
    for bad in ["1,2", "1,,2", "__1", "8,19,2", "1,000_000", "0x10", " 8", "8 ", "٣", "", "1.0"] {
      #expect(NumberText.integer(bad) == nil, "\(bad)")
    }
    #expect(NumberText.decimal("1e-3") == 0.001)
    #expect(NumberText.decimal(".5") == 0.5)
    #expect(NumberText.decimal("-2.") == -2)
    for bad in ["0x10", "inf", "nan", "1e", "e5", ".", "1,5", "1e400", " 1", "+-1"] {
      #expect(NumberText.decimal(bad) == nil, "\(bad)")
    }
  }

  // "Does not fit" stays data under --format json: perf and layouts print their verdict.
  @Test func nothingFitsIsStillJSON() throws {
    for arguments in [
      ["perf", "llama-3.1-405b", "--gpu", "t4", "--tp", "1", "--format", "json"],
      ["layouts", "llama-3.1-405b", "--gpu", "t4", "--gpus", "2", "--format", "json"],
    ] {
      let outcome = runCLI(arguments: arguments)
      #expect(outcome.code == .doesNotFit)
      let document = try JSONParser.parse(Array(outcome.stdout.utf8)).get()
      #expect(document["verdict"]?["code"]?.string == "short")
    }
  }
}
