import LLMPlanKit

/// The `kv` command's findings and their three renderings.
struct KVReport: Report {
  let plan: KVPlan
  var plannedModel: ModelSpec? { model }

  var model: ModelSpec { plan.growth.model }
  var engine: ServingEngine { plan.engine }
  var maxModelLen: Int { plan.request.maxModelLen }
  var growth: KVGrowth { plan.growth }
  var paging: PagingWaste { plan.paging }
  var gpus: [KVPlan.GPUBudget] { plan.budgets }

  static func gib(_ bytes: Bytes) -> String { Format.fixed(bytes.gibibytes, 2, grouped: true) }

  // MARK: table

  func table(_ style: OutputStyle) -> String {
    var out =
      "\(model.name): KV cache at \(growth.kvPrecision.id), \(Format.integer(Int(growth.bytesPerToken))) B per token (\(model.kvFormula(growth.kvPrecision)))\n"
    if let window = model.slidingWindow {
      out +=
        "\(window.kind): \(window.layersText(of: plan.growth.model)) hold at most \(Format.integer(window.window)) tokens\n"
    }
    for report in gpus { out += "\n" + gpuSection(report, width: style.width) }
    out += "\nKV cache for the whole model (GiB = 2^30 bytes)\n"
    var table = TextTable(
      [("context", .right), ("per sequence GiB", .right)]
        + growth.batches.map { ("batch \($0) GiB", .right) })
    for context in growth.contexts {
      let one = growth.perSequence(context)
      table.append(
        [Format.integer(context), Self.gib(one)] + growth.batches.map { Self.gib(one * Double($0)) }
      )
    }
    out += table.render(width: style.width)
    out += "\n" + chart(ascii: style.ascii, width: style.width)
    out += "\n" + pagingSection()
    return out
  }

  func gpuSection(_ report: KVPlan.GPUBudget, width: Int) -> String {
    let name = "\(engine.label) on \(report.gpu.name) (\(report.gpu.id))"
    guard let layout = report.layout, let capacity = report.capacity else {
      return
        "\(name): the engine does not start on any layout of up to \(plan.searchLimit) GPUs.\n"
    }
    var out =
      "\(name), \(layout.gpus == 1 ? "1 GPU" : "\(layout.gpus) GPUs") as TP\(layout.tp) × PP\(layout.pp), max-model-len \(Format.integer(maxModelLen))\n"
    let memory = capacity.memory
    var table = TextTable([("per GPU", .left), ("GiB", .right), ("rule", .left)])
    table.append(["capacity", Self.gib(memory.capacity.bytes), memory.capacity.rule.text])
    table.append(["weights", Self.gib(memory.weights.bytes), memory.weights.rule.text])
    table.append(["activations", Self.gib(memory.activation.bytes), memory.activation.rule.text])
    table.append(["overhead", Self.gib(memory.overhead.bytes), memory.overhead.rule.text])
    table.append(["KV cache memory", Self.gib(capacity.kvBudget), "capacity less the three above"])
    out += table.render(width: width)
    out +=
      "KV per token on this GPU: \(Format.integer(Int(capacity.kvBytesPerTokenPerGPU))) B; blocks: \(Format.integer(capacity.gpuBlocks)) of \(capacity.blockSize) token(s); KV cache size: \(Format.integer(capacity.kvCacheTokens)) tokens\n"
    if capacity.maxConcurrency >= 1 {
      out +=
        "Maximum concurrency for \(Format.integer(maxModelLen)) tokens per request: \(Format.fixed(capacity.maxConcurrency, 2))x\n"
    } else {
      out +=
        "One \(Format.integer(maxModelLen))-token request does not fit (concurrency \(Format.fixed(capacity.maxConcurrency, 2))x); "
      out +=
        capacity.largestFittingModelLen.map {
          "largest max-model-len that fits: \(Format.integer($0)) tokens\n"
        }
        ?? "the engine would not start: weights and reserves exceed the budget\n"
    }
    return out
  }

