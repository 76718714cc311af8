import Foundation
import LLMPlanKit
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `llmplan check FILE`: verdicts per deployment, exit codes, file errors with JSON paths, and
/// the machine formats (JSON, CSV, JUnit XML, GitHub annotations).
@Suite("Deployment checks")
struct CheckTests {
  static let fleet = repositoryRoot.appendingPathComponent("Fixtures/deployments/fleet.json").path

  static func file(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "llmplan-check-\(UUID().uuidString).json")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  // The fixture: three deployments pass, mixtral-8x7b on A100 misses its throughput floor, so
  // the exit code is 1 and the JSON names that row alone.
  @Test func fleetVerdicts() throws {
    let outcome = runCLI("check", Self.fleet, "--format", "json")
    #expect(outcome.code == .doesNotFit)
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    #expect(object["passed"] as? Int == 3)
    #expect(object["failed"] as? Int == 1)
    let rows = try #require(object["deployments"] as? [[String: Any]])
    let failing = rows.filter { $0["passed"] as? Bool == false }.compactMap {
      $0["name"] as? String
    }
    #expect(failing == ["moe-serving"])
  }

  // All passing: exit 0.
  @Test func allPass() throws {
    let path = try Self.file(
      #"{"schemaVersion": 1, "deployments": [{"name": "a", "model": "llama-3.1-8b", "gpu": "h100", "context": 8192, "requirements": {"minHeadroomPercent": 10}}]}"#
    )
    #expect(runCLI("check", path).code == .success)
  }

  // Every problem in the file, each with its JSON path, and exit 2.
  @Test func fileProblemsNameTheirPath() throws {
    let path = try Self.file(
      #"""
      {"schemaVersion": 1, "deployments": [
        {"name": "a", "model": "llama3-70b", "gpu": "h1000"},
        {"model": "llama3-70b", "gpu": "h100"},
        {"name": "c", "model": "llama3-70b", "gpu": "h100", "contxt": 8192},
        {"name": "d", "model": "llama3-70b", "gpu": "h100", "requirements": {"maxTPOT": 40}}
      ]}
      """#)
    let outcome = runCLI("check", path)
    #expect(outcome.code == .usage)
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.count == 4)
    for fragment in [
      "deployments[0] (a): gpu: unknown GPU 'h1000'; did you mean 'h100'?",
      "deployments[1].name: missing",
      "deployments[2].contxt: unknown field; did you mean 'context'?",
      "deployments[3].requirements.maxTPOT: unknown requirement; did you mean 'maxTPOTMs'?",
    ] {
      #expect(lines.contains { $0.contains(fragment) }, "\(fragment)")
    }
  }

  @Test(arguments: [
    "", "[]", #"{"deployments": []}"#, #"{"schemaVersion": 2, "deployments": []}"#,
    #"{"schemaVersion": 1, "deployments": [{"name": "x"#,
  ])
  func brokenFiles(text: String) throws {
    let outcome = runCLI("check", try Self.file(text))
    #expect(outcome.code == .usage)
    #expect(!outcome.stderr.isEmpty)
  }

  // JUnit XML that an XML parser accepts: one testcase per deployment, a failure for the
  // failing one, with its message.
  @Test func junitIsWellFormed() throws {
    let outcome = runCLI("check", Self.fleet, "--format", "junit")
    final class Collector: NSObject, XMLParserDelegate {
      var cases = 0
      var failures: [String] = []
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
      ) {
        if name == "testcase" { cases += 1 }
        if name == "failure" { failures.append(attributes["message"] ?? "") }
      }
    }
    let parser = XMLParser(data: Data(outcome.stdout.utf8))
    let collector = Collector()
    parser.delegate = collector
    #expect(parser.parse())
    #expect(collector.cases == 4)
    #expect(collector.failures.count == 1)
    #expect(collector.failures.first?.contains("minTokensPerSecond") == true)
  }

  // GitHub annotations: one workflow command per deployment, `::error` for the failing one.
  @Test func githubAnnotations() {
    let lines = runCLI("check", Self.fleet, "--format", "github").stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.filter { $0.hasPrefix("::error file=") }.count == 1)
    #expect(lines.filter { $0.hasPrefix("::notice file=") }.count == 3)
    #expect(lines.allSatisfy { $0.contains(",title=llmplan check%3A ") })
  }

  // Workflow-command and XML escaping.
  @Test func escaping() {
    #expect(CheckReport.githubData("50% of a\nb") == "50%25 of a%0Ab")
    #expect(CheckReport.githubProperty("a:b,c") == "a%3Ab%2Cc")
    #expect(CheckReport.xml("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;")
  }

  // CSV: one record per deployment, every record as wide as the header.
  @Test func csvRows() {
    let records = runCLI("check", Self.fleet, "--format", "csv").stdout.split(separator: "\r\n")
    #expect(records.count == 5)
    let width = csvFields(records[0]).count
    #expect(records.allSatisfy { csvFields($0).count == width })
  }
}

/// Every command's JSON starts with its schema version and the tool that wrote it (README,
/// "Output formats", compatibility promise).
@Suite("JSON identity")
struct JSONIdentityTests {
  @Test(arguments: [
    ["fit", "llama3-70b", "--gpu", "h100"], ["kv", "llama3-70b"],
    ["layouts", "llama3-70b", "--gpu", "h100", "--gpus", "8"],
    ["perf", "llama3-70b", "--gpu", "h100"], ["compare", "llama3-70b", "--gpu", "h100,h200"],
    ["memory", "llama3-70b"], ["gpus"], ["models"], ["engines"],
    ["scale", "llama3-70b", "--gpu", "h100", "--gpus", "1,2"],
    ["serve", "llama-3.1-8b", "--gpu", "h100", "--rate", "1", "--requests", "10"],
    ["check", "Fixtures/deployments/fleet.json"],
  ])
  func schemaAndTool(arguments: [String]) throws {
    let outcome = runCLI(arguments: arguments + ["--format", "json"])
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    #expect(object["tool"] as? String == "llmplan \(LLMPlan.version)")
  }
}
