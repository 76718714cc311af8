import LLMPlanKit

/// `llmplan engines [ENGINE]`: every engine profile, its releases, the defaults it picks on a
/// small and a large GPU, its KV formats and where its rules were read.
enum EnginesCommand: Command {
  static let spec = CommandSpec(
    name: "engines",
    positional: .init(
      placeholder: "ENGINE", isOptional: true,
      meaning: "an engine (vllm, sglang, trtllm, llamacpp, none), optionally @VERSION"),
    summary: "The serving-engine profiles: releases, defaults by GPU, KV formats, sources.",
    options: [],
    examples: ["llmplan engines", "llmplan engines vllm@0.6", "llmplan engines --format json"],
    details: """
      Each profile holds one engine release line's rules. --engine NAME takes the newest;
      NAME@VERSION the profile covering that release (between two profiles, the older one; newer
      than all, the newest, with a warning). Defaults are shown for Llama-3.1-8B at TP 1 with an
      8,192-token context on an L4 (24 GB) and an H100 (80 GB); some depend on the GPU's memory,
      as the engines decide. fit, kv and perf apply them to your model, GPU and context.
      """)

  struct Options {
    let profiles: [any EngineProfile]
  }

  static func options(_ input: inout OptionReader) -> Options? {
    guard input.hasPositional else { return Options(profiles: EngineRegistry.profiles) }
    guard let choice = input.positional(.engine) else { return nil }
    if choice.version == nil {
      return Options(profiles: EngineRegistry.profiles(of: choice.engine))
    }
    guard case .success(let resolution) = choice.resolution() else { return nil }
    return Options(profiles: [resolution.profile])
  }

  static func run(_ options: Options, style: OutputStyle) -> Outcome {
    Outcome(EngineCatalogReport(profiles: options.profiles), style: style, verdict: .fits)
  }
}

/// Renders the engine profiles: table, JSON (schema 1), CSV.
struct EngineCatalogReport: Report {
  let profiles: [any EngineProfile]

  static let gpus = ["l4", "h100"].compactMap { GPUCatalog.builtin.gpu(named: $0) }
  static let model = ModelCatalog.builtin.model(named: "llama-3.1-8b")!

  func defaults(_ profile: any EngineProfile) -> [(GPUSpec, EngineDefaults)] {
    Self.gpus.map {
      (
        $0,
        profile.defaults(
          model: Self.model, gpu: $0, layout: Layout(tp: 1, pp: 1), maxModelLen: 8192)
      )
    }
  }

  func pair(_ profile: any EngineProfile, _ show: (EngineDefaults) -> String) -> String {
    let values = defaults(profile).map { show($0.1) }
    return Set(values).count == 1 ? values[0] : values.joined(separator: " / ")
  }

  func table(_ style: OutputStyle) -> String {
    var table = TextTable(
      [
        ("profile", .left), ("releases", .left), ("line", .left), ("memory fraction", .right),
        ("tokens/step", .right), ("max seqs", .right), ("block", .right), ("KV formats", .left),
      ],
      priorities: ["profile": 3, "memory fraction": 2, "tokens/step": 2, "releases": 1, "line": -1])
    for profile in profiles {
      table.append([
        profile.id, profile.range, profile.line,
        pair(profile) { Format.number($0.memoryFraction, maxDecimals: 3) },
        pair(profile) { Format.integer($0.batchedTokens) },
        pair(profile) { Format.integer($0.maxSequences) }, pair(profile) { String($0.blockSize) },
        profile.kvFormats.joined(separator: ", "),
      ])
    }
    var out = table.render(width: style.width)
    out += "\nDefaults for Llama-3.1-8B at TP 1 with an 8,192-token context;"
    out += " a / b: on an L4 (24 GB) / an H100 (80 GB).\n"
    out += "Sources:\n"
    for profile in profiles where !profile.sources.isEmpty {
      out += "  \(profile.id): \(profile.sources)\n"
    }
    return out
  }

  func json() -> JSON {
    .listing(
      "engines",
      profiles.map { profile in
        .object([
          ("id", .string(profile.id)), ("engine", .string(profile.engine.rawValue)),
          ("since", .string(profile.since.description)),
          ("version", .string(profile.version.description)), ("line", .string(profile.line)),
          ("kvFormats", .array(profile.kvFormats.map(JSON.string))),
          (
            "defaults",
            .object(defaults(profile).map { ($0.0.id, $0.1.json) })
          ),
          ("sources", .string(profile.sources)),
        ])
      })
  }

  func csv() -> String {
    var csv = CSV(header: [
      "id", "engine", "since", "version", "line", "gpu", "memory_fraction",
      "max_num_batched_tokens",
      "max_num_seqs", "block_size", "kv_formats",
    ])
    for profile in profiles {
      for (gpu, defaults) in defaults(profile) {
        csv.append([
          profile.id, profile.engine.rawValue, profile.since.description,
          profile.version.description, profile.line, gpu.id,
          Format.number(defaults.memoryFraction, maxDecimals: 3), String(defaults.batchedTokens),
          String(defaults.maxSequences), String(defaults.blockSize),
          profile.kvFormats.joined(separator: " "),
        ])
      }
    }
    return csv.rendered()
  }
}
