import Foundation
import LLMPlanCLI
import LLMPlanTestSupport
import Testing

@Suite("Commands")
struct CommandTests {
  @Test func exitCodes() {
    #expect(runCLI("fit", "llama3-70b", "--gpu", "h100").code == .success)
    #expect(runCLI("fit", "llama3-70b", "--gpu", "h100", "--gpus", "2").code == .doesNotFit)
    #expect(runCLI("fit", "llama3-70b", "--gpu", "h100", "--gpus", "4").code == .success)
    #expect(runCLI("fit", "llama3-70b", "--gpu", "h100", "--max-gpus", "2").code == .doesNotFit)
    #expect(runCLI("fit", "llama3-70b", "--gpu", "h100", "--max-gpus", "3").code == .success)
  }

  @Test func helpAndVersionGoToStdout() {
    for arguments in [
      ["--help"], ["-h"], ["help"], ["fit", "--help"], ["help", "fit"], ["--version"],
    ] {
      let outcome = runCLI(arguments: arguments)
      #expect(outcome.code == .success)
      #expect(!outcome.stdout.isEmpty)
      #expect(outcome.stderr.isEmpty)
    }
  }

  // Lists take "k" like single token counts, and a grouped number is one number.
  @Test func listsAndGroupedNumbers() {
    #expect(runCLI("scale", "--parallel-fraction", "0.9", "--gpus", "1k").code == .success)
    #expect(
      runCLI("perf", "llama3-70b", "--gpu", "h100", "--tp", "4", "--batch", "1,1k").code
        == .doesNotFit)
    let grouped = runCLI("kv", "llama3-70b", "--max-model-len", "8,192", "--format", "json")
    #expect(grouped.code == .success)
    #expect(grouped.stdout.contains("\"maxModelLen\": 8192"))
  }

  // fit plans one replica, so --batch and --concurrency are one number there.
  @Test func fitBatchIsItsConcurrency() {
    let a = runCLI("fit", "llama3-70b", "--gpu", "h100", "--batch", "8", "--format", "json")
    let b = runCLI("fit", "llama3-70b", "--gpu", "h100", "--concurrency", "8", "--format", "json")
    #expect(a == b)
  }

  @Test func jsonContractKeys() {
    let json = runCLI("fit", "llama3-70b", "--gpu", "h100", "--format", "json").stdout
    let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let keys = [
      "schemaVersion", "model", "gpu", "precision", "context", "batch", "method", "gpuCount",
      "fits", "layout", "perGPU", "parameterCount",
    ]
    for key in keys { #expect(object?[key] != nil, "\(key)") }
    #expect(object?["schemaVersion"] as? Int == 1)
    let perGPU = object?["perGPU"] as? [String: Any]
    for key in [
      "weightsBytes", "kvCacheBytes", "activationBytes", "overheadBytes", "totalBytes",
      "capacityBytes",
    ] {
      #expect(perGPU?[key] is Int, "\(key)")
    }
    let layout = object?["layout"] as? [String: Int]
    #expect(layout == ["tp": 1, "pp": 3, "dp": 1, "ep": 1])
  }

  // "Nothing fits" under --format json or csv is still JSON or CSV, carrying the verdict, and
  // exits 1. (GPT-J holds 458,752 B of KV per token: 16M tokens are 7.3 TB, beyond the 224 T4s
  // its 28 layers and TP ≤ 8 allow; a million 2,048-token Falcon-180B sequences fit no count.)
  @Test(arguments: [
    ["layouts", "falcon-180b", "--gpu", "l4", "--context", "2048", "--concurrency", "1000000"],
    ["perf", "gpt-j-6b", "--gpu", "t4", "--input-tokens", "16000000"],
    ["fit", "llama-3.1-405b", "--gpu", "t4", "--max-gpus", "4"],
  ])
  func nothingFitsIsData(arguments: [String]) throws {
    let json = runCLI(arguments: arguments + ["--format", "json"])
    #expect(json.code == .doesNotFit)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let verdict = try #require(object["verdict"] as? [String: Any])
    #expect(verdict["code"] as? String == "impossible")
    let reasons = try #require(verdict["reasons"] as? [[String: Any]])
    #expect(reasons.first?["code"] as? String == "search.nothing-fits")
    let csv = runCLI(arguments: arguments + ["--format", "csv"])
    #expect(csv.code == .doesNotFit)
    let rows = csv.stdout.split(separator: "\r\n").map(csvFields)
    #expect(rows.count == 2)
    #expect(rows.allSatisfy { $0.count == rows[0].count })
  }

  // One machine code per rule and rejection, next to its sentence.
  @Test func ruleAndRejectionCodes() throws {
    let json = runCLI("fit", "llama3-70b", "--gpu", "h100", "--format", "json").stdout
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let perGPU = try #require(object["perGPU"] as? [String: Any])
    let codes = try #require(perGPU["ruleCodes"] as? [String: String])
    #expect(codes["activation"] == "vllm.activation.profile-run")
    #expect(codes["capacity"] == "vllm.capacity.gpu-memory-utilization")
    let short = runCLI("fit", "llama3-70b", "--gpu", "h100", "--gpus", "2", "--format", "json")
    let verdict =
      try #require(
        try JSONSerialization.jsonObject(with: Data(short.stdout.utf8)) as? [String: Any])[
        "verdict"]
      as? [String: Any]
    #expect(verdict?["code"] as? String == "short")
    // 72.33 − 71.26 GiB = 1.07 GiB, as the table prints.
    #expect(
      approx(Double(verdict?["shortByBytes"] as? Int ?? 0) / 1_073_741_824, 1.068, relative: 0.001))
  }

  @Test func colourOnlyWhenAsked() {
    let tty = Terminal(environment: [:], isTTY: true)
    let plain = Terminal(environment: [:], isTTY: false)
    let noColor = Terminal(environment: ["NO_COLOR": "1"], isTTY: true)
    let args = ["fit", "llama3-70b", "--gpu", "h100"]
    #expect(LLMPlan.main(arguments: args, terminal: tty).stdout.contains("\u{1B}["))
    #expect(!LLMPlan.main(arguments: args, terminal: plain).stdout.contains("\u{1B}["))
    #expect(!LLMPlan.main(arguments: args, terminal: noColor).stdout.contains("\u{1B}["))
    #expect(
      LLMPlan.main(arguments: args + ["--color", "always"], terminal: plain).stdout.contains(
        "\u{1B}["))
  }

  // The chart falls back to ASCII on dumb terminals.
  @Test func asciiChartOnDumbTerminal() {
    let dumb = Terminal(environment: ["TERM": "dumb"], isTTY: true)
    let output = LLMPlan.main(arguments: ["kv", "llama3-70b"], terminal: dumb).stdout
    #expect(!output.contains("█") && !output.contains("│"))
    #expect(output.contains("#"))
    #expect(runCLI("kv", "llama3-70b").stdout.contains("█"))
  }

  // README drift: the help quoted in the README is the real help.
  @Test func readmeQuotesRealHelp() throws {
    let readme = try String(
      contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    // Every quoted "$ llmplan …" block but excerpts (a line "…"): help and examples alike.
    var quoted = 0
    for chunk in readme.components(separatedBy: "```\n$ llmplan ").dropFirst() {
      guard let end = chunk.range(of: "```") else { continue }
      let block = String(chunk[..<end.lowerBound])
      let command = String(block.prefix { $0 != "\n" })
      let body = String(block.dropFirst(command.count + 1))
      guard !("\n" + body).contains("\n…\n") else { continue }
      let typed = command.components(separatedBy: "#")[0]
      let arguments = typed.split(separator: " ").map(String.init)
      #expect(
        runCLI(arguments: arguments).stdout == body,
        "README's 'llmplan \(typed)' is stale: run python3 scripts/readme-help.py")
      quoted += 1
    }
    #expect(quoted >= 8)
  }

  // One spawn of the real binary: exit code and streams cross the process boundary.
  @Test func realBinary() throws {
    let binary = repositoryRoot.appendingPathComponent(".build/debug/llmplan")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
    let process = Process()
    process.executableURL = binary
    process.arguments = ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "2", "--format", "csv"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
    #expect(String(decoding: data, as: UTF8.self).hasPrefix("model,gpu,precision"))
  }
}

/// The fields of one CSV line, RFC 4180 quoting honoured.
func csvFields(_ line: Substring) -> [String] {
  var fields: [String] = []
  var field = ""
  var quoted = false
  var previous: Character?
  for character in line {
    if character == "\"" {
      if quoted && previous == "\"" { field.append(character) }
      quoted.toggle()
    } else if character == ",", !quoted {
      fields.append(field)
      field = ""
    } else {
      field.append(character)
    }
    previous = character
  }
  return fields + [field]
}
