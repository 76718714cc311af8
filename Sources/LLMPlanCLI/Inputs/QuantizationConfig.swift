import LLMPlanKit

/// A config's `quantization_config`: the format of the quantized linear layers and which
/// modules stay at the 16-bit activation dtype.
///
/// Methods as transformers' quantizers and vLLM's `model_executor/layers/quantization` read them
/// (v0.11): `fp8` and `fbgemm_fp8` (`weight_block_size`, `modules_to_not_convert`),
/// `compressed-tensors` (`config_groups[*].weights.num_bits/type/group_size`, `ignore`),
/// `awq` and `gptq` (`bits`, `group_size`), `bitsandbytes` (`load_in_4bit`,
/// `bnb_4bit_quant_type`, `llm_int8_skip_modules`), `mxfp4` (gpt-oss: experts only) and
/// NVIDIA ModelOpt `modelopt` (`quant_algo`, `exclude_modules`). Embeddings, norms and routers
/// are never quantized; the LM head only when a method says so.
enum QuantizationConfig {
  static let methods = [
    "awq", "bitsandbytes", "compressed-tensors", "fbgemm_fp8", "fp8", "gptq", "modelopt", "mxfp4",
  ]

  struct Reading {
    /// The quantized layers' format; `nil` without a quantization config.
    var precision: Precision?
    /// The format module by module, when some linear layers stay at 16 bits.
    var format: WeightFormat?
    /// The KV-cache format it declares: ModelOpt `kv_cache_quant_algo` (`FP8`, `INT8`,
    /// `NVFP4`), compressed-tensors `kv_cache_scheme` (`num_bits` 8, `type` float or int).
    var kvCache: Precision?
    var notes: [String] = []
  }

  /// The modules a format may leave out.
  struct Kept: OptionSet {
    let rawValue: Int
    static let attention = Kept(rawValue: 1)
    static let mlp = Kept(rawValue: 2)
    static let experts = Kept(rawValue: 4)
    static let lmHead = Kept(rawValue: 8)
  }

  static func read(_ fields: inout JSONFields, activation: Precision) -> Reading {
    guard let method = fields.string("quant_method") ?? fields.string("quantization_method")
    else {
      if fields.node.members != nil { fields.problem("quant_method", "missing") }
      return Reading()
    }
    var kept: Kept = [.lmHead]
    var skipped: [String] = []
    var precision: Precision
    switch method.lowercased() {
    case "fp8", "fbgemm_fp8":
      // Block scales (weight_block_size 128×128: one fp32 per 16,384 weights) add 0.002 bits.
      let blocks = fields.array("weight_block_size")?.compactMap(\.integer) ?? []
      precision = blocks.first.map { .fp8(blocks: $0) } ?? .fp8
      skipped = fields.strings("modules_to_not_convert") ?? []
    case "compressed-tensors":
      precision = compressedTensors(&fields)
      skipped = fields.strings("ignore") ?? []
    case "awq", "gptq":
      let bits = fields.integer("bits", in: 2...8) ?? fields.integer("w_bit", in: 2...8) ?? 4
      let group = fields.integer("group_size") ?? fields.integer("q_group_size") ?? 128
      precision = .grouped(method.lowercased(), bits: bits, group: group)
      if fields.bool("lm_head") == true { kept.remove(.lmHead) }
      skipped = fields.strings("modules_to_not_convert") ?? []
    case "bitsandbytes":
      if fields.bool("load_in_4bit") == true {
        let type = fields.string("bnb_4bit_quant_type") ?? "fp4"
        let double = fields.bool("bnb_4bit_use_double_quant") ?? false
        precision =
          type == "nf4" && double
          ? Precision.named("nf4")!
          : Precision(
            id: type == "nf4" ? "nf4" : "bnb-fp4", bits: double ? 4 + 8.0 / 64 + 32.0 / 16384 : 4.5,
            note: "bitsandbytes \(type), block 64\(double ? ", double-quantized" : "")",
            computePath: .fp16)
      } else {
        _ = fields.bool("load_in_8bit")
        precision = .int8
      }
      skipped = fields.strings("llm_int8_skip_modules") ?? []
    case "mxfp4":
      precision = Precision.named("mxfp4")!
      skipped = fields.strings("modules_to_not_convert") ?? []
    case "modelopt":
      let algorithm = fields.string("quant_algo") ?? fields.string("quantization") ?? "FP8"
      switch algorithm.uppercased() {
      case "FP8": precision = .fp8
      case "NVFP4": precision = Precision.named("nvfp4")!
      case "W4A16_AWQ", "W4A8_AWQ": precision = Precision.named("awq")!
      default:
        fields.problem("quant_algo", "'\(algorithm)' is not one of FP8, NVFP4, W4A16_AWQ, W4A8_AWQ")
        precision = .fp8
      }
      skipped = fields.strings("exclude_modules") ?? []
    default:
      fields.problem(
        "quant_method",
        "'\(method)' is not a quantization llmplan reads (\(methods.joined(separator: ", "))); read the checkpoint directory for its stored bytes, or plan at a format with --precision"
      )
      return Reading()
    }
    var reading = Reading(precision: precision, kvCache: kvCache(&fields))
    var layerSpecific = 0
    for module in skipped {
      guard let found = Self.module(module) else { continue }
      if module.contains(where: \.isNumber) && found != .lmHead && Self.namesLayer(module) {
        layerSpecific += 1
      } else {
        kept.insert(found)
      }
    }
    if layerSpecific > 0 {
      reading.notes.append(
        "\(layerSpecific) layer-specific exclusions of the quantization are not modelled (read the checkpoint directory for exact bytes)"
      )
    }
    let at = { (module: Kept) in kept.contains(module) ? activation : precision }
    if !kept.isDisjoint(with: [.attention, .mlp, .experts]) || !kept.contains(.lmHead) {
      reading.format = WeightFormat(
        attention: at(.attention), mlp: at(.mlp), experts: at(.experts), other: activation,
        embedding: activation, lmHead: at(.lmHead))
    }
    return reading
  }

