import Foundation
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// The inputs a tool in CI must refuse rather than reinterpret: each is exit 2 with one line
/// that names the option and the value, and says what would be valid.
@Suite("Strict input")
struct HardeningTests {
  @Test(arguments: [
    // Separators inside a number were stripped: `--gpus 1,2` answered for 12 GPUs.
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "1,2"],
      "--gpus: '1,2' is not a whole number from 1 to 65,536"
    ),
    (["kv", "llama3-70b", "--block-size", "1,,2"], "--block-size: '1,,2' is not a whole number"),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--tp", "__1"],
      "--tp: '__1' is not a whole number"
    ),
    (["fit", "llama3-70b", "--gpu", "h100", "--gpus", "8,19,2"], "'8,19,2' is not a whole number"),
    // Hex, infinity and NaN are not numbers here.
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--price", "0x10"],
      "--price: '0x10' is not a price in USD per GPU-hour above 0 and at most 10,000"
    ),
    (["perf", "llama3-70b", "--gpu", "h100", "--price", "inf"], "--price: 'inf' is not a price"),
    (["scale", "--parallel-fraction", "nan"], "--parallel-fraction: 'nan' is not a fraction"),
    // Names match exactly (case and -/_ aside), with a suggestion.
    (["fit", "llama3-70b", "--gpu", "h 100"], "unknown GPU 'h 100'; did you mean 'h100'?"),
    (["fit", "llama3-70b", "--gpu", ",h100"], "unknown GPU ',h100'; did you mean 'h100'?"),
    (
      ["kv", "llama3-70b", "--kv-precision", "bf 16"],
      "unknown precision 'bf 16'; did you mean 'bf16'?"
    ),
    (["kv", "llama3-70b", "--gpu", ""], "--gpu: unknown GPU ''"),
    // A repeated option names both values.
    (
      ["fit", "llama3-70b", "--gpu", "bogus!", "--gpu", "h200"],
      "--gpu given twice: 'bogus!' and 'h200'; give it once"
    ),
    // Efficiencies have physical ranges: a fraction of peak below 1 % is another machine.
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--efficiency", "compute=5e-324"],
      "--efficiency: compute '5e-324' must be 0.01 to 1 (of peak compute)"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--efficiency", "latency=101"],
      "--efficiency: latency '101' must be 0 to 100 (× link latency)"
    ),
    // Options a command ignores are still refused, not skipped.
    (["scale", "--parallel-fraction", "0.9", "--engine", "bogus"], "--engine needs a MODEL"),
  ])
  func refuses(arguments: [String], message: String) {
    let outcome = runCLI(arguments: arguments)
    #expect(outcome.code == .usage)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
  }

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
