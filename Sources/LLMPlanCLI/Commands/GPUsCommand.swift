import LLMPlanKit

/// `llmplan gpus [GPU]`: the catalog, dense and 2:4-sparse compute side by side.
enum GPUsCommand {
  static let spec = CommandSpec(
    name: "gpus", positional: "GPU", positionalOptional: true,
    summary: "The GPU catalog: memory, bandwidth, dense and sparse compute, links, power, price.",
    options: [CommonOptions.format, CommonOptions.color, CommonOptions.help],
    examples: ["llmplan gpus", "llmplan gpus h100", "llmplan gpus --format csv"],
    details: """
      FP16 dense is what the planner computes with; the 2:4-sparse figure beside it is the
      vendors' headline (and the seed's table). Usable GiB is what CUDA reports as total.
      Prices are indicative on-demand USD per GPU-hour (midpoint of gpus.csv's 2026 range).
      """)

  static func run(_ invocation: Invocation, _ terminal: Terminal) -> Outcome {
    var reader = ValueReader()
    let style = OutputStyle.read(invocation, terminal: terminal, into: &reader)
    var gpus = GPUCatalog.builtin.gpus
    if let name = invocation.positionals.first {
      if let gpu = reader.gpu(name, option: "gpu") { gpus = [gpu] }
      if !reader.errors.isEmpty {
        reader.errors = reader.errors.map { $0.replacingOccurrences(of: "--gpu: ", with: "") }
      }
    }
    guard reader.errors.isEmpty else { return LLMPlan.usage(reader.errors) }
    switch style.format {
    case .table:
      return Outcome(stdout: invocation.positionals.isEmpty ? table(gpus) : detail(gpus[0]))
    case .json: return Outcome(stdout: json(gpus).rendered())
    case .csv: return Outcome(stdout: csv(gpus))
    }
  }

  static func tflops(_ value: Double?) -> String {
    value.map { Format.number($0, maxDecimals: 1) } ?? "-"
  }

  static func table(_ gpus: [GPUSpec]) -> String {
    var table = TextTable([
      ("gpu", .left), ("memory GB", .right), ("usable GiB", .right), ("TB/s", .right),
      ("FP16 dense", .right), ("FP16 sparse", .right), ("FP8 dense", .right),
      ("INT8 dense", .right),
      ("FP4 dense", .right), ("link GB/s", .right), ("domain", .right), ("TDP W", .right),
      ("$/h", .right), ("name", .left),
    ])
    for gpu in gpus {
      table.append([
        gpu.id, Format.number(gpu.memory.marketedGB), Format.fixed(gpu.memory.usableGiB, 2),
        Format.number(gpu.bandwidthTBps, maxDecimals: 3), tflops(gpu.compute.fp16.dense),
        tflops(gpu.compute.fp16.sparse), tflops(gpu.compute.fp8?.dense),
        tflops(gpu.compute.int8?.dense), tflops(gpu.compute.fp4?.dense),
        Format.number(gpu.link.bidirectionalGBps), String(gpu.link.scaleUpDomain),
        gpu.tdpWatts.map { Format.number($0) } ?? "-",
        gpu.pricePerHour.map { Format.fixed($0, 2) } ?? "-",
        gpu.name,
      ])
    }
    return table.render()
      + """

      Compute in TFLOPS (INT8 in TOPS); "sparse" is 2:4 structured sparsity, the vendors' headline
      and the seed's figure, twice the dense peak. The planner uses the dense figures.
      Link: per-GPU bandwidth, both directions summed; domain: GPUs per NVLink/fabric domain.

      """
  }

  static func peakRow(_ name: String, _ peak: GPUSpec.Peak?, _ unit: String) -> [String] {
    guard let peak else { return [name, "-"] }
    let sparse =
      peak.sparse.map { Format.number($0, maxDecimals: 1) + " sparse (2:4)" } ?? "no sparse figure"
    return [name, "\(Format.number(peak.dense, maxDecimals: 1)) \(unit) dense, \(sparse)"]
  }

