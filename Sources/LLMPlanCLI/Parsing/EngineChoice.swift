import LLMPlanKit

/// `--engine NAME[@VERSION]`: an engine and, optionally, the release the plan should follow.
struct EngineChoice: Sendable, Hashable {
  let engine: Engine
  let version: EngineVersion?

  /// Every engine's profiles as help and errors list them: `vllm 0.5–0.7 (V0 engine),
  /// 0.8–0.11 (V1 engine)`.
  static func known(_ engine: Engine) -> String {
    "\(engine.rawValue) "
      + EngineRegistry.profiles(of: engine).map { "\($0.range) (\($0.line))" }
      .joined(separator: ", ")
  }

  /// As typed back: `vllm`, `vllm@0.6`, `llamacpp@b6000`.
  var text: String {
    engine.rawValue + (version.map { "@" + engine.release($0) } ?? "")
  }

  /// The profile the choice stands for, or why there is none.
  func resolution() -> Result<EngineRegistry.Resolution, ValueProblem> {
    if engine == .none, version != nil {
      return .failure(ValueProblem("'none' has no releases; use --engine none"))
    }
    guard let resolution = EngineRegistry.resolve(engine, version: version) else {
      return .failure(
        ValueProblem(
          "\(engine.rawValue)@\(version.map(engine.release) ?? "") is older than every profile llmplan has (\(Self.known(engine)))"
        ))
    }
    return .success(resolution)
  }
}

extension Engine {
  /// A release as the engine numbers it: `0.11`; llama.cpp's build `b6000`.
  func release(_ version: EngineVersion) -> String {
    self == .llamacpp ? "b\(version)" : version.description
  }
}

extension EngineProfile {
  /// `0.8–0.11`, `1.0`; llama.cpp's builds `b1–b6000`.
  var range: String {
    since == version
      ? engine.release(version) : "\(engine.release(since))–\(engine.release(version))"
  }

  /// `vLLM 0.8–0.11 (V1 engine)`.
  var label: String {
    engine == .none ? engine.displayName : "\(engine.displayName) \(range) (\(line))"
  }
}

extension ServingEngine {
  /// The profile, and the release asked for when the profile stands in for it.
  var label: String {
    switch match {
    case .newest, .covered: profile.label
    case .between(let asked), .newer(let asked): "\(profile.label) for \(engine.release(asked))"
    }
  }

  /// The stderr line for a release newer than every profile.
  var warning: String? {
    guard case .newer(let asked) = match else { return nil }
    return
      "\(engine.rawValue)@\(engine.release(asked)) is newer than the newest profile (\(profile.range)); its rules are used and may have changed since"
  }
}

extension ValueType where Value == EngineChoice {
  /// ``engine`` without `none`, which starts nothing.
  static var launcher: ValueType {
    let base = engine
    return ValueType(
      placeholder: base.placeholder,
      parse: { raw, context in
        let name = raw.split(separator: "@", maxSplits: 1).first.map(String.init) ?? raw
        let launchers = base.choices.filter { $0 != "none" }
        if case .failure = base.parse(name, context) {
          return .failure(
            ValueProblem(
              "'\(raw)' is not one of \(launchers.joined(separator: ", "))\(didYouMean(name.lowercased(), launchers.map { ($0, [$0]) }))"
            ))
        }
        return base.parse(raw, context).flatMap { choice in
          choice.engine == .none
            ? .failure(
              ValueProblem(
                "'\(raw)' starts no engine; use one of vllm, sglang, trtllm, llamacpp"))
            : .success(choice)
        }
      }, show: base.show, choices: base.choices.filter { $0 != "none" })
  }

  /// `vllm`, `vllm@0.6`, `trtllm@0.17`; `tensorrt-llm` and `llama.cpp` spelled either way.
  static var engine: ValueType {
    let names = Engine.allCases.map(\.rawValue)
    let spellings: [String: Engine] = [
      "tensorrt-llm": .trtllm, "tensorrt_llm": .trtllm, "trt-llm": .trtllm, "llama.cpp": .llamacpp,
      "llama-cpp": .llamacpp, "llama-server": .llamacpp,
    ]
    return ValueType(
      placeholder: "E[@V]",
      parse: { raw in
        let parts = raw.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].lowercased()
        guard let engine = Engine(rawValue: name) ?? spellings[name] else {
          return .failure(
            ValueProblem(
              "'\(raw)' is not one of \(names.joined(separator: ", "))\(didYouMean(name, names.map { ($0, [$0]) }))"
            ))
        }
        guard parts.count == 2 else { return .success(EngineChoice(engine: engine, version: nil)) }
        guard let version = EngineVersion.parse(String(parts[1])) else {
          return .failure(
            ValueProblem(
              "'\(parts[1])' is not a release number like 0.11 (known: \(EngineChoice.known(engine)))"
            ))
        }
        let choice = EngineChoice(engine: engine, version: version)
        return choice.resolution().map { _ in choice }
      }, show: { choice in choice.engine.rawValue }, choices: names)
  }
}
