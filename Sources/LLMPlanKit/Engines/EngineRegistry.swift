/// Every engine profile, and how a requested `engine@version` finds one.
public enum EngineRegistry {
  /// Oldest first within each engine.
  public static let profiles: [any EngineProfile] = [
    VLLMV0Profile(), VLLMV1Profile(), SGLang04Profile(), SGLang05Profile(), TRTLLM010Profile(),
    TRTLLM017Profile(), TRTLLMPyTorchProfile(), LlamaCppProfile(), NoEngineProfile(),
  ]

  /// Every KV-cache format some profile offers, in the catalog's order.
  public static let kvFormats: [Precision] = Precision.all.filter { format in
    profiles.contains { $0.kvFormats.contains(format.id) }
  }

  public static func profiles(of engine: Engine) -> [any EngineProfile] {
    profiles.filter { $0.engine == engine }.sorted { $0.since < $1.since }
  }

  /// The newest profile of `engine`: what an engine named without a version gets.
  public static func newest(_ engine: Engine) -> any EngineProfile {
    profiles(of: engine).last!
  }

  /// The profile with the given id (`vllm@0.11`).
  public static func profile(id: String) -> (any EngineProfile)? {
    profiles.first { $0.id == id }
  }

  /// How a requested version was matched.
  public enum Match: Sendable, Hashable {
    /// No version asked: the newest profile.
    case newest
    /// The version falls within a profile's releases.
    case covered(EngineVersion)
    /// Between two profiles: the older one's rules.
    case between(EngineVersion)
    /// Newer than every profile: the newest one's rules, which may have changed since.
    case newer(EngineVersion)
  }

  public struct Resolution: Sendable {
    public let profile: any EngineProfile
    public let match: Match
  }

  /// The profile for `engine` at `version`; `nil` when the version is older than every profile
  /// of the engine.
  public static func resolve(_ engine: Engine, version: EngineVersion?) -> Resolution? {
    let line = profiles(of: engine)
    guard let version else { return Resolution(profile: newest(engine), match: .newest) }
    guard let index = line.lastIndex(where: { $0.since <= version }) else { return nil }
    let profile = line[index]
    if version <= profile.version
      || EngineVersion(parts: Array(version.parts.prefix(2)))
        <= EngineVersion(parts: Array(profile.version.parts.prefix(2)))
    {
      return Resolution(profile: profile, match: .covered(version))
    }
    return Resolution(
      profile: profile, match: index == line.count - 1 ? .newer(version) : .between(version))
  }
}