  /// Whole-model KV the replica holds: its token capacity × the model's bytes per token.
  static func capacityBytes(_ capacity: KVCapacity) -> Bytes {
    Bytes(Double(capacity.kvCacheTokens) * capacity.kvBytesPerToken)
  }

  func chart(ascii: Bool, width: Int) -> String {
    let batch = growth.batches.first ?? 1
    var out = "KV cache at batch \(batch) (bars, GiB)"
    let marked = gpus.filter { $0.capacity != nil }
    out += marked.isEmpty ? "\n" : "; numbered marks: where each GPU's KV memory runs out\n"
    let rows = growth.contexts.map { context -> (label: String, value: Double, text: String) in
      let bytes = growth.perSequence(context) * Double(batch)
      return (Format.integer(context), bytes.gibibytes, Self.gib(bytes))
    }
    let markers = marked.map { Self.capacityBytes($0.capacity!).gibibytes }
    out += BarChart(ascii: ascii, columns: width).render(rows: rows, markers: markers)
    for (index, report) in marked.enumerated() {
      let layout = report.layout!
      out +=
        "  \(index + 1) = \(report.gpu.id) × \(layout.gpus) (\(engine.engine.displayName)): \(Self.gib(Self.capacityBytes(report.capacity!))) GiB, \(Format.integer(report.capacity!.kvCacheTokens)) tokens\n"
    }
    return out
  }

  func pagingSection() -> String {
    let lengths = paging.requestLengths.map(Format.integer).joined(separator: ", ")
    return """
      Contiguous vs paged, for requests of \(lengths) tokens (max-model-len \(Format.integer(maxModelLen))):
        contiguous, \(Format.integer(maxModelLen)) reserved per request: \(Format.integer(paging.contiguousTokens)) tokens held for \(Format.integer(paging.usedTokens)) used, \(Format.fixed(paging.contiguousWaste * 100, 1)) % wasted
        paged, blocks of \(paging.blockSize): \(Format.integer(paging.pagedTokens)) tokens held, \(Format.fixed(paging.pagedWaste * 100, 1)) % wasted (the last partial block)

      """
  }

  // MARK: JSON

  func gpuJSON(_ report: KVPlan.GPUBudget) -> [(String, JSON)] {
    let capacity = report.capacity
    let memory = capacity?.memory
    return [
      ("gpu", .string(report.gpu.id)),
      ("engine", .string(engine.engine.rawValue)),
      ("engineProfile", engine.profileJSON),
      (
        "engineSettings",
        plan.request.setup.deployment(on: report.gpu).engineSettings(context: maxModelLen).json
      ),
      ("layout", .optional(report.layout) { $0.json }),
      ("kvBytesPerToken", .int(Int(growth.bytesPerToken))),
      ("kvBytesPerTokenPerGPU", .optional(capacity) { .int(Int($0.kvBytesPerTokenPerGPU)) }),
      ("kvCacheBytes", .optional(capacity) { .bytes($0.kvCacheBytes) }),
      ("kvCacheTokens", .optional(capacity) { .int($0.kvCacheTokens) }),
      ("gpuBlocks", .optional(capacity) { .int($0.gpuBlocks) }),
      ("blockSize", .int(plan.request.setup.deployment(on: report.gpu).blockSize)),
      ("maxConcurrency", .optional(capacity) { .number($0.maxConcurrency, decimals: 4) }),
      ("maxModelLen", .int(maxModelLen)),
      ("largestFittingModelLen", .optional(capacity?.largestFittingModelLen) { .int($0) }),
      ("weightsBytes", .optional(memory) { .bytes($0.weights.bytes) }),
      ("activationBytes", .optional(memory) { .bytes($0.activation.bytes) }),
      ("overheadBytes", .optional(memory) { .bytes($0.overhead.bytes) }),
      ("capacityBytes", .optional(memory) { .bytes($0.capacity.bytes) }),
    ]
  }