  /// The declared KV-cache format, if any.
  static func kvCache(_ fields: inout JSONFields) -> Precision? {
    if let algorithm = fields.string("kv_cache_quant_algo") {
      switch algorithm.uppercased() {
      case "FP8": return .fp8
      case "INT8": return .int8
      default:
        fields.problem("kv_cache_quant_algo", "'\(algorithm)' is not one of FP8, INT8")
        return nil
      }
    }
    guard let scheme = fields.value("kv_cache_scheme"), scheme.members != nil else { return nil }
    let bits = scheme["num_bits"]?.integer ?? 8
    let type = scheme["type"]?.string ?? "float"
    guard bits == 8 else {
      fields.problem("kv_cache_scheme", "num_bits \(bits): only 8-bit KV caches are served")
      return nil
    }
    return type == "float" ? .fp8 : .int8
  }

  /// `config_groups`: the first group's weight scheme.
  static func compressedTensors(_ fields: inout JSONFields) -> Precision {
    let groups = fields.value("config_groups")?.members ?? []
    guard let weights = groups.first?.1["weights"] else {
      let format = fields.string("format") ?? ""
      return format.has("fp4") ? Precision.named("nvfp4")! : .fp8
    }
    let bits = weights["num_bits"]?.integer ?? 8
    let type = weights["type"]?.string ?? "int"
    let group = weights["group_size"]?.integer ?? 0
    switch (bits, type) {
    case (8, "float"): return .fp8
    case (8, _): return .int8
    case (4, "float"): return Precision.named("nvfp4")!
    default:
      let symmetric = weights["symmetric"]?.bool ?? true
      let perGroup = group > 0 ? Double(16 + (symmetric ? 0 : bits)) / Double(group) : 0
      return Precision(
        id: "w\(bits)a16", bits: Double(bits) + perGroup,
        note:
          "compressed-tensors int\(bits)\(group > 0 ? ", group \(group)" : ""): one bf16 scale per group\(symmetric ? "" : " and a zero point")",
        computePath: .fp16, group: group > 0 ? group : nil)
    }
  }

  /// Which module a `modules_to_not_convert` / `ignore` entry names; `nil` for norms,
  /// routers (`mlp.gate`, `shared_expert_gate`), embeddings and vision towers, which stay at
  /// 16 bits anyway. compressed-tensors' `re:` entries are read as the path they match
  /// (`re:.*mlp.gate$` is the router).
  static func module(_ pattern: String) -> Kept? {
    var text = pattern.lowercased()
    if text.hasPrefix("re:") { text.removeFirst(3) }
    for wildcard in ["^", "$", ".*", "\\", "*", "(", ")", "?"] {
      text = text.replacing(wildcard, with: wildcard == ".*" || wildcard == "*" ? "." : "")
    }
    let parts = text.split(separator: ".").map(String.init)
    guard let last = parts.last else { return nil }
    if parts.contains(where: { $0 == "lm_head" || $0 == "output_layer" }) { return .lmHead }
    if text.has("vision") || text.has("visual") || text.has("projector") { return nil }
    if ["gate", "router", "shared_expert_gate"].contains(last) || text.has("norm")
      || text.has("embed")
    {
      return nil
    }
    if parts.contains(where: { $0 == "shared_expert" || $0 == "shared_experts" }) { return .mlp }
    if parts.contains("experts") { return .experts }
    if parts.contains(where: { $0.has("attn") || $0.has("attention") }) { return .attention }
    if parts.contains(where: { $0 == "mlp" || $0 == "feed_forward" || $0 == "ffn" }) {
      return [.mlp, .experts]
    }
    return nil
  }

  /// Whether a module path picks out one layer (`model.layers.3.mlp`), not all (`layers.*`).
  static func namesLayer(_ pattern: String) -> Bool {
    let parts = pattern.split(separator: ".")
    return parts.contains { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
  }
}
