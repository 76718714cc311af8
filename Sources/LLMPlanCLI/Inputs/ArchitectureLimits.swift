import LLMPlanKit

/// The ranges a real architecture falls in. A file outside them is corrupt or not a language
/// model; refusing it keeps every count below 2⁶³ (no overflow trap) and every plan finite.
enum ArchitectureLimits {
  static let maxLayers = 4_096

  /// What is implausible about `model`, or `nil`.
  static func problem(_ model: ModelSpec) -> String? {
    let ranges: [(String, Int, ClosedRange<Int>)] = [
      ("layers", model.layers, 1...maxLayers), ("hidden size", model.hidden, 1...262_144),
      ("attention heads", model.heads, 1...16_384), ("KV heads", model.kvHeads, 1...16_384),
      ("head dim", model.headDim, 1...16_384),
      ("intermediate size", model.intermediate, 1...2_097_152),
      ("vocabulary", model.vocab, 1...16_777_216),
      ("context", model.maxContext, 1...Limits.context),
    ]
    for (name, value, range) in ranges where !range.contains(value) {
      return
        "\(name) \(Format.integer(value)) is outside what any model has (\(Format.integer(range.lowerBound)) to \(Format.integer(range.upperBound)))"
    }
    if let moe = model.moe {
      guard (1...65_536).contains(moe.experts), (1...moe.experts).contains(moe.expertsPerToken),
        (0...2_097_152).contains(moe.expertIntermediate), (0...1_024).contains(moe.sharedExperts),
        (0...2_097_152).contains(moe.sharedIntermediate)
      else {
        return
          "experts \(moe.experts), \(moe.expertsPerToken) per token, width \(moe.expertIntermediate) are not plausible"
      }
    }
    if let mla = model.latentAttention {
      let ranks = [
        mla.qLoraRank ?? 0, mla.kvLoraRank, mla.qkNopeHeadDim, mla.qkRopeHeadDim, mla.vHeadDim,
      ]
      guard ranks.allSatisfy({ (0...65_536).contains($0) }) else {
        return "MLA ranks \(ranks.map(String.init).joined(separator: ", ")) are not plausible"
      }
    }
    if let window = model.slidingWindow, window.window < 1 || (window.globalEvery ?? 1) < 1 {
      return
        "sliding window \(window.window) (global every \(window.globalEvery ?? 1)) is not plausible"
    }
    // An upper bound on the count, in floating point: ten trillion, five times the largest
    // released model, keeps every count exact in Int and every plan quick.
    let h = Double(model.hidden)
    let attention = 4 * h * Double(model.heads * model.headDim)
    let experts =
      model.moe.map {
        Double($0.experts) * 3 * h * Double($0.expertIntermediate)
          + 3 * h * Double($0.sharedExperts * $0.sharedIntermediate)
      } ?? 0
    let perLayer = attention + 3 * h * Double(model.intermediate) + experts
    let bound = Double(model.layers) * perLayer + 2 * Double(model.vocab) * h
    if bound > 1e13 {
      return "the architecture would hold about \(Format.number(bound / 1e12)) trillion parameters"
    }
    return nil
  }
}
