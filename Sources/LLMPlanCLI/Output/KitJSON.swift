import LLMPlanKit

// The JSON of the kit's values that several reports share.

extension Layout {
  var json: JSON {
    .object([("tp", .int(tp)), ("pp", .int(pp)), ("dp", .int(dp)), ("ep", .int(ep))])
  }
}

extension MemoryBreakdown {
  /// The terms that carry a rule, under their JSON keys.
  var terms: [(String, Term)] {
    [
      ("weights", weights), ("kvCache", kvCache), ("activation", activation),
      ("overhead", overhead), ("capacity", capacity),
    ]
  }

  /// Bytes (integers) term by term, and the rule behind each term.
  var json: JSON {
    .object([
      ("weightsBytes", .bytes(weights.bytes)),
      ("kvCacheBytes", .bytes(kvCache.bytes)),
      ("activationBytes", .bytes(activation.bytes)),
      ("overheadBytes", .bytes(overhead.bytes)),
      ("totalBytes", .bytes(total)),
      ("capacityBytes", .bytes(capacity.bytes)),
      ("headroomBytes", .bytes(headroom)),
      ("rules", .object(terms.map { ($0.0, .string($0.1.rule.text)) })),
      ("ruleCodes", .object(terms.map { ($0.0, .string($0.1.rule.code)) })),
    ])
  }
}

extension Efficiency {
  func json(basis: EfficiencyBasis? = nil) -> JSON {
    var fields: [(String, JSON)] = [
      ("compute", .number(compute, decimals: 4)),
      ("gemmHalfTokens", .number(gemmHalfTokens, decimals: 1)),
      ("memory", .number(memory, decimals: 4)),
      ("kvMemory", .number(kvMemory, decimals: 4)),
      ("attention", .number(attention, decimals: 5)),
      ("prefillOverheadMicrosecondsPerLayer", .number(prefillSecondsPerLayer * 1e6, decimals: 3)),
      ("decodeOverheadMicrosecondsPerLayer", .number(decodeSecondsPerLayer * 1e6, decimals: 3)),
      ("collectiveLatencyScale", .number(collectiveLatencyScale, decimals: 4)),
      ("expertCompute", .number(expertCompute, decimals: 4)),
      ("hostMicrosecondsPerSequence", .number(hostSecondsPerSequence * 1e6, decimals: 3)),
    ]
    if let basis {
      fields += [("basis", .string(basis.text)), ("basisCode", .string(basis.code))]
    }
    return .object(fields)
  }
}

extension Deployment {
  /// The keys every plan's JSON opens with: schema, model, GPU, formats.
  var jsonIdentity: [(String, JSON)] {
    [
      ("schemaVersion", .int(1)),
      ("model", .string(model.id)),
      ("gpu", .string(gpu.id)),
      ("precision", .string(precision.id)),
      ("kvPrecision", .string(kvPrecision.id)),
      ("weightCompute", .string(weightCompute)),
    ]
  }

  /// `native`, `weight-only` (16-bit compute) or `fp16` (a bf16 checkpoint without bf16).
  var weightCompute: String {
    switch formatSupport {
    case .weightOnly: "weight-only"
    case .asFP16: "fp16"
    case .native, .unsupported: "native"
    }
  }
}

extension ServingEngine {
  /// The profile a plan followed, with the release asked for when it differs.
  var profileJSON: JSON {
    var pairs: [(String, JSON)] = [
      ("id", .string(profile.id)), ("releases", .string(profile.range)),
      ("line", .string(profile.line)),
    ]
    switch match {
    case .newest: break
    case .covered(let asked): pairs.append(("asked", .string(asked.description)))
    case .between(let asked), .newer(let asked):
      pairs.append(("asked", .string(asked.description)))
      pairs.append(("match", .string(match == .newer(asked) ? "newer" : "between")))
    }
    return .object(pairs)
  }
}

extension EngineDefaults {
  /// The engine settings in force, under the engines' own names.
  var json: JSON {
    .object([
      ("memoryFraction", .number(memoryFraction, decimals: 3)), ("blockSize", .int(blockSize)),
      ("maxNumBatchedTokens", .int(batchedTokens)), ("maxNumSeqs", .int(maxSequences)),
    ])
  }
}
