import LLMPlanKit

/// `llmplan scale`: speedup and efficiency against GPU count, by Amdahl's law or from a model.
enum ScaleCommand {
  static let spec = CommandSpec(
    name: "scale", positional: "MODEL", positionalOptional: true,
    summary: "Speedup and efficiency against GPU count: Amdahl's law, or derived from a model.",
    options: [
      OptionSpec(
        name: "parallel-fraction", value: "P",
        help: "plain Amdahl's law with this parallel fraction (0 to 1; no MODEL)"),
      OptionSpec(name: "gpu", value: "GPU", help: "accelerator for a MODEL (see 'llmplan gpus')"),
      OptionSpec(name: "gpus", value: "LIST", help: "GPU counts (default 1,2,4,8)"),
      LayoutOptions.gpusPerNode,
      CommonOptions.precision, CommonOptions.kvPrecision,
      CommonOptions.context,
      OptionSpec(
        name: "concurrency", value: "N",
        help: "sequences in the step that is sped up (default 1)", aliases: ["batch"]),
    ] + EngineOptions.specs + [
      CommonOptions.ascii,
      CommonOptions.format, CommonOptions.color, CommonOptions.help,
    ],
    examples: [
      "llmplan scale --parallel-fraction 0.95 --gpus 1,2,4,8,16,32",
      "llmplan scale llama3-70b --gpu l40s --gpus 1,2,4,8",
      "llmplan scale llama3-70b --gpu h100 --gpus 1,2,4,8,16 --concurrency 64 --context 4k",
    ],
    details: """
      Amdahl: S(N) = 1 / ((1 − p) + p / N); efficiency S(N) / N. With a MODEL, each count
      takes its fastest layout that fits (the fastest valid one, marked, when none fits) and
      S(N) is one ideal GPU's decode step for the same sequences divided by that layout's
      step: communication (TP all-reduces on NVLink or PCIe, PP sends, EP all-to-alls),
      pipeline bubbles and replicated KV heads are what keep it below N. The serial fraction
      1 − p is derived from each point, and fitted over all of them by least squares.
      """)

  static let defaultCounts = [1, 2, 4, 8]

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    let counts =
      reader.list(invocation.values["gpus"], option: "gpus", range: 1...FitCommand.maxGPUs)
      ?? defaultCounts
    let curve: ScaleCurve
    var subject: String
    if let raw = invocation.values["parallel-fraction"] {
      let fraction = reader.parallelFraction(raw)
      if let model = invocation.positionals.first {
        reader.errors.append(
          "--parallel-fraction is plain Amdahl's law; drop it to derive the curve for '\(model)', or drop the model"
        )
      }
      for name in ["gpu", "context", "concurrency", "precision", "kv-precision"]
      where invocation.has(name) {
        reader.errors.append("--\(name) needs a MODEL; --parallel-fraction takes none")
      }
      guard reader.errors.isEmpty, let fraction else { return LLMPlan.usage(reader.errors) }
      curve = .amdahl(parallelFraction: fraction, gpus: counts)
      subject = "Amdahl's law, parallel fraction p = \(Format.number(fraction, maxDecimals: 4))"
    } else {
      guard invocation.positionals.first != nil else {
        return LLMPlan.usage([
          "scale needs a MODEL with --gpu, or --parallel-fraction P (for example 'llmplan scale --parallel-fraction 0.95')"
        ])
      }
      let parsed = LayoutsCommand.Parsed.read(invocation, countOption: false, into: &reader)
      guard reader.errors.isEmpty, let parsed else { return LLMPlan.usage(reader.errors) }
      let concurrency = parsed.concurrency ?? 1
      curve = .derived(
        parsed.request, gpus: counts, topology: parsed.topology, concurrency: concurrency)
      let request = parsed.request
      subject =
        "\(request.model.name) on \(request.gpu.name) (\(request.gpu.id)), \(request.precision.id) weights, context \(Format.integer(request.context)), \(Format.integer(concurrency)) sequence\(concurrency == 1 ? "" : "s") per step"
      if let p = curve.parallelFraction {
        subject +=
          "\nfitted parallel fraction p = \(Format.fixed(p, 4)) (least squares over the points)"
      }
    }
    let text: String
    switch style.format {
    case .table: text = ScaleReport.table(curve, subject: subject, ascii: style.ascii)
    case .json: text = ScaleReport.json(curve).rendered()
    case .csv: text = ScaleReport.csv(curve)
    }
    return Outcome(stdout: text)
  }
}

extension ValueReader {
  /// A parallel fraction in [0, 1].
  mutating func parallelFraction(_ raw: String) -> Double? {
    guard let value = Double(raw), value.isFinite, value >= 0, value <= 1 else {
      errors.append(
        "--parallel-fraction: '\(raw)' is not a fraction from 0 to 1 (for example 0.95)")
      return nil
    }
    return value
  }
}
