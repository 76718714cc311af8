import LLMPlanKit

/// Renders a ``ScalePlan``: table and chart, JSON (schema 1), CSV.
struct ScaleReport: Report {
  let plan: ScalePlan
  var plannedModel: ModelSpec? {
    if case .derived(let deployment, _, _, _) = plan.request { return deployment.model }
    return nil
  }

  var curve: ScaleCurve { plan.curve }

  var plannedDeployment: Deployment? {
    if case .derived(let deployment, _, _, _) = plan.request { return deployment }
    return nil
  }

  /// What the curve is of: the law's fraction, or the deployment and its step.
  var subject: String {
    switch plan.request {
    case .amdahl(let p, _):
      return "Amdahl's law, parallel fraction p = \(Format.number(p, maxDecimals: 4))"
    case .derived(let deployment, _, let concurrency, _):
      var subject =
        "\(deployment.title()), \(deployment.precision.id) weights, context \(Format.integer(plan.context ?? 0)), \(Format.integer(concurrency)) sequence\(concurrency == 1 ? "" : "s") per step, \(deployment.engine.label) memory rules"
      if let p = curve.parallelFraction {
        subject +=
          "\nfitted parallel fraction p = \(Format.fixed(p, 4)) (least squares over the points)"
      }
      return subject
    }
  }

  func table(_ style: OutputStyle) -> String {
    var out = subject + "\n\n"
    var columns: [(String, TextTable.Alignment)] = [("GPUs", .right)]
    if curve.isDerived { columns += [("layout", .left), ("ms/step", .right)] }
    columns += [("speedup", .right), ("efficiency", .right), ("serial 1 − p", .right)]
    if curve.isDerived { columns.append(("fits", .left)) }
    var table = TextTable(columns)
    for point in curve.points {
      var row = [Format.integer(point.gpus)]
      if curve.isDerived {
        row += [
          point.layout?.description ?? "no valid layout",
          point.stepSeconds.map { Format.fixed($0 * 1e3, 2) } ?? "-",
        ]
      }
      row += [
        Format.fixed(point.speedup, 2) + "×", Format.fixed(point.efficiency * 100, 1) + " %",
        Format.fixed(point.serialFraction * 100, 1) + " %",
      ]
      if curve.isDerived { row.append(point.fits == true ? "yes" : "no (memory)") }
      table.append(row)
    }
    out += table.render(width: style.width) + "\n"
    let rows = curve.points.map { point in
      (
        label: "\(point.gpus) GPU\(point.gpus == 1 ? "" : "s")", value: point.speedup,
        text: Format.fixed(point.speedup, 2) + "×"
      )
    }
    out +=
      "speedup (× one GPU)\n"
      + BarChart(ascii: style.ascii, columns: style.width).render(rows: rows, markers: [])
    return out
  }

  func json() -> JSON {
    .object([
      ("schemaVersion", .int(1)),
      ("derived", .bool(curve.isDerived)),
      ("engineProfile", .optional(plannedDeployment) { $0.engine.profileJSON }),
      ("parallelFraction", .optional(curve.parallelFraction) { .number($0, decimals: 6) }),
      (
        "points",
        .array(
          curve.points.map { point in
            .object([
              ("gpus", .int(point.gpus)),
              ("layout", .optional(point.layout) { $0.json }),
              ("stepMs", .optional(point.stepSeconds) { .number($0 * 1e3, decimals: 3) }),
              ("speedup", .number(point.speedup, decimals: 4)),
              ("efficiency", .number(point.efficiency, decimals: 4)),
              ("serialFraction", .number(point.serialFraction, decimals: 4)),
              ("fits", .optional(point.fits) { .bool($0) }),
            ])
          })
      ),
    ])
  }

  func csv() -> String {
    var csv = CSV(header: [
      "gpus", "tp", "pp", "dp", "ep", "step_ms", "speedup", "efficiency", "serial_fraction", "fits",
    ])
    for point in curve.points {
      let layout = point.layout
      csv.append([
        String(point.gpus), layout.map { String($0.tp) } ?? "", layout.map { String($0.pp) } ?? "",
        layout.map { String($0.dp) } ?? "", layout.map { String($0.ep) } ?? "",
        point.stepSeconds.map { Format.number($0 * 1e3, maxDecimals: 3) } ?? "",
        Format.number(point.speedup, maxDecimals: 4),
        Format.number(point.efficiency, maxDecimals: 4),
        Format.number(point.serialFraction, maxDecimals: 4),
        point.fits.map { $0 ? "true" : "false" } ?? "",
      ])
    }
    return csv.rendered()
  }
}
