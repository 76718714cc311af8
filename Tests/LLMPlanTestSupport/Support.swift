import Foundation
import LLMPlanCLI
import LLMPlanKit

/// Runs the CLI in-process with a non-TTY terminal.
public func runCLI(_ arguments: String...) -> Outcome {
  LLMPlan.main(arguments: arguments, terminal: Terminal(environment: [:], isTTY: false))
}

/// Runs the CLI in-process with an argument array.
public func runCLI(arguments: [String]) -> Outcome {
  LLMPlan.main(arguments: arguments, terminal: Terminal(environment: [:], isTTY: false))
}

/// A built-in model by name; tests name only models the catalog has.
public func model(_ name: String) -> ModelSpec { ModelCatalog.builtin.model(named: name)! }

/// A built-in GPU by name.
public func gpu(_ name: String) -> GPUSpec { GPUCatalog.builtin.gpu(named: name)! }

/// A new file under the temporary directory holding `text`; its path.
public func temporaryFile(_ text: String, name: String = "input.json") throws -> String {
  try temporaryFile(Array(text.utf8), name: name)
}

/// A new file under the temporary directory holding `bytes`; its path.
public func temporaryFile(_ bytes: [UInt8], name: String) throws -> String {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("llmplan-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let url = directory.appendingPathComponent(name)
  try Data(bytes).write(to: url)
  return url.path
}

/// Whether `a` is within `tolerance` (relative) of `b`.
public func approx(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
  abs(a - b) <= tolerance * max(abs(a), abs(b))
}

/// The repository root, found from this file's path.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Golden files under Fixtures/golden. `LLMPLAN_RECORD=1 swift test` rewrites them (and the
/// comparison fails on purpose, so a recording run is never mistaken for a passing one).
public enum Golden {
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["LLMPLAN_RECORD"] == "1"
  }

  /// `nil` when `actual` equals the golden file; otherwise a message with a line diff.
  public static func mismatch(_ actual: String, file name: String) -> String? {
    let url = repositoryRoot.appendingPathComponent("Fixtures/golden/\(name)")
    if isRecording {
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      return "recorded \(name); run again without LLMPLAN_RECORD"
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return
        "missing golden file Fixtures/golden/\(name); record it with LLMPLAN_RECORD=1 swift test"
    }
    return expected == actual ? nil : diff(expected: expected, actual: actual, name: name)
  }

  static func diff(expected: String, actual: String, name: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines = ["\(name) differs (- golden, + actual):"]
    for index in 0..<max(old.count, new.count) {
      let a = index < old.count ? String(old[index]) : nil
      let b = index < new.count ? String(new[index]) : nil
      if a != b {
        if let a { lines.append("-\(index + 1): \(a)") }
        if let b { lines.append("+\(index + 1): \(b)") }
      }
    }
    return lines.prefix(40).joined(separator: "\n")
  }
}
