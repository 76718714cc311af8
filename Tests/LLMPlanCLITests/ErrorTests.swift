import LLMPlanCLI
import LLMPlanTestSupport
import Testing

/// Bad input: one line per problem on stderr naming the value, nothing on stdout, exit 2.
@Suite("Input errors")
struct ErrorTests {
  static let cases: [([String], String)] = [
    (["layouts", "llama3-70b"], "layouts needs --gpu GPU"),
    (
      ["compare", "llama3-70b", "--gpu", "h100", "--rate", "20"],
      "--rate compares the cheapest configuration that meets latency targets"
    ),
    (
      ["compare", "llama3-70b", "--gpu", "h100", "--tpot-p99", "50ms"],
      "latency targets need the traffic: add --rate R (requests/s)"
    ),
    (
      ["serve", "llama3-70b", "--gpu", "h100", "--rate", "5", "--disaggregate"],
      "--disaggregate splits a GPU count: add --gpus N"
    ),
    (
      [
        "serve", "llama3-70b", "--gpu", "h100", "--tp", "4", "--rate", "5", "--gpus", "6",
        "--disaggregate",
      ],
      "--disaggregate needs a prefill and a decode replica: --gpus 6"
    ),
    // fit sized to traffic: --rate and targets go together.
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--rate", "20"],
      "--rate sizes for latency targets: add one or more of --ttft-p99, --tpot-p99, --e2e-p99"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--ttft-p99", "2s"],
      "latency targets need the traffic: add --rate R (requests/s)"
    ),
    // serve: traffic, targets and traces.
    (
      ["serve", "llama3-70b", "--gpu", "h100", "--tp", "4"],
      "serve needs traffic: --rate R (requests/s, or inf) or --trace FILE"
    ),
    (
      ["serve", "llama3-70b", "--gpu", "h100", "--rate", "0"],
      "--rate: '0' must be above 0 and at most 1,000,000 requests/s, or inf"
    ),
    (
      ["serve", "llama3-70b", "--gpu", "h100", "--rate", "20", "--ttft-p99", "-1s"],
      "--ttft-p99: '-1s' must be above 0 and at most a day (86400s)"
    ),
    (
      ["serve", "llama3-70b", "--gpu", "h100", "--rate", "20", "--tpot-p90", "fast"],
      "--tpot-p90: 'fast' is not a latency above 0 and at most a day, like 2s or 50ms"
    ),
    (
      [
        "serve", "llama3-70b", "--gpu", "h100", "--trace", "Fixtures/traces/requests.jsonl",
        "--rate", "3",
      ],
      "--rate shapes Poisson arrivals; --trace Fixtures/traces/requests.jsonl gives its own"
    ),
    (
      [
        "serve", "llama-3.1-8b", "--gpu", "h100", "--tp", "1", "--rate", "inf", "--requests", "2",
        "--input-tokens", "4096k",
      ],
      "request 1 has 4,194,560 tokens (input + output), beyond llama-3.1-8b's maximum context of 131,072"
    ),
    (
      [
        "serve", "llama-3.1-8b", "--gpu", "l4", "--tp", "1", "--rate", "inf", "--requests", "2",
        "--input-tokens", "120k",
      ],
      "needs 123,136 tokens of KV cache and one replica holds"
    ),
    (
      [
        "serve", "llama-3.1-8b", "--gpu", "h100", "--rate", "inf", "--requests", "10000",
        "--input-tokens", "1000", "--output-tokens", "1001",
      ],
      "the traffic has 10,010,000 output tokens to simulate; at most 10,000,000"
    ),
    (
      [
        "fit", "llama-3.1-8b", "--gpu", "h100", "--rate", "5", "--osl", "2000", "--ttft-p99", "2s",
      ],
      "the traffic has 1,000,000 output tokens to simulate; at most 400,000"
    ),
    (["perf", "llama3-70b"], "perf needs --gpu GPU"),
    (["perf", "llama3-70b", "--gpu", "h100", "--tp", "3"], "TP3 × PP1 × DP1:"),
    (["perf", "llama3-70b", "--gpu", "h100", "--batch", "0"], "--batch: '0' must be at least 1"),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--input-tokens", "lots"],
      "--input-tokens: 'lots' is not a whole number"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--context", "8192", "--input-tokens", "1000"],
      "--context and --input-tokens both set the prompt"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--context", "100"],
      "--context: '100' leaves no room for the prompt after 256 output tokens"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--efficiency", "fast"],
      "--efficiency: 'fast' is not one of calibrated, standard, ideal or KEY=VALUE"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--efficiency", "memory=1.5"],
      "--efficiency: memory '1.5' must be 0.01 to 1 (of bandwidth)"
    ),
    (["compare", "llama3-70b", "--gpu", "h100,h1000"], "--gpu: unknown GPU 'h1000'"),
    (
      ["compare", "llama3-70b", "--gpu", "h100", "--price", "b200=6.5"],
      "--price: b200 is not among the GPUs compared (--gpu)"
    ),
    (
      ["compare", "llama3-70b", "--gpu", "h100", "--price", "h100=-1"],
      "--price: '-1' for h100 is not a price in USD per GPU-hour"
    ),
    (
      ["layouts", "llama3-70b", "--gpu", "h100", "--optimize", "speed"],
      "--optimize: 'speed' is not one of throughput, latency, cost, memory"
    ),
    (
      ["layouts", "llama3-70b", "--gpu", "h100", "--emit", "ollama"],
      "--emit: 'ollama' is not one of vllm, sglang, trtllm"
    ),
    (
      ["layouts", "llama3-70b", "--gpu", "h100", "--gpus-per-node", "0"],
      "--gpus-per-node: '0' must be at least 1"
    ),
    (
      ["layouts", "llama3-70b", "--gpu", "h100", "--gpus", "-8"], "--gpus: '-8' must be at least 1"
    ),
    (
      ["layouts", "llama3-70b", "--gpu", "h100", "--price", "free"],
      "--price: 'free' is not a price in USD per GPU-hour"
    ),
    (["scale"], "scale needs a MODEL with --gpu, or --parallel-fraction P"),
    (
      ["scale", "--parallel-fraction", "1.5"],
      "--parallel-fraction: '1.5' is not a fraction from 0 to 1"
    ),
    (
      ["scale", "llama3-70b", "--parallel-fraction", "0.9"],
      "--parallel-fraction is plain Amdahl's law; drop it to derive the curve for 'llama3-70b'"
    ),
    (["scale", "--parallel-fraction", "0.9", "--gpu", "h100"], "--gpu needs a MODEL"),
    (["scale", "llama3-70b", "--gpu", "h100", "--gpus", "1,0"], "--gpus: '0' must be at least 1"),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--emit", "vllm", "--method", "rule-of-thumb"],
      "--emit needs the detailed method"
    ),
    (["fit", "llama3-70b", "--gpu", "h10"], "unknown GPU 'h10'; did you mean 'h100'?"),
    (
      ["fit", "llama3-70", "--gpu", "h100"],
      "unknown model 'llama3-70'; did you mean 'llama-3-70b'?"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--context", "abc"],
      "--context: 'abc' is not a whole number"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--context", "0"], "--context: '0' must be at least 1"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--context", "-5"],
      "--context: '-5' must be at least 1"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--context", "10000000000"],
      "--context: '10000000000' is too large"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--context", "99999999999999999999999"],
      "is too large; at most 16,777,216"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--context", "16384"],
      "exceeds llama-3-70b's maximum context of 8,192"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--batch", "2.5"],
      "--batch: '2.5' is not a whole number"
    ),
    (["fit", "llama3-70b", "--gpu", "h100", "--gpus", "0"], "--gpus: '0' must be at least 1"),
    (["fit", "llama3-70b", "--gpu", "h100", "--gpus", "100000"], "--gpus: '100000' is too large"),
    (["fit", "llama3-70b", "--gpu", "h100", "--precision", "int3"], "unknown precision 'int3'"),
    (["fit", "llama3-70b", "--gpu", "h100", "--kv-precision", "awq"], "unknown precision 'awq'"),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--method", "fast"],
      "--method: 'fast' is not one of detailed, rule-of-thumb"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--format", "xml"],
      "--format: 'xml' is not one of table, json, csv"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--contxt", "5"],
      "unknown option '--contxt' for 'fit'; did you mean '--context'?"
    ),
    (["fit", "llama3-70b", "--gpu"], "option '--gpu' needs a value"),
    (["fit", "llama3-70b"], "fit needs --gpu GPU"),
    (["fit"], "'fit' needs a MODEL"),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--gpus", "8", "--max-gpus", "4"],
      "--gpus 8 is more than --max-gpus 4"
    ),
    (["fti"], "unknown command 'fti'; did you mean 'fit'?"),
    (["memory", "gpt5"], "unknown model 'gpt5'"),
    (["gpus", "h1000"], "unknown GPU 'h1000'"),
    (["models", "extra"], "'models' takes no argument; got 'extra'"),
    (
      ["kv", "llama3-70b", "--engine", "vlm"],
      "--engine: 'vlm' is not one of vllm, sglang, trtllm, llamacpp, none; did you mean 'vllm'?"
    ),
    (
      ["kv", "llama3-70b", "--gpu", "h100", "--gpu-memory-utilization", "1.5"],
      "--gpu-memory-utilization: '1.5' must be a fraction above 0 and at most 1"
    ),
    (
      ["kv", "llama3-70b", "--gpu", "h100", "--gpu-memory-utilization", "abc"],
      "--gpu-memory-utilization: 'abc' must be a fraction above 0 and at most 1"
    ),
    (
      [
        "kv", "llama3-70b", "--gpu", "h100", "--engine", "sglang", "--gpu-memory-utilization",
        "0.8",
      ],
      "--gpu-memory-utilization is vLLM's setting; add --engine vllm or use --mem-fraction-static"
    ),
    (
      ["kv", "llama3-70b", "--gpu", "h100", "--tp", "3"],
      "impossible layout TP3 × PP1 × DP1: TP 3 does not divide 64 attention heads"
    ),
    (
      ["kv", "llama3-70b", "--gpu", "h100", "--pp", "81"],
      "impossible layout TP1 × PP81 × DP1: PP 81 exceeds 80 layers"
    ),
    (
      ["kv", "llama3-70b", "--gpu", "h100", "--gpus", "641"],
      "--gpus 641 for llama-3-70b on h100: no layout: 641 is not TP × PP with TP in 1,2,4,8 and PP ≤ 80"
    ),
    (
      ["kv", "llama3-70b", "--max-model-len", "9000"],
      "--max-model-len: '9000' exceeds llama-3-70b's maximum context of 8,192"
    ),
    (["kv", "llama3-70b", "--contexts", "1k,2x"], "--contexts: '2x' is not a whole number"),
    (
      ["kv", "llama3-70b", "--max-model-len", "4k,8k"],
      "--max-model-len: '4k,8k' is a list; this takes one length per request"
    ),
    (
      ["kv", "llama3-70b", "--contexts", "1k,16k"],
      "--contexts: 16,384 exceeds llama-3-70b's maximum context"
    ),
    (
      ["kv", "llama3-70b", "--context", "16k"],
      "--context: '16k' exceeds llama-3-70b's maximum context of 8,192 tokens"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--batch", "8", "--concurrency", "16"],
      "--batch 8 and --concurrency 16 differ; fit plans one replica"
    ),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--isl", "100"],
      "--input-tokens shapes the traffic of --rate; add --rate R with a target"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--isl", "lots"],
      "--isl: 'lots' is not a whole number"
    ),
    (
      ["layouts", "llama3-70b", "--gpu", "h100", "--batch", "8"],
      "unknown option '--batch' for 'layouts'; use --concurrency: sequences at once on all the GPUs"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--concurrency", "8"],
      "unknown option '--concurrency' for 'perf'; use --batch: sequences per replica"
    ),
    (
      ["kv", "llama3-70b", "--context", "1k,2k"],
      "--context: '1k,2k' is a list; this takes one length per request, and --contexts the table's"
    ),
    (
      ["scale", "--parallel-fraction", "0.9", "--engine", "sglang"],
      "--engine needs a MODEL; --parallel-fraction takes none"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--tp", "16"],
      "impossible layout TP16 × PP1 × DP1: TP 16 spans more than one 8-GPU node of h100"
    ),
    (
      ["kv", "llama3-70b", "--request-lengths", "9000", "--max-model-len", "8192"],
      "--request-lengths: 9,000 is longer than max-model-len 8,192"
    ),
    (["kv", "llama3-70b", "--gpus", "2"], "--gpus, --tp and --pp need --gpu"),
    (["kv", "llama3-70b", "--block-size", "0"], "--block-size: '0' must be at least 1"),
    (
      ["fit", "llama3-70b", "--gpu", "h100", "--engine", "tensorrt"],
      "--engine: 'tensorrt' is not one of"
    ),
    // Versions: older than every profile, malformed, on no engine; settings out of range.
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "vllm@0.1"],
      "--engine: vllm@0.1 is older than every profile llmplan has (vllm 0.5–0.7 (V0 engine), 0.8–0.11 (V1 engine))"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "vllm@x.y"],
      "--engine: 'x.y' is not a release number like 0.11 (known: vllm 0.5–0.7"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "none@1"],
      "--engine: 'none' has no releases"
    ),
    (
      ["kv", "gemma-3-27b", "--gpu", "h100", "--engine", "vllm@0.6", "--hybrid-kv-cache", "off"],
      "--hybrid-kv-cache: vLLM 0.5–0.7 (V0 engine) has no hybrid KV-cache manager; it is vLLM V1's (--engine vllm)"
    ),
    (
      ["kv", "gemma-3-27b", "--gpu", "h100", "--hybrid-kv-cache", "of"],
      "--hybrid-kv-cache: 'of' is not one of off, chunked"
    ),
    // --emit launches the engine the plan follows.
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--emit", "vlm"],
      "--emit: 'vlm' is not one of vllm, sglang, trtllm, llamacpp; did you mean 'vllm'?"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--emit", "none"],
      "--emit: 'none' starts no engine; use one of vllm, sglang, trtllm, llamacpp"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--emit", "sglang", "--engine", "vllm"],
      "--emit sglang and --engine vllm differ"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--emit", "vllm@0.6", "--engine", "vllm@0.11"],
      "--emit vllm@0.6 and --engine vllm@0.11 differ"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--emit", "vllm@0.2"],
      "--emit: vllm@0.2 is older than every profile"
    ),
    (
      ["perf", "llama3-70b", "--gpu", "h100", "--engine", "sglang@0.4", "--pp", "2", "--tp", "2"],
      "impossible layout TP2 × PP2 × DP1: sglang@0.4 has no pipeline parallelism (--pp-size); use PP 1 or a newer release"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "vllm@0.6", "--max-num-seqs", "0"],
      "--max-num-seqs: '0' must be at least 1"
    ),
    // A setting of another engine, and one the engine does not have.
    (
      [
        "fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "trtllm@0.17", "--mem-fraction-static",
        "0.8",
      ],
      "--mem-fraction-static is SGLang's setting; add --engine sglang or use --free-gpu-memory-fraction"
    ),
    (
      ["kv", "llama-3.1-8b", "--gpu", "l4", "--engine", "llamacpp", "--block-size", "16"],
      "--block-size: llama.cpp has no KV blocks"
    ),
    // KV and weight formats the engine lacks.
    (
      ["kv", "llama-3.1-8b", "--gpu", "h100", "--kv-precision", "int8"],
      "--kv-precision int8: vLLM 0.8–0.11 (V1 engine) has no int8 KV cache; use one of bf16, fp16, fp8; int8 KV: trtllm@0.10, trtllm@0.21"
    ),
    (
      ["kv", "llama-3.1-8b", "--gpu", "h100", "--engine", "sglang", "--kv-precision", "q8_0"],
      "has no q8_0 KV cache; use one of bf16, fp16, fp8; q8_0 KV: llamacpp@b6000"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "trtllm", "--precision", "q4_k_m"],
      "--precision q4_k_m: TensorRT-LLM 1.0 (PyTorch backend) cannot serve q4_k_m weights; it does not load GGUF files"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "llamacpp", "--precision", "awq"],
      "--precision awq: llama.cpp b1–b6000 (llama-server) cannot serve awq weights; it reads GGUF files only"
    ),
    // Layouts that split a checkpoint's scale blocks, or that the engine cannot express.
    (
      ["perf", "qwen3-235b-a22b-fp8", "--gpu", "h100", "--tp", "8"],
      "impossible layout TP8 × PP1 × DP1: TP 8 cuts the 1,536-wide routed experts' MLP into 192-wide shards, not whole 128×128 blocks of the fp8 checkpoint (vLLM fp8.py); use a smaller TP or expert parallelism"
    ),
    // Formats the GPU or engine cannot run.
    (
      ["fit", "llama-3.1-8b", "--gpu", "t4", "--precision", "bf16"],
      "--precision bf16: NVIDIA T4 (compute capability 7.5) has no bf16 (needs 8.0); use --precision fp16"
    ),
    (
      ["fit", "llama-3.1-8b", "--gpu", "a100", "--precision", "fp8", "--engine", "trtllm"],
      "runs fp8 on FP8 tensor cores only (compute capability 8.9+), which NVIDIA A100 SXM4 80GB (compute capability 8.0) lacks; use --engine vllm (weight-only fp8, 16-bit compute)"
    ),
    (
      ["perf", "llama-3.1-8b", "--gpu", "h100", "--precision", "nvfp4", "--engine", "sglang"],
      "SGLang 0.5 (reserve formula) runs nvfp4 on FP4 tensor cores only (compute capability 10.0+)"
    ),
    (
      ["kv", "llama-3.1-8b", "--gpu", "mi300x", "--precision", "nvfp4"],
      "nvfp4 is NVIDIA's format, which AMD Instinct MI300X cannot run"
    ),
    (
      ["fit", "gpt-oss-120b", "--gpu", "a100", "--engine", "trtllm"],
      "gpt-oss-120b's mxfp4 checkpoint: NVIDIA A100 SXM4 80GB (compute capability 8.0) has no FP4 tensor cores"
    ),
    // Strict input: values a CI gate must refuse rather than reinterpret.
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
  ]

  @Test(arguments: cases)
  func rejects(arguments: [String], message: String) {
    let outcome = runCLI(arguments: arguments)
    #expect(outcome.code == .usage)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(outcome.stderr.hasPrefix("llmplan: error: "))
    #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
  }

  // Validation collects every problem, one line each.
  @Test func collectsEveryProblem() {
    let outcome = runCLI("fit", "llama3-70b", "--gpu", "h10", "--context", "-5", "--batch", "0")
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.split(separator: "\n").count == 3)
  }

  // Huge but valid values answer instead of trapping.
  @Test func hugeValidValuesAnswer() {
    let many = runCLI(
      "fit", "llama-3.1-8b", "--gpu", "h100", "--batch", "1000000", "--gpus", "65536")
    #expect(many.code == .doesNotFit)
    let wide = runCLI(
      "fit", "llama-4-scout", "--gpu", "t4", "--max-gpus", "65536", "--format", "json")
    #expect(wide.code == .success || wide.code == .doesNotFit)
  }

  // Traces: every problem names its line.
  @Test func traceProblems() throws {
    let cases: [(String, String, String)] = [
      ("t.jsonl", "{\"arrival_s\": 0, \"input_tokens\": 10}\n", "line 1: missing output_tokens"),
      (
        "t.jsonl",
        "{\"arrival_s\": 1, \"input_tokens\": 10, \"output_tokens\": 5}\n{\"arrival_s\": 0.5, \"input_tokens\": 10, \"output_tokens\": 5}\n",
        "line 2: arrival_s 0.5 is earlier than the line before (1.0); sort the trace by arrival"
      ),
      (
        "t.csv", "arrival_s,input_tokens,output_tokens\n0,1000000000,5\n",
        "line 2: input_tokens 1000000000 must be a whole number from 1 to 16,777,216"
      ),
      (
        "t.csv", "time,in,out\n0,1,1\n",
        "line 1: the CSV header must be arrival_s,input_tokens,output_tokens"
      ),
      ("t.jsonl", "not json\n", "line 1: the CSV header must be"),
      (
        "t.jsonl", "{\"arrival_s\": 0, \"input_tokens\": \"ten\", \"output_tokens\": 5}\n",
        "line 1: input_tokens is not a number"
      ),
    ]
    for (name, text, message) in cases {
      let path = try temporaryFile(text, name: name)
      let outcome = runCLI("serve", "llama-3.1-8b", "--gpu", "h100", "--trace", path)
      #expect(outcome.code == .usage)
      #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
      #expect(outcome.stderr.split(separator: "\n").count == 1)
    }
  }

  // Targets nothing meets: exit 1, the miss and by how much.
  @Test func missedTargets() {
    let outcome = runCLI(
      "serve", "llama-3.1-8b", "--gpu", "h100", "--rate", "5", "--requests", "100",
      "--ttft-p99", "1ms")
    #expect(outcome.code == .doesNotFit)
    #expect(outcome.stdout.contains("TTFT p99 ≤ 1.0 ms:"))
    #expect(outcome.stdout.contains("missed by"))
  }

  // The same command twice gives byte-identical output; the seed changes it.
  @Test func serveIsDeterministic() {
    let arguments = [
      "serve", "llama-3.1-8b", "--gpu", "h100", "--rate", "12", "--requests", "400", "--format",
      "json",
    ]
    let first = runCLI(arguments: arguments).stdout
    #expect(first == runCLI(arguments: arguments).stdout)
    #expect(first != runCLI(arguments: arguments + ["--seed", "9"]).stdout)
  }

  // compare with traffic: per GPU the fewest that meet the targets, cheapest per hour first.
  @Test func compareWithTraffic() {
    let outcome = runCLI(
      "compare", "llama-3.1-8b", "--gpu", "h100,l40s", "--rate", "10", "--isl", "500", "--osl",
      "100", "--requests", "200", "--tpot-p99", "60ms", "--format", "csv")
    #expect(outcome.code == .success)
    let rows = outcome.stdout.split(separator: "\r\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    #expect(rows.count == 2)
    let costs = rows.compactMap { Double($0[7]) }
    #expect(costs == costs.sorted())
  }
}
