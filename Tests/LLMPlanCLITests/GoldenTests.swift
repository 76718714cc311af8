import LLMPlanCLI
import LLMPlanTestSupport
import Testing

/// Byte-for-byte outputs under Fixtures/golden. Re-record with `LLMPLAN_RECORD=1 swift test`.
@Suite("Golden outputs")
struct GoldenTests {
  static let cases: [(String, [String], ExitCode)] = [
    (
      "perf-llama3-70b-h100-tp4.txt",
      [
        "perf", "llama3-70b", "--gpu", "h100", "--tp", "4", "--batch", "1,8,32,128",
        "--max-throughput",
      ],
      .success
    ),
    (
      "perf-llama-3.1-8b-l40s-fp8.json",
      [
        "perf", "llama-3.1-8b", "--gpu", "l40s", "--precision", "fp8", "--max-throughput",
        "--input-tokens", "128", "--output-tokens", "2048", "--format", "json",
      ], .success
    ),
    (
      "perf-mixtral-a100.csv",
      ["perf", "mixtral-8x7b", "--gpu", "a100", "--tp", "2", "--batch", "1,64", "--format", "csv"],
      .success
    ),
    (
      "compare-llama3-70b.txt",
      [
        "compare", "llama3-70b", "--gpu", "h100,h200,b200,a100,l40s,mi300x", "--context", "8192",
        "--price", "h100=2.99,b200=6.5",
      ], .success
    ),
    (
      "compare-llama-3.1-8b.json",
      ["compare", "llama-3.1-8b", "--gpu", "h100,l4,rtx4090", "--format", "json"], .success
    ),
    ("fit-llama3-70b-h100.txt", ["fit", "llama3-70b", "--gpu", "h100"], .success),
    (
      "fit-llama3-70b-h100-16-k8s.yaml",
      ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "16", "--emit", "k8s"], .success
    ),
    (
      "check-fleet.txt",
      ["check", "Fixtures/deployments/fleet.json"],
      .doesNotFit
    ),
    (
      "check-fleet.json",
      ["check", "Fixtures/deployments/fleet.json", "--format", "json"],
      .doesNotFit
    ),
    (
      "check-fleet.csv",
      ["check", "Fixtures/deployments/fleet.json", "--format", "csv"],
      .doesNotFit
    ),
    (
      "check-fleet.xml",
      ["check", "Fixtures/deployments/fleet.json", "--format", "junit"],
      .doesNotFit
    ),
    (
      "check-fleet.github.txt",
      ["check", "Fixtures/deployments/fleet.json", "--format", "github"],
      .doesNotFit
    ),
    (
      "fit-llama3-70b-h100-requirements.txt",
      [
        "fit", "llama3-70b", "--gpu", "h100", "--concurrency", "32", "--context", "8k",
        "--min-headroom", "10%", "--max-tpot-ms", "20", "--min-concurrency", "40",
      ],
      .doesNotFit
    ),
    (
      "fit-llama3-70b-h100.json", ["fit", "llama3-70b", "--gpu", "h100", "--format", "json"],
      .success
    ),
    (
      "fit-llama3-70b-h100.csv", ["fit", "llama3-70b", "--gpu", "h100", "--format", "csv"], .success
    ),
    (
      "fit-llama3-70b-h100-gpus2.txt", ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "2"],
      .doesNotFit
    ),
    (
      "fit-llama3-70b-h100-gpus2.json",
      ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "2", "--format", "json"],
      .doesNotFit
    ),
    (
      "fit-llama-2-13b-l4-int4.json",
      ["fit", "llama-2-13b", "--gpu", "l4", "--precision", "int4", "--format", "json"], .success
    ),
    (
      "fit-llama-2-70b-a100-rule-of-thumb.txt",
      ["fit", "llama-2-70b", "--gpu", "a100", "--method", "rule-of-thumb"], .success
    ),
    (
      "fit-deepseek-v3-h200.csv",
      ["fit", "deepseek-v3", "--gpu", "h200", "--context", "8k", "--format", "csv"], .success
    ),
    ("kv-llama3-70b.txt", ["kv", "llama3-70b"], .success),
    (
      "fit-llama3-70b-h100-emit-sglang.txt",
      ["fit", "llama3-70b", "--gpu", "h100", "--emit", "sglang"], .success
    ),
    (
      "layouts-llama3-70b-h100-8.txt", ["layouts", "llama3-70b", "--gpu", "h100", "--gpus", "8"],
      .success
    ),
    (
      "fit-qwen3-30b-a3b-rtx4090-llamacpp.txt",
      [
        "fit", "qwen3-30b-a3b", "--gpu", "rtx4090", "--engine", "llamacpp", "--precision",
        "q4_k_m", "--emit", "llamacpp",
      ],
      .success
    ),
    (
      "fit-qwen3-30b-a3b-rtx4090-offload.json",
      [
        "fit", "qwen3-30b-a3b", "--gpu", "rtx4090", "--engine", "llamacpp", "--precision",
        "q4_k_m", "--batch", "4", "--gpus", "1", "--emit", "llamacpp", "--format", "json",
      ],
      .doesNotFit
    ),
    (
      "fit-llama-3.1-405b-h100-emit-trtllm-0.10.txt",
      [
        "fit", "llama-3.1-405b", "--gpu", "h100", "--context", "8k", "--emit", "trtllm@0.10",
      ],
      .success
    ),
    (
      "serve-llama3-70b-h100-trace.txt",
      [
        "serve", "llama3-70b", "--gpu", "h100", "--tp", "4", "--trace",
        "Fixtures/traces/requests.jsonl",
      ], .success
    ),
    (
      "serve-llama-3.1-8b-h100-rate.json",
      [
        "serve", "llama-3.1-8b", "--gpu", "h100", "--rate", "10", "--requests", "500", "--isl",
        "1000", "--osl", "200", "--ttft-p99", "2s", "--tpot-p99", "50ms", "--format", "json",
      ],
      .success
    ),
    (
      "fit-llama-3.1-8b-h100-rate.txt",
      [
        "fit", "llama-3.1-8b", "--gpu", "h100", "--context", "4k", "--rate", "30", "--isl", "1000",
        "--osl", "200", "--requests", "300", "--ttft-p99", "2s", "--tpot-p99", "50ms",
        "--max-gpus", "8",
      ], .success
    ),
    (
      "serve-llama3-70b-h100-disaggregate.txt",
      [
        "serve", "llama3-70b", "--gpu", "h100", "--tp", "4", "--gpus", "16", "--rate", "10",
        "--requests", "300", "--isl", "2000", "--osl", "300", "--disaggregate", "--ttft-p99",
        "2s", "--tpot-p99", "50ms",
      ], .success
    ),
    (
      "serve-llama-3.1-8b-h100-inf.csv",
      [
        "serve", "llama-3.1-8b", "--gpu", "h100", "--rate", "inf", "--requests", "300",
        "--format", "csv",
      ], .success
    ),
    (
      "fit-llama3-70b-h100-16-emit-vllm.txt",
      ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "16", "--emit", "vllm"], .success
    ),
    (
      "layouts-mixtral-a100-32k.json",
      [
        "layouts", "mixtral-8x7b", "--gpu", "a100", "--gpus", "8", "--context", "32768",
        "--concurrency", "32", "--format", "json", "--emit", "vllm",
      ],
      .success
    ),
    (
      "layouts-llama-3.1-405b-h100-16.csv",
      [
        "layouts", "llama-3.1-405b", "--gpu", "h100", "--gpus", "16", "--gpus-per-node", "8",
        "--context", "32k", "--format", "csv",
      ],
      .success
    ),
    (
      "layouts-llama3-70b-l40s-latency.txt",
      [
        "layouts", "llama3-70b", "--gpu", "l40s", "--gpus", "8", "--optimize", "latency",
        "--emit", "vllm",
      ],
      .success
    ),
    (
      "layouts-llama-3.1-405b-l4-none.txt",
      ["layouts", "llama-3.1-405b", "--gpu", "l4", "--gpus", "12"], .doesNotFit
    ),
    (
      "scale-amdahl.txt", ["scale", "--parallel-fraction", "0.95", "--gpus", "1,2,4,8,16,32"],
      .success
    ),
    (
      "scale-amdahl.csv",
      ["scale", "--parallel-fraction", "0.95", "--gpus", "1,2,4,8,16,32", "--format", "csv"],
      .success
    ),
    (
      "scale-llama3-70b-l40s.txt", ["scale", "llama3-70b", "--gpu", "l40s", "--gpus", "1,2,4,8"],
      .success
    ),
    (
      "scale-llama3-70b-h100.json",
      [
        "scale", "llama3-70b", "--gpu", "h100", "--gpus", "1,2,4,8,16", "--concurrency", "64",
        "--context", "4k", "--format", "json",
      ],
      .success
    ),
    ("kv-llama3-70b-ascii.txt", ["kv", "llama3-70b", "--ascii", "--batch", "1,4"], .success),
    (
      "kv-llama-3.1-8b-h100-vllm.txt", ["kv", "llama-3.1-8b", "--gpu", "h100", "--engine", "vllm"],
      .success
    ),
    (
      "kv-llama-3.1-8b-gpus.txt",
      ["kv", "llama-3.1-8b", "--gpu", "h100,l40s,rtx4090", "--max-model-len", "32k"],
      .success
    ),
    (
      "kv-deepseek-v3-h200-fp8.json",
      [
        "kv", "deepseek-v3", "--gpu", "h200", "--gpus", "8", "--kv-precision", "fp8", "--format",
        "json",
      ],
      .success
    ),
    (
      "kv-llama-3.1-8b-rtx3090.json",
      [
        "kv", "llama-3.1-8b", "--gpu", "rtx3090", "--engine", "vllm", "--gpu-memory-utilization",
        "0.9",
        "--max-model-len", "48000", "--format", "json",
      ],
      .doesNotFit
    ),
    (
      "kv-mixtral-engines.csv",
      [
        "kv", "mixtral-8x7b", "--gpu", "a100", "--gpus", "2", "--engine", "trtllm", "--format",
        "csv",
      ],
      .success
    ),
    ("kv-gemma-2-27b.csv", ["kv", "gemma-2-27b", "--format", "csv"], .success),
    (
      "fit-llama-3.1-8b-sglang.txt",
      [
        "fit", "llama-3.1-8b", "--gpu", "l40s", "--engine", "sglang", "--context", "8k",
        "--concurrency", "16",
      ], .success
    ),
    ("memory-llama3-70b.txt", ["memory", "llama3-70b"], .success),
    ("memory-deepseek-v3.json", ["memory", "deepseek-v3", "--format", "json"], .success),
    ("gpus.txt", ["gpus"], .success),
    ("gpus.csv", ["gpus", "--format", "csv"], .success),
    ("gpus-h100.txt", ["gpus", "h100"], .success),
    ("models.txt", ["models"], .success),
    ("models.json", ["models", "--format", "json"], .success),
    ("engines.txt", ["engines"], .success),
    ("engines-vllm.csv", ["engines", "vllm", "--format", "csv"], .success),
  ]

  @Test(arguments: cases)
  func matchesGolden(file: String, arguments: [String], code: ExitCode) {
    let outcome = runCLI(arguments: arguments)
    #expect(outcome.code == code)
    #expect(outcome.stderr.isEmpty)
    if let mismatch = Golden.mismatch(outcome.stdout, file: file) {
      Issue.record(Comment(rawValue: mismatch))
    }
  }

  // Determinism: every golden's command, run a second time in the same process, prints the
  // same bytes (no clock, no randomness without a seed, no dictionary order in output).
  @Test(arguments: cases)
  func runsTheSameTwice(file: String, arguments: [String], code: ExitCode) {
    #expect(runCLI(arguments: arguments) == runCLI(arguments: arguments), "\(file)")
  }
}
