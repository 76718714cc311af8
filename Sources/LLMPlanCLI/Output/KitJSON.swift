import LLMPlanKit

// The JSON of the kit's values that several reports share.

extension Layout {
  var json: JSON {
    .object([("tp", .int(tp)), ("pp", .int(pp)), ("dp", .int(dp)), ("ep", .int(ep))])
  }
}

extension MemoryBreakdown {
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
      (
        "rules",
        .object([
          ("weights", .string(weights.rule.text)),
          ("kvCache", .string(kvCache.rule.text)),
          ("activation", .string(activation.rule.text)),
          ("overhead", .string(overhead.rule.text)),
          ("capacity", .string(capacity.rule.text)),
        ])
      ),
      (
        "ruleCodes",
        .object([
          ("weights", .string(weights.rule.code)),
          ("kvCache", .string(kvCache.rule.code)),
          ("activation", .string(activation.rule.code)),
          ("overhead", .string(overhead.rule.code)),
          ("capacity", .string(capacity.rule.code)),
        ])
      ),
    ])
  }
}

extension Efficiency {
  func json(basis: EfficiencyBasis? = nil) -> JSON {
    var fields: [(String, JSON)] = [
      ("prefillCompute", .number(prefillCompute, decimals: 4)),
      ("decodeCompute", .number(decodeCompute, decimals: 4)),
      ("memory", .number(memory, decimals: 4)),
      ("attention", .number(attention, decimals: 5)),
      ("prefillOverheadMicrosecondsPerLayer", .number(prefillSecondsPerLayer * 1e6, decimals: 3)),
      ("decodeOverheadMicrosecondsPerLayer", .number(decodeSecondsPerLayer * 1e6, decimals: 3)),
      ("collectiveLatencyScale", .number(collectiveLatencyScale, decimals: 4)),
    ]
    if let basis {
      fields += [("basis", .string(basis.text)), ("basisCode", .string(basis.code))]
    }
    return .object(fields)
  }
}