  static func detail(_ gpu: GPUSpec) -> String {
    var table = TextTable([("field", .left), ("value", .left)])
    let rows: [[String]] = [
      ["id", gpu.id], ["name", gpu.name], ["vendor", gpu.vendor.rawValue],
      ["aliases", gpu.aliases.isEmpty ? "-" : gpu.aliases.joined(separator: ", ")],
      ["form factor", gpu.formFactor],
      ["memory", "\(Format.number(gpu.memory.marketedGB)) GB marketed, \(gpu.memory.type)"],
      [
        "usable memory", "\(Format.fixed(gpu.memory.usableGiB, 2)) GiB (\(gpu.memory.usableBasis))",
      ],
      ["bandwidth", "\(Format.number(gpu.bandwidthTBps, maxDecimals: 3)) TB/s"],
      peakRow("FP16/BF16", gpu.compute.fp16, "TFLOPS"), peakRow("FP8", gpu.compute.fp8, "TFLOPS"),
      peakRow("INT8", gpu.compute.int8, "TOPS"), peakRow("FP4", gpu.compute.fp4, "TFLOPS"),
      [
        "link",
        "\(gpu.link.name), \(Format.number(gpu.link.bidirectionalGBps)) GB/s per GPU (both directions)",
      ],
      [
        "scale-up domain",
        "\(gpu.link.scaleUpDomain) GPUs; \(gpu.gpusPerNode) per node; TP up to \(gpu.maxTensorParallel)",
      ],
      ["TDP", gpu.tdpWatts.map { "\(Format.number($0)) W" } ?? "-"],
      ["launch", String(gpu.launchYear)],
      [
        "price",
        gpu.pricePerHour.map { "$\(Format.fixed($0, 2)) per GPU-hour (indicative)" } ?? "-",
      ],
      ["sources", gpu.sources + " (shared/reference/gpus.md)"],
      ["note", gpu.note.isEmpty ? "-" : gpu.note],
    ]
    for row in rows { table.append(row) }
    return table.render()
  }

  static func peakJSON(_ peak: GPUSpec.Peak?) -> JSON {
    .optional(peak) { peak in
      .object([
        ("dense", .number(peak.dense, decimals: 3)),
        ("sparse", .optional(peak.sparse) { .number($0, decimals: 3) }),
      ])
    }
  }

  static func json(_ gpus: [GPUSpec]) -> JSON {
    .object([
      ("schemaVersion", .int(1)),
      (
        "gpus",
        .array(
          gpus.map { gpu in
            .object([
              ("id", .string(gpu.id)), ("name", .string(gpu.name)),
              ("vendor", .string(gpu.vendor.rawValue)),
              ("aliases", .array(gpu.aliases.map(JSON.string))),
              ("memoryMarketedGB", .number(gpu.memory.marketedGB, decimals: 3)),
              ("memoryUsableBytes", .bytes(gpu.memory.usable)),
              ("memoryUsableBasis", .string(gpu.memory.usableBasis)),
              ("memoryType", .string(gpu.memory.type)),
              ("bandwidthTBps", .number(gpu.bandwidthTBps, decimals: 3)),
              ("fp16TFLOPS", peakJSON(gpu.compute.fp16)), ("fp8TFLOPS", peakJSON(gpu.compute.fp8)),
              ("int8TOPS", peakJSON(gpu.compute.int8)), ("fp4TFLOPS", peakJSON(gpu.compute.fp4)),
              ("link", .string(gpu.link.name)), ("linkKind", .string(gpu.link.kind.rawValue)),
              ("linkBidirectionalGBps", .number(gpu.link.bidirectionalGBps, decimals: 1)),
              ("scaleUpDomain", .int(gpu.link.scaleUpDomain)),
              ("gpusPerNode", .int(gpu.gpusPerNode)),
              ("tdpWatts", .optional(gpu.tdpWatts) { .number($0, decimals: 0) }),
              ("pricePerHourUSD", .optional(gpu.pricePerHour) { .number($0, decimals: 2) }),
              ("sources", .string(gpu.sources)),
            ])
          })
      ),
    ])
  }

  static func csv(_ gpus: [GPUSpec]) -> String {
    func value(_ number: Double?) -> String {
      number.map { Format.number($0, maxDecimals: 3) } ?? ""
    }
    var csv = CSV(header: [
      "id", "name", "vendor", "memory_marketed_gb", "memory_usable_gib", "bandwidth_tbps",
      "fp16_dense_tflops", "fp16_sparse_tflops", "fp8_dense_tflops", "fp8_sparse_tflops",
      "int8_dense_tops", "int8_sparse_tops", "fp4_dense_tflops", "fp4_sparse_tflops", "link",
      "link_bidirectional_gbps", "scale_up_domain", "gpus_per_node", "tdp_w", "price_usd_per_hour",
      "sources",
    ])
    for gpu in gpus {
      let c = gpu.compute
      csv.append([
        gpu.id, gpu.name, gpu.vendor.rawValue, value(gpu.memory.marketedGB),
        value(gpu.memory.usableGiB),
        value(gpu.bandwidthTBps), value(c.fp16.dense), value(c.fp16.sparse), value(c.fp8?.dense),
        value(c.fp8?.sparse), value(c.int8?.dense), value(c.int8?.sparse), value(c.fp4?.dense),
        value(c.fp4?.sparse), gpu.link.name, value(gpu.link.bidirectionalGBps),
        String(gpu.link.scaleUpDomain), String(gpu.gpusPerNode), value(gpu.tdpWatts),
        value(gpu.pricePerHour), gpu.sources,
      ])
    }
    return csv.rendered()
  }
}
