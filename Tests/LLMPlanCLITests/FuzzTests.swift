import Foundation
import LLMPlanKit
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// Seeded fuzzing of everything a user hands llmplan: argv for every command and option, and
/// mutated input files. Every case must end with exit 0, 1 or 2; exit 2 with one
/// `llmplan: error:` line per problem and nothing on stdout; valid JSON or CSV when asked; no
/// control character in a message, no `nan` or `inf` as a figure; the same output twice.
/// `LLMPLAN_FUZZ_ITERATIONS=N` runs N argv cases (default 1,500) and scales the file cases.
/// Model files cut at every byte and mutated are CorruptFileTests'.
@Suite("Fuzzing")
struct FuzzTests {
  static var iterations: Int {
    ProcessInfo.processInfo.environment["LLMPLAN_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_500
  }

  // argv: a command, maybe its positional, up to six options with values drawn from valid,
  // boundary and hostile pools, flags, `--name=value`, repeats and unknown names.
  @Test func randomArguments() {
    var random = SplitMix(seed: 0x6C6C_6D70_6C61_6E31)
    var failures: [String] = []
    var codes: [ExitCode: Int] = [:]
    for index in 0..<Self.iterations {
      let arguments = Self.arguments(&random)
      let outcome = runCLI(arguments: arguments)
      codes[outcome.code, default: 0] += 1
      failures += Self.violations(arguments, outcome)
      if index % 10 == 0, runCLI(arguments: arguments) != outcome {
        failures.append("\(arguments): a second run printed something else")
      }
      if failures.count > 5 { break }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    print(
      "fuzz: \(Self.iterations) argv cases: \(codes.map { "exit \($0.key.rawValue): \($0.value)" }.sorted())"
    )
    // The pools reach every outcome: answers, "does not fit" and input errors.
    #expect(codes[.success, default: 0] > 0 && codes[.usage, default: 0] > 0)
    #expect(codes[.doesNotFit, default: 0] > 0)
  }

  // Input files with bytes flipped, deleted, duplicated and cut: config.json, the GPU
  // catalog, the deployment file and both trace formats, each through the command that
  // reads it.
  @Test(arguments: [
    ("Fixtures/configs/Llama-3.1-8B.json", ["memory", "FILE", "--format", "json"]),
    ("Fixtures/configs/DeepSeek-V3.json", ["fit", "FILE", "--gpu", "h200"]),
    ("Fixtures/catalogs/fleet.json", ["gpus", "--gpu-catalog", "FILE", "--format", "csv"]),
    ("Fixtures/deployments/fleet.json", ["check", "FILE", "--format", "junit"]),
    (
      "Fixtures/traces/requests.jsonl",
      ["serve", "llama-3.1-8b", "--gpu", "h100", "--trace", "FILE", "--format", "json"]
    ),
    (
      "Fixtures/traces/requests.csv",
      ["serve", "llama-3.1-8b", "--gpu", "h100", "--trace", "FILE"]
    ),
  ])
  func mutatedFiles(fixture: String, command: [String]) throws {
    let original = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent(fixture)))
    var random = SplitMix(seed: fixture.utf8.reduce(0x9E37) { $0 &* 31 &+ UInt64($1) })
    let name = (fixture as NSString).lastPathComponent
    var failures: [String] = []
    for _ in 0..<max(20, Self.iterations / 15) {
      let bytes = Self.mutate(original, &random)
      let path = try temporaryFile(bytes, name: name)
      let arguments = command.map { $0 == "FILE" ? path : $0 }
      failures += Self.violations(arguments, runCLI(arguments: arguments))
      if failures.count > 5 { break }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
  }

  // MARK: checks

  /// What a case did wrong, if anything.
  static func violations(_ arguments: [String], _ outcome: Outcome) -> [String] {
    let shown = Message.oneLine(arguments.map { "'\($0)'" }.joined(separator: " "))
    var found: [String] = []
    let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
      .dropLast()
    for line in lines
    where !line.hasPrefix("llmplan: ") {
      found.append("\(shown): stderr line without the prefix: \(line.prefix(120))")
    }
    if outcome.stderr.unicodeScalars.contains(where: {
      ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F
    }) {
      found.append("\(shown): a control character in a message")
    }
    if !outcome.stderr.isEmpty, !outcome.stderr.hasSuffix("\n") {
      found.append("\(shown): stderr does not end its line")
    }
    switch outcome.code {
    case .usage:
      if !lines.contains(where: { $0.hasPrefix("llmplan: error: ") }) {
        found.append("\(shown): exit 2 without an error line")
      }
      if !outcome.stdout.isEmpty { found.append("\(shown): exit 2 with output on stdout") }
    case .success, .doesNotFit:
      let format = Array(zip(arguments, arguments.dropFirst())).last { $0.0 == "--format" }?.1
      let quiet = arguments.contains("--quiet")
      if !quiet, format == "json",
        case .failure(let error) = JSONParser.parse(Array(outcome.stdout.utf8))
      {
        found.append("\(shown): --format json printed invalid JSON (\(error))")
      }
      if !quiet, format == "csv", let problem = csvProblem(outcome.stdout) {
        found.append("\(shown): --format csv: \(problem)")
      }
      if outcome.stdout.split(whereSeparator: { " ,\n\r\"".contains($0) }).contains(where: {
        $0 == "nan" || $0 == "-nan" || $0 == "-inf"
      }) {
        found.append("\(shown): a figure printed as nan or -inf")
      }
    }
    return found
  }

  /// Why `text` is not RFC 4180 CSV as llmplan writes it (CRLF records, balanced quotes, one
  /// field count), or `nil`.
  static func csvProblem(_ text: String) -> String? {
    guard !text.isEmpty else { return "empty" }
    guard text.hasSuffix("\r\n") else { return "the last record does not end in CRLF" }
    var records: [Int] = []
    var fields = 1
    var quoted = false
    var previous: Character = "\n"
    for character in text {
      if character == "\"" {
        quoted.toggle()
      } else if !quoted, character == "," {
        fields += 1
      } else if !quoted, character == "\r\n" {
        records.append(fields)
        fields = 1
      } else if !quoted, character == "\n" {
        return "a bare LF between records"
      }
      previous = character
    }
    _ = previous
    if quoted { return "an unclosed quote" }
    if Set(records).count > 1 {
      return "records with different field counts: \(Set(records).sorted())"
    }
    return nil
  }

  // MARK: generators

  static let models = [
    "llama3-70b", "llama-3.1-8b", "mixtral-8x7b", "deepseek-v3", "qwen3-30b-a3b", "phi-2",
    "Fixtures/configs/Llama-3.1-8B.json", "meta-llama/Llama-3.1-8B-Instruct-FP8", "bogus-model",
    "", "/nonexistent/config.json", "ｌｌａｍａ", String(repeating: "m", count: 300), "-5",
  ]

  static let values = [
    "", "0", "1", "2", "3", "8", "16", "-1", "-0", "1.5", "0.5", "1e3", "1e308", "1e-320", "nan",
    "inf", "-inf", "0x10", "1,2", "1,000", "1,,2", "__1", "1_000", "8k", "8K", "0k", "999k",
    "99999999999999999999", " 8", "8 ", "٣", "2s", "50ms", "0ms", "10%", "150%", "%", "h100",
    "h 100", ",h100", "bf16", "bf 16", "fp8", "int4", "q4_k_m", "auto", "vllm", "vllm@0.7",
    "sglang@99", "trtllm", "llamacpp", "none", "compute=0.5", "memory=0.001", "decode-us=5e-324",
    "compute=0.5,memory=0.9", "ideal", "h100=2.5", "a=b", "Fixtures/traces/requests.jsonl",
    "/nonexistent", "\u{1}\n\t", "\u{7F}", String(repeating: "x", count: 5_000),
    (1...100).map(String.init).joined(separator: ","),
    (1...64).map { String($0 * 1024) }
      .joined(separator: ","),
    "json", "csv", "table", "junit", "k8s", "node", "instance", "gpu", "throughput", "latency",
  ]

  /// A value of the kind `option` takes, mostly valid: its choices, its example, or numbers
  /// and units that fit its placeholder.
  static func plausibleValue(_ option: OptionInfo, _ random: inout SplitMix) -> String {
    func pick(_ pool: [String]) -> String { pool[Int(random.next() % UInt64(pool.count))] }
    if !option.choices.isEmpty, random.next() % 4 != 0 { return pick(option.choices) }
    switch option.placeholder ?? "" {
    case "N": return pick(["1", "2", "4", "8", "32", "64"])
    case "TOKENS": return pick(["512", "2048", "8k", "32k", "128k"])
    case "F", "P": return pick(["0.5", "0.9", "0.95", "fp8", "int4"])
    case "T": return pick(["2s", "50ms", "500ms"])
    case "P%": return pick(["5%", "10%", "50%"])
    case "R": return pick(["1", "5", "20", "inf"])
    case "USD": return pick(["1.5", "3"])
    case "MS": return pick(["20", "100", "2000"])
    default: return option.example ?? pick(["1", "8", "1,8,32", "2048,8192"])
    }
  }

  static func arguments(_ random: inout SplitMix) -> [String] {
    let commands = LLMPlan.commands
    let entry = commands[Int(random.next() % UInt64(commands.count))]
    let spec = entry.spec
    var arguments = [entry.name]
    // Half the cases are plausible (valid model and GPU, values from the valid pool), so
    // that answers and "does not fit" are fuzzed too, not only the parser.
    let plausible = random.next() % 2 == 0
    if spec.positional != nil, random.next() % 8 != 0 {
      let pool = plausible ? Array(models.prefix(6)) : models
      arguments.append(pool[Int(random.next() % UInt64(pool.count))])
    }
    if plausible, spec.options.contains(where: { $0.name == "gpu" }) {
      let gpus = ["h100", "l4", "t4", "a100-40gb", "b200", "rtx4090", "h100,l40s"]
      arguments += [
        "--gpu",
        gpus[Int(random.next() % UInt64(entry.name == "compare" || entry.name == "kv" ? 7 : 6))],
      ]
    }
    for _ in 0..<Int(random.next() % (plausible ? 4 : 7)) {
      let roll = random.next() % 20
      if roll == 0 {
        arguments.append("--bogus-option")
        continue
      }
      if roll == 1, arguments.count > 1 {
        arguments.append(arguments[Int(random.next() % UInt64(arguments.count))])
        continue
      }
      let option = spec.options[Int(random.next() % UInt64(spec.options.count))]
      if option.name == "help" { continue }
      guard !option.isFlag else {
        arguments.append("--\(option.name)")
        continue
      }
      let value: String
      if plausible {
        value = plausibleValue(option, &random)
      } else {
        switch random.next() % 4 {
        case 0 where !option.choices.isEmpty:
          value = option.choices[Int(random.next() % UInt64(option.choices.count))]
        case 1 where option.example != nil: value = option.example!
        default: value = values[Int(random.next() % UInt64(values.count))]
        }
      }
      if option.name == "requests", value.count > 4 { continue }  // bounded by the benchmark
      if random.next() % 5 == 0 {
        arguments.append("--\(option.name)=\(value)")
      } else {
        arguments += ["--\(option.name)", value]
      }
    }
    if random.next() % 3 == 0 {
      arguments += ["--format", random.next() % 2 == 0 ? "json" : "csv"]
    }
    return arguments
  }

  /// `bytes` with up to four edits: a byte changed, a run deleted or repeated, the end cut.
  static func mutate(_ bytes: [UInt8], _ random: inout SplitMix) -> [UInt8] {
    var out = bytes
    for _ in 0..<(1 + Int(random.next() % 4)) where !out.isEmpty {
      let at = Int(random.next() % UInt64(out.count))
      switch random.next() % 5 {
      case 0: out[at] = UInt8(truncatingIfNeeded: random.next())
      case 1:
        let structural = Array("{}[]\",:0-9en".utf8)
        out[at] = structural[Int(random.next() % UInt64(structural.count))]
      case 2: out.removeSubrange(at..<min(out.count, at + Int(random.next() % 16) + 1))
      case 3: out.insert(contentsOf: out[at..<min(out.count, at + 12)], at: at)
      default: out.removeSubrange(at...)
      }
    }
    return out
  }
}
