import LLMPlanTestSupport
import Testing

/// `--gpu-catalog FILE`: user GPUs added to the catalog or built-in ones overridden.
@Suite("GPU catalog files")
struct GPUCatalogFileTests {
  static let fleet = repositoryRoot.appendingPathComponent("Fixtures/catalogs/fleet.json").path

  // An override changes one field of a catalog GPU and keeps the rest; a GPU built on a base
  // inherits its figures and its calibration family.
  @Test func overridesAndAdditions() {
    let h100 = runCLI("gpus", "h100", "--gpu-catalog", Self.fleet)
    #expect(h100.stdout.contains("$2.10 per GPU-hour"))
    #expect(h100.stdout.contains("79.18 GiB"))
    let mine = runCLI(
      "perf", "llama-3.1-8b", "--gpu", "prod-h100", "--gpu-catalog", Self.fleet, "--engine",
      "trtllm@0.10", "--format", "json")
    #expect(mine.code == .success)
    #expect(
      mine.stdout.contains("\"basis\": \"fitted on trtllm@0.10's hopper 16-bit measurements\""))
    #expect(mine.stdout.contains("\"pricePerGPUHour\": 1.65"))
  }

  // A MIG slice: 40 GB given, compute and bandwidth scaled by the fractions given.
  // 989.4 TFLOPS × 0.4286 = 424.06; 3.35 TB/s × 0.5 = 1.675.
  @Test func migSlice() {
    let slice = runCLI("gpus", "h100-3g.40gb", "--gpu-catalog", Self.fleet).stdout
    #expect(slice.contains("424.1 TFLOPS dense"))
    #expect(slice.contains("1.675 TB/s"))
    #expect(slice.contains("39.25 GiB"))
  }

  // Without the option, the catalog is the built-in one.
  @Test func onlyWhenAsked() {
    #expect(runCLI("gpus", "my-h100").code == .usage)
    #expect(
      runCLI("gpus", "--gpu-catalog", Self.fleet, "--format", "csv").stdout.contains("my-h100,"))
  }

  // Every problem at once, each naming the file and the JSON path.
  @Test func problemsNameThePath() throws {
    let file = try temporaryFile(
      """
      {"schemaVersion": 2, "gpus": [
        {"id": "x1", "memoryGB": "lots", "bandwidthTBps": 1},
        {"id": "h100", "pricePerHuor": 2},
        {"id": "ok", "base": "a100", "aliases": ["h100"]},
        {"id": "ok", "base": "a100"}
      ]}
      """)
    let outcome = runCLI("fit", "llama3-70b", "--gpu", "h100", "--gpu-catalog", file)
    #expect(outcome.code == .usage)
    #expect(outcome.stdout.isEmpty)
    let lines = outcome.stderr.split(separator: "\n")
    for expected in [
      "schemaVersion: 2 is not 1", "gpus[0].memoryGB: expected a number, got \"lots\"",
      "gpus[0].fp16TFLOPS: missing",
      "gpus[1].pricePerHuor: unknown key; did you mean 'pricePerHour'?",
      "gpus[3].id: 'ok' is already defined at gpus[2]", "'h100' of ok also names h100",
    ] {
      #expect(
        lines.contains { $0.contains(expected) && $0.hasPrefix("llmplan: error: \(file): ") },
        "\(expected)")
    }
  }

  @Test(arguments: ["{\"gpus\": [", "[]", "", "{\"gpus\": 3}", "\u{FF}\u{FE}"])
  func brokenFiles(text: String) throws {
    let file = try temporaryFile(text)
    let outcome = runCLI("gpus", "--gpu-catalog", file)
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.hasPrefix("llmplan: error: \(file): "))
    #expect(outcome.stderr.split(separator: "\n").count >= 1)
  }

  @Test func missingFile() {
    let outcome = runCLI("gpus", "--gpu-catalog", "/nonexistent/fleet.json")
    #expect(
      outcome.stderr
        == "llmplan: error: /nonexistent/fleet.json: cannot be read (No such file or directory)\n")
  }
}
