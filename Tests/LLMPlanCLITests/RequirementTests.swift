import Foundation
import LLMPlanKit
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// CI sizing checks on `fit`: every requirement kind passing and failing, exit codes, JSON.
@Suite("Requirements")
struct RequirementTests {
  static func json(_ arguments: [String]) throws -> (ExitCode, [String: Any]) {
    let outcome = runCLI(arguments: ["fit"] + arguments + ["--format", "json"])
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    return (outcome.code, object)
  }

  // A floor is met at or above its limit, a ceiling at or below; the margin is the distance
  // inside the limit (negative outside).
  @Test func marginsAndBounds() {
    let floor = Requirement.Result(requirement: Requirement(.headroomPercent, 10), value: 17.5)
    #expect(floor.met && floor.margin == 7.5)
    let ceiling = Requirement.Result(requirement: Requirement(.tpotMs, 40), value: 45)
    #expect(!ceiling.met && ceiling.margin == -5)
    let missing = Requirement.Result(
      requirement: Requirement(.costPerMillionTokens, 1), value: nil)
    #expect(!missing.met && missing.margin == nil)
  }

  // Llama-3-70B on H100 at its 8,192-token default context fits on 3 GPUs as TP1 × PP3; the
  // headroom requirement reads the same per-GPU figures the JSON prints: headroom / capacity.
  @Test func headroomIsTheFullestGPUsShare() throws {
    let (code, object) = try Self.json(["llama3-70b", "--gpu", "h100", "--min-headroom", "10%"])
    #expect(code == .success)
    let perGPU = try #require(object["perGPU"] as? [String: Any])
    let headroom = try #require(perGPU["headroomBytes"] as? Double)
    let capacity = try #require(perGPU["capacityBytes"] as? Double)
    let check = try #require(object["requirements"] as? [String: Any])
    let results = try #require(check["results"] as? [[String: Any]])
    let value = try #require(results.first?["value"] as? Double)
    #expect(abs(value - headroom / capacity * 100) < 1e-3)
    #expect(check["met"] as? Bool == true)
  }

  // Each kind, once met (a limit the plan clears) and once failed (one it cannot): exit 0 and
  // 1, with the failing requirement named in the verdict.
  @Test(arguments: [
    ("--min-headroom", "1%", "99%"),
    ("--min-concurrency", "1", "100000"),
    ("--max-ttft-ms", "100000", "0.001"),
    ("--max-tpot-ms", "100000", "0.001"),
    ("--min-tokens-per-second", "1", "100000000"),
    ("--max-cost-per-million-tokens", "100000", "0.0001"),
  ])
  func everyKindPassesAndFails(option: String, passing: String, failing: String) throws {
    let base = ["llama-3.1-8b", "--gpu", "h100", "--context", "8k"]
    let (passed, _) = try Self.json(base + [option, passing])
    #expect(passed == .success)
    let (failed, object) = try Self.json(base + [option, failing])
    #expect(failed == .doesNotFit)
    let verdict = try #require(object["verdict"] as? [String: Any])
    #expect(verdict["code"] as? String == "fails-requirements")
    let names = (verdict["failed"] as? [[String: Any]])?.compactMap { $0["requirement"] as? String }
    #expect(names == [String(option.dropFirst(2))])
  }

  // Malformed limits and requirements the rule of thumb cannot answer: exit 2, one line.
  @Test(arguments: [
    ["--min-headroom", "150%"], ["--min-headroom", "ten"], ["--max-tpot-ms", "0"],
    ["--max-tpot-ms", "-5"], ["--min-headroom", "10", "--method", "rule-of-thumb"],
  ])
  func badLimits(extra: [String]) {
    let outcome = runCLI(arguments: ["fit", "llama3-70b", "--gpu", "h100"] + extra)
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.split(separator: "\n").count == 1)
  }

  // Nothing fits: the answer is already exit 1, and the requirement says it has no figure.
  @Test func nothingFits() {
    let outcome = runCLI(
      "fit", "llama-3.1-405b", "--gpu", "t4", "--max-gpus", "4", "--max-tpot-ms", "10")
    #expect(outcome.code == .doesNotFit)
    #expect(outcome.stdout.contains("TPOT: no figure (nothing fits)"))
  }

  // perf: each requirement against the worst row for its figure. Two batches of Llama-3-70B
  // on 4 × H100: the TPOT requirement reads the larger batch's (slower) step, the throughput
  // floor the smaller batch's; both equal the rows the JSON prints.
  @Test func perfWorstRows() throws {
    let outcome = runCLI(
      "perf", "llama3-70b", "--gpu", "h100", "--tp", "4", "--batch", "1,32", "--max-tpot-ms",
      "100000", "--min-tokens-per-second", "1", "--format", "json")
    #expect(outcome.code == .success)
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let rows = try #require(object["results"] as? [[String: Any]])
    let tpots = rows.compactMap { $0["tpotMs"] as? Double }
    let throughputs = rows.compactMap { $0["outputTokensPerSecond"] as? Double }
    let check = try #require(object["requirements"] as? [String: Any])
    let results = try #require(check["results"] as? [[String: Any]])
    let values = results.compactMap { $0["value"] as? Double }
    #expect(values.count == 2)
    #expect(abs(values[0] - tpots.max()!) < 1e-3)
    #expect(abs(values[1] - throughputs.min()!) < 0.01)
    let failing = runCLI(
      "perf", "llama3-70b", "--gpu", "h100", "--tp", "4", "--batch", "32", "--max-tpot-ms", "1",
      "--quiet")
    #expect(failing.code == .doesNotFit)
    #expect(failing.stdout.isEmpty)
  }

  // serve: the simulated run's output tokens/s and its cost at the given price — cost = price ×
  // GPUs / 3,600 / tokens/s × 10⁶ (USD per million output tokens) — pass and fail with exit 0
  // and 1; the values are the ones the JSON reports. TTFT/TPOT requirements point to the
  // percentile targets; requirements and --disaggregate do not mix (exit 2).
  @Test func serveRequirements() throws {
    let base = [
      "serve", "llama-3.1-8b", "--gpu", "h100", "--rate", "5", "--requests", "200",
      "--price", "2", "--format", "json",
    ]
    let outcome = runCLI(
      arguments: base + ["--min-tokens-per-second", "1", "--max-cost-per-million-tokens", "1000"])
    #expect(outcome.code == .success)
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let tokensPerSecond = try #require(object["outputTokensPerSecond"] as? Double)
    let check = try #require(object["requirements"] as? [String: Any])
    let values = try #require(check["results"] as? [[String: Any]]).compactMap {
      $0["value"] as? Double
    }
    #expect(values.count == 2)
    #expect(abs(values[0] - tokensPerSecond) < 0.01)
    #expect(abs(values[1] - 2 * 1 / 3600 / tokensPerSecond * 1e6) < 1e-3)
    let failing = runCLI(arguments: base + ["--min-tokens-per-second", "1e9"])
    #expect(failing.code == .doesNotFit)
    #expect(failing.stdout.contains("fails-requirements"))
    for extra in [
      ["--max-tpot-ms", "40"], ["--disaggregate", "--gpus", "4", "--min-headroom", "5%"],
    ] {
      let bad = runCLI(arguments: Array(base.dropLast(2)) + extra)
      #expect(bad.code == .usage)
      #expect(bad.stderr.split(separator: "\n").count == 1, "\(extra)")
    }
    #expect(
      runCLI(arguments: Array(base.dropLast(2)) + ["--max-tpot-ms", "40"]).stderr.contains(
        "--tpot-p99"))
  }
}
