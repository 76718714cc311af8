import LLMPlanKit

extension Verdict {
  /// 0 when it fits, 1 when the answer is "does not fit".
  var exitCode: ExitCode { fits ? .success : .doesNotFit }

  /// `{"code": "fits"}`, `{"code": "short", "shortByBytes": N}`, or `{"code": "impossible",
  /// "reasons": [{"code", "message"}]}`.
  var json: JSON {
    switch self {
    case .fits:
      .object([("code", .string(code))])
    case .short(let bytes, _):
      .object([("code", .string(code)), ("shortByBytes", .bytes(bytes))])
    case .impossible(let reasons, _):
      .object([
        ("code", .string(code)),
        (
          "reasons",
          .array(
            reasons.map { .object([("code", .string($0.code)), ("message", .string($0.text))]) })
        ),
      ])
    case .missesTargets(let results):
      .object([
        ("code", .string(code)),
        ("missed", .array(results.filter { !$0.met }.map(\.json))),
      ])
    }
  }
}