  func json() -> JSON {
    var pairs: [(String, JSON)] = [
      ("schemaVersion", .int(1)),
      ("model", .string(model.id)),
      ("kvPrecision", .string(growth.kvPrecision.id)),
    ]
    if gpus.count == 1 {
      pairs += gpuJSON(gpus[0])
    } else {
      pairs += [
        ("kvBytesPerToken", .int(Int(growth.bytesPerToken))),
        ("maxModelLen", .int(maxModelLen)),
      ]
      if !gpus.isEmpty { pairs.append(("results", .array(gpus.map { .object(gpuJSON($0)) }))) }
    }
    pairs.append(("verdict", plan.verdict.json))
    pairs.append(
      (
        "growth",
        .array(
          growth.contexts.map { context in
            let one = growth.perSequence(context)
            return .object([
              ("context", .int(context)), ("perSequenceBytes", .bytes(one)),
              (
                "batches",
                .array(
                  growth.batches.map {
                    .object([("batch", .int($0)), ("bytes", .bytes(one * Double($0)))])
                  })
              ),
            ])
          })
      ))
    pairs.append(
      (
        "paging",
        .object([
          ("requestLengths", .array(paging.requestLengths.map(JSON.int))),
          ("blockSize", .int(paging.blockSize)),
          ("contiguousTokens", .int(paging.contiguousTokens)),
          ("pagedTokens", .int(paging.pagedTokens)),
          ("usedTokens", .int(paging.usedTokens)),
          ("contiguousWaste", .number(paging.contiguousWaste, decimals: 4)),
          ("pagedWaste", .number(paging.pagedWaste, decimals: 4)),
        ])
      ))
    return .object(pairs)
  }

  // MARK: CSV

  func csv() -> String {
    if !gpus.isEmpty {
      var csv = CSV(header: [
        "model", "gpu", "engine", "tp", "pp", "kv_precision", "kv_bytes_per_token",
        "kv_bytes_per_token_per_gpu", "kv_cache_bytes", "kv_cache_tokens", "gpu_blocks",
        "block_size", "max_concurrency", "max_model_len", "largest_fitting_model_len",
        "weights_bytes", "activation_bytes", "overhead_bytes", "capacity_bytes",
      ])
      for report in gpus {
        let c = report.capacity
        let m = c?.memory
        func bytes(_ value: Bytes?) -> String { value.map { String($0.rounded) } ?? "" }
        csv.append([
          model.id, report.gpu.id, engine.engine.rawValue,
          report.layout.map { String($0.tp) } ?? "",
          report.layout.map { String($0.pp) } ?? "", growth.kvPrecision.id,
          String(Int(growth.bytesPerToken)),
          c.map { String(Int($0.kvBytesPerTokenPerGPU)) } ?? "", bytes(c?.kvCacheBytes),
          c.map { String($0.kvCacheTokens) } ?? "", c.map { String($0.gpuBlocks) } ?? "",
          String(plan.request.setup.deployment(on: report.gpu).blockSize),
          c.map { Format.number($0.maxConcurrency, maxDecimals: 4) } ?? "",
          String(maxModelLen), c?.largestFittingModelLen.map(String.init) ?? "",
          bytes(m?.weights.bytes), bytes(m?.activation.bytes), bytes(m?.overhead.bytes),
          bytes(m?.capacity.bytes),
        ])
      }
      return csv.rendered()
    }
    var csv = CSV(header: ["model", "kv_precision", "context", "batch", "kv_bytes"])
    for context in growth.contexts {
      let one = growth.perSequence(context)
      for batch in growth.batches {
        csv.append([
          model.id, growth.kvPrecision.id, String(context), String(batch),
          String((one * Double(batch)).rounded),
        ])
      }
    }
    return csv.rendered()
  }
}
