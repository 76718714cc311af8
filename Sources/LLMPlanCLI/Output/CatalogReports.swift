import LLMPlanKit

/// Renders the GPU catalog: a table of all (or one GPU in full), JSON (schema 1), CSV.
struct GPUCatalogReport: Report {
  let gpus: [GPUSpec]
  /// The GPU asked for by name, shown in full as a table.
  let single: GPUSpec?

  func tflops(_ value: Double?) -> String {
    value.map { Format.number($0, maxDecimals: 1) } ?? "-"
  }

  /// What a narrow terminal keeps longest: memory, bandwidth, the dense peaks, price.
  static let columnPriorities = [
    "memory GB": 3, "TB/s": 3, "FP16 dense": 3, "usable GiB": 2, "FP8 dense": 2, "$/h": 2,
    "link GB/s": 1, "domain": 1, "TDP W": -1, "INT8 dense": -1, "FP16 sparse": -2, "name": -2,
  ]

  func table(_ style: OutputStyle) -> String {
    if let gpu = single { return detail(gpu, width: style.width) }
    var table = TextTable(
      [
        ("gpu", .left), ("memory GB", .right), ("usable GiB", .right), ("TB/s", .right),
        ("FP16 dense", .right), ("FP16 sparse", .right), ("FP8 dense", .right),
        ("INT8 dense", .right),
        ("FP4 dense", .right), ("link GB/s", .right), ("domain", .right), ("TDP W", .right),
        ("$/h", .right), ("name", .left),
      ], priorities: Self.columnPriorities)
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
    return table.render(width: style.width)
      + """

      Compute in TFLOPS (INT8 in TOPS); "sparse" is 2:4 structured sparsity, the vendors' headline
      figure, twice the dense peak. The planner uses the dense figures.
      Link: per-GPU bandwidth, both directions summed; domain: GPUs per NVLink/fabric domain.

      """
  }

  func peakRow(_ name: String, _ peak: GPUSpec.Peak?, _ unit: String) -> [String] {
    guard let peak else { return [name, "-"] }
    let sparse =
      peak.sparse.map { Format.number($0, maxDecimals: 1) + " sparse (2:4)" } ?? "no sparse figure"
    return [name, "\(Format.number(peak.dense, maxDecimals: 1)) \(unit) dense, \(sparse)"]
  }

  func detail(_ gpu: GPUSpec, width: Int) -> String {
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
      ["sources", gpu.sources + " (README, \"GPU sources\")"],
      ["note", gpu.note.isEmpty ? "-" : gpu.note],
    ]
    for row in rows { table.append(row) }
    return table.render(width: width)
  }

  func peakJSON(_ peak: GPUSpec.Peak?) -> JSON {
    .optional(peak) { peak in
      .object([
        ("dense", .number(peak.dense, decimals: 3)),
        ("sparse", .optional(peak.sparse) { .number($0, decimals: 3) }),
      ])
    }
  }

  func json() -> JSON {
    .listing(
      "gpus",
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
  }

  func csv() -> String {
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

/// Renders the model catalog: table, JSON (schema 1), CSV.
struct ModelCatalogReport: Report {
  let models: [ModelSpec]

  func architecture(_ model: ModelSpec) -> String {
    var text = model.attentionKind
    if let moe = model.moe { text += " MoE \(moe.expertsPerToken)/\(moe.experts)" }
    if let window = model.slidingWindow {
      let everyLayer = (0..<model.layers).allSatisfy { window.isLocal(layer: $0) }
      text += everyLayer ? " SWA" : " local/global"
    }
    return text
  }

  func table(_ style: OutputStyle) -> String {
    var table = TextTable(
      [
        ("model", .left), ("parameters", .right), ("arch", .left), ("layers", .right),
        ("hidden", .right), ("heads", .right), ("kv", .right), ("context", .right),
        ("dtype", .left),
        ("hugging face id", .left),
      ], priorities: ["context": 2, "kv": 1, "dtype": 0, "hugging face id": -1])
    for model in models {
      table.append([
        model.id, Format.integer(model.parameters.total), architecture(model), String(model.layers),
        String(model.hidden), String(model.heads), String(model.kvHeads),
        Format.integer(model.maxContext), model.checkpointPrecision.id, model.huggingFaceID,
      ])
    }
    return table.render(width: style.width)
  }

  func json() -> JSON {
    .listing(
      "models",
      models.map { model in
        .object([
          ("id", .string(model.id)), ("name", .string(model.name)),
          ("huggingFaceID", .string(model.huggingFaceID)),
          ("aliases", .array(model.aliases.map(JSON.string))),
          ("parameterCount", .int(model.parameters.total)),
          ("activeParameterCount", .int(model.parameters.active)),
          ("attention", .string(model.attentionKind)), ("layers", .int(model.layers)),
          ("hidden", .int(model.hidden)), ("heads", .int(model.heads)),
          ("kvHeads", .int(model.kvHeads)),
          ("headDim", .int(model.headDim)), ("intermediate", .int(model.intermediate)),
          ("vocab", .int(model.vocab)), ("tiedEmbeddings", .bool(model.tiedEmbeddings)),
          ("maxContext", .int(model.maxContext)),
          ("checkpointPrecision", .string(model.checkpointPrecision.id)),
          (
            "moe",
            .optional(model.moe) { moe in
              .object([
                ("experts", .int(moe.experts)), ("expertsPerToken", .int(moe.expertsPerToken)),
                ("expertIntermediate", .int(moe.expertIntermediate)),
                ("sharedExperts", .int(moe.sharedExperts)),
              ])
            }
          ),
          (
            "mla",
            .optional(model.latentAttention) { mla in
              .object([
                ("kvLoraRank", .int(mla.kvLoraRank)),
                ("qkRopeHeadDim", .int(mla.qkRopeHeadDim)),
              ])
            }
          ),
          (
            "slidingWindow",
            .optional(model.slidingWindow) { window in
              .object([
                ("window", .int(window.window)),
                ("globalEvery", .optional(window.globalEvery) { .int($0) }),
              ])
            }
          ),
        ])
      })
  }

  func csv() -> String {
    var csv = CSV(header: [
      "id", "hugging_face_id", "parameter_count", "active_parameter_count", "attention", "layers",
      "hidden", "heads", "kv_heads", "head_dim", "intermediate", "vocab", "max_context",
      "checkpoint_precision", "experts", "experts_per_token",
    ])
    for model in models {
      csv.append([
        model.id, model.huggingFaceID, String(model.parameters.total),
        String(model.parameters.active),
        model.attentionKind, String(model.layers), String(model.hidden), String(model.heads),
        String(model.kvHeads), String(model.headDim), String(model.intermediate),
        String(model.vocab),
        String(model.maxContext), model.checkpointPrecision.id,
        model.moe.map { String($0.experts) } ?? "",
        model.moe.map { String($0.expertsPerToken) } ?? "",
      ])
    }
    return csv.rendered()
  }
}
