import LLMPlanKit

/// The largest values options accept.
enum Limits {
  /// Tokens per sequence: beyond any model's context.
  static let context = 16_777_216
  static let sequences = 1_000_000
  static let gpus = 65_536
  static let gpusPerNode = 1024
}

// The options several commands share, one meaning per name: a command takes the declaration
// and adds what is its own (`.required()`, a default, a note). Tests check that no name has two
// meanings.

extension Option where Value == GPUSpec {
  static var gpu: Option {
    Option("gpu", .gpu, "accelerator: id, alias or device name from 'llmplan gpus'")
  }
}

extension Option where Value == [GPUSpec] {
  static var gpuList: Option { Option("gpu", .list(.gpu), Option<GPUSpec>.gpu.meaning) }
}

extension Option where Value == Int {
  static var gpus: Option { Option("gpus", .integer(1...Limits.gpus), "number of GPUs") }
  static var gpusPerNode: Option {
    Option(
      "gpus-per-node", .integer(1...Limits.gpusPerNode), "GPUs per server; TP stays inside one"
    )
    .defaulting("the catalog's, 8 for most")
  }
  static var context: Option {
    Option("context", .tokens(1...Limits.context), "tokens per sequence, prompt + output")
  }
  static var batch: Option {
    Option("batch", .integer(1...Limits.sequences), "sequences per replica")
  }
  static var concurrency: Option {
    Option("concurrency", .integer(1...Limits.sequences), "sequences at once on all the GPUs")
  }
  static var tp: Option {
    Option("tp", .integer(1...Limits.gpus), "tensor-parallel GPUs per replica")
  }
  static var pp: Option {
    Option("pp", .integer(1...Limits.gpus), "pipeline stages per replica")
  }
}

extension Option where Value == [Int] {
  static var gpusList: Option {
    Option("gpus", .list(.integer(1...Limits.gpus, allowK: true)), Option<Int>.gpus.meaning)
  }
  static var batchList: Option {
    Option(
      "batch", .list(.integer(1...Limits.sequences, allowK: true)), Option<Int>.batch.meaning)
  }
}

extension Option where Value == Precision {
  static var precision: Option {
    Option("precision", .precision(), "weight format, e.g. bf16, fp8, awq, q4_k_m")
      .defaulting("the checkpoint's")
  }
  static var kvPrecision: Option {
    Option(
      "kv-precision", .precision(kvCache: true),
      "KV-cache format: "
        + EngineRegistry.kvFormats.map(\.id).joined(separator: ", ")
        + "; which ones an engine offers: 'llmplan engines'"
    ).defaulting("the activation dtype")
  }
}

extension Option where Value == Double {
  static var price: Option {
    Option("price", .price, "$ per GPU-hour").defaulting("the catalog's")
  }
}

extension Option where Value == EngineChoice {
  /// `--emit ENGINE[@VERSION]`: the launch line, at that release's flags; the plan follows the
  /// same profile.
  static var emit: Option {
    Option(
      "emit", .launcher,
      "print the commands that start the recommended layout on this engine release (vllm, sglang, trtllm, llamacpp; @VERSION as for --engine), planned by its rules; fit also takes k8s: a Kubernetes manifest of the plan on --engine's release"
    ).defaulting("none")
  }
}

extension Option where Value == EfficiencySetting {
  static var efficiency: Option {
    Option(
      "efficiency", EfficiencyValue.type,
      "fractions of peak: calibrated, standard, ideal, or KEY=VALUE overrides, e.g. memory=0.8,decode-us=20 (keys: \(EfficiencyValue.keys.map(\.name).joined(separator: ", ")))"
    ).defaulting(to: .calibrated)
  }
}

/// The request shape options of `perf` and `compare`.
enum RequestShapeOptions {
  static let input = Option<Int>(
    "input-tokens", .tokens(1...Limits.context, placeholder: "N"), "prompt tokens per request"
  ).aliased("isl").defaulting(to: RequestShape.standard.input)
  static let output = Option<Int>(
    "output-tokens", .tokens(1...Limits.context, placeholder: "N"), "generated tokens per request"
  ).aliased("osl").defaulting(to: RequestShape.standard.output)
  static let context = Option<Int>(
    "context", .tokens(2...Limits.context), Option<Int>.context.meaning
  ).noted("sets input = TOKENS − output tokens").defaulting("input + output tokens")

  static let all: [any DeclaredOption] = [input, output, context]

  /// Input and output tokens, also from `--context` (input = context − output). Requests
  /// longer than the model's context are estimated anyway (published benchmarks run them); the
  /// reports say so.
  static func decode(_ input: inout OptionReader) -> RequestShape? {
    let outputTokens = input[output] ?? RequestShape.standard.output
    let inputTokens = input[Self.input]
    guard input.has(context) else {
      return inputTokens.map { RequestShape(input: $0, output: outputTokens) }
    }
    guard let total = input[context] else { return nil }
    if input.has(Self.input) {
      input.problem(
        "--context and --input-tokens both set the prompt; give one (context = input + output tokens)"
      )
      return nil
    }
    guard total > outputTokens else {
      input.reject(
        context,
        "leaves no room for the prompt after \(Format.integer(outputTokens)) output tokens; raise it or lower --output-tokens"
      )
      return nil
    }
    return RequestShape(input: total - outputTokens, output: outputTokens)
  }
}

/// The options every command takes: output format, colour, help.
enum CommonOptions {
  static let format = Option<OutputFormat>(
    "format", .choice(OutputFormat.allCases, placeholder: "FORMAT"),
    CommonOptions.formatMeaning
  ).defaulting(to: .table)
  /// `--format`'s meaning, the same words in `check`, which adds two formats.
  static let formatMeaning = "output: table, json or csv (check also junit and github)"
  static let color = Option<ColorChoice>(
    "color", .choice(ColorChoice.allCases, placeholder: "WHEN"),
    "colour: auto (on a terminal only), always or never"
  ).defaulting(to: .auto)
  static let help = Option<Bool>("help", .flag, "show this help")
  /// Charts in ASCII (also on a dumb terminal); only commands that draw charts take it.
  static let ascii = Option<Bool>("ascii", .flag, "draw the chart with ASCII only")

  static let quiet = Option<Bool>(
    "quiet", .flag, "print nothing on stdout: the exit code is the answer (CI gates)")

  static let all: [any DeclaredOption] = [format, color, quiet, help]
}
