import LLMPlanKit

/// The requirements of one answer against the recommended layout's figures.
struct RequirementCheck {
  let figures: DeploymentFigures?
  let results: [Requirement.Result]
  /// What the figures are of, after the layout: `fit`'s recommended layout and one prompt's
  /// TTFT, `perf`'s worst rows.
  let basis: String

  /// The requirements against `figures` (no value where there is no figure); `basis` defaults
  /// to `fit`'s.
  init(_ requirements: [Requirement], figures: DeploymentFigures?, basis: String? = nil) {
    self.figures = figures
    self.basis =
      basis
      ?? "recommended layout at the plan's batch; TTFT: one prompt of \(Format.integer(figures?.promptTokens ?? 0)) tokens alone"
    results = requirements.map {
      Requirement.Result(requirement: $0, value: figures?.values[$0.metric])
    }
  }

  /// `verdict`, or `fails-requirements` when it fits but a requirement fails.
  func verdict(over verdict: Verdict) -> Verdict {
    verdict.fits && results.contains(where: { !$0.met }) ? .failsRequirements(results) : verdict
  }

  /// "Requirements at TP4 × PP1 × DP1 (…):" and one line per requirement.
  func text(paint: Paint) -> String {
    var out = "\nRequirements"
    if let figures {
      out +=
        " at \(figures.layout) (\(basis)):\n"
    } else {
      out += ": nothing fits, so none can be met.\n"
    }
    for result in results {
      out +=
        "  " + (result.met ? paint.green("pass") : paint.red("FAIL")) + "  " + result.text + "\n"
    }
    return out
  }

  var json: JSON {
    .object([
      ("layout", .optional(figures) { $0.layout.json }),
      ("promptTokens", .optional(figures) { .int($0.promptTokens) }),
      ("met", .bool(results.allSatisfy(\.met))),
      ("results", .array(results.map(\.json))),
    ])
  }
}
