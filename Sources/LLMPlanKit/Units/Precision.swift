/// A numeric format for weights or the KV cache, measured in **bits per value including any
/// scales** (int4 = 4; MXFP4 = 4 + one 8-bit scale per 32 values = 4.25).
public struct Precision: Sendable, Hashable, CustomStringConvertible {
  /// The tensor-core path a format computes on, which picks the GPU peak used for it.
  public enum ComputePath: String, Sendable, Hashable {
    case fp32, fp16, fp8, int8, fp4
  }

  /// The fields, boxed: plans copy their Precision often, and one reference copies cheaply
  /// (and keeps every struct that holds one small).
  private struct Fields: Sendable, Hashable {
    let id: String
    let bits: Double
    let note: String
    let computePath: ComputePath
    let aliases: [String]
    let gguf: GGUFMix?
    let group: Int?
  }

  private final class Box: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private let box: Box

  /// The slug users type: `bf16`, `int4`, `awq`, `q4_k`.
  public var id: String { box.fields.id }
  /// Bits stored per value, scales and zero points included.
  public var bits: Double { box.fields.bits }
  /// Where the figure comes from, for help and `memory` output.
  public var note: String { box.fields.note }
  public var computePath: ComputePath { box.fields.computePath }
  /// Other spellings accepted on the command line.
  public var aliases: [String] { box.fields.aliases }
  /// Weights per scale along a matrix's input dimension (AWQ and GPTQ groups), or the edge of
  /// its square scale blocks (FP8 128×128): a tensor-parallel shard must hold whole groups.
  /// `nil`: per-tensor or per-channel scales, which any shard keeps.
  public var group: Int? { box.fields.group }
  /// A llama.cpp file type whose per-tensor rules size the weights (``bits`` is then its
  /// default tensor type's).
  public var gguf: GGUFMix? { box.fields.gguf }

  public init(
    id: String, bits: Double, note: String, computePath: ComputePath,
    aliases: [String] = [], gguf: GGUFMix? = nil, group: Int? = nil
  ) {
    box = Box(
      Fields(
        id: id, bits: bits, note: note, computePath: computePath, aliases: aliases, gguf: gguf,
        group: group))
  }

  /// Bytes per value: `bits / 8`, never an integer division.
  public var bytes: Double { bits / 8 }

  /// Formats below 16 bits quantize the linear layers only; embeddings, the LM head and norms
  /// stay in 16 bit, as quantized checkpoints ship them.
  public var isQuantized: Bool { bits < 16 }

  public var description: String { id }
}

extension Precision {
  public static let fp32 = Precision(
    id: "fp32", bits: 32, note: "IEEE single precision", computePath: .fp32,
    aliases: ["float32", "f32"])
  public static let fp16 = Precision(
    id: "fp16", bits: 16, note: "IEEE half precision", computePath: .fp16,
    aliases: ["float16", "half", "f16"])
  public static let bf16 = Precision(
    id: "bf16", bits: 16, note: "bfloat16", computePath: .fp16,
    aliases: ["bfloat16"])
  public static let fp8 = Precision(
    id: "fp8", bits: 8, note: "FP8 E4M3 with per-tensor or per-channel scales (≈8.0 bits)",
    computePath: .fp8, aliases: ["fp8_e4m3", "e4m3", "float8"])
  public static let int8 = Precision(
    id: "int8", bits: 8, note: "8-bit integer weights (W8A8 / W8A16)", computePath: .int8,
    aliases: ["i8", "w8a8"])
  public static let int4 = Precision(
    id: "int4", bits: 4, note: "plain 4-bit integer, scales ignored (the rule of thumb's Q = 4)",
    computePath: .fp16, aliases: ["i4", "w4a16"])
  public static let fp4 = Precision(
    id: "fp4", bits: 4, note: "plain FP4 E2M1, scales ignored", computePath: .fp4)

  /// Every format the planner knows, in the order tables list them.
  public static let all: [Precision] = [
    .fp32, .fp16, .bf16, .fp8, .int8, .int4, .fp4,
    Precision(
      id: "awq", bits: 4 + 16.0 / 128 + 4.0 / 128,
      note: "AWQ int4, group 128: one fp16 scale + one 4-bit zero per 128 weights",
      computePath: .fp16, aliases: ["awq-int4"], group: 128),
    Precision(
      id: "gptq", bits: 4 + 16.0 / 128 + 4.0 / 128,
      note: "GPTQ int4, group 128: one fp16 scale + one packed 4-bit zero per 128 weights",
      computePath: .fp16, aliases: ["gptq-int4"], group: 128),
    Precision(
      id: "nf4", bits: 4 + 8.0 / 64 + 32.0 / (64 * 256),
      note:
        "bitsandbytes NF4, block 64, double-quantized absmax (8 bit per 64, fp32 per 256 blocks)",
      computePath: .fp16, aliases: ["bnb-nf4", "qlora"]),
    Precision(
      id: "mxfp4", bits: 4.25, note: "OCP MXFP4: 4 bits + one 8-bit scale per 32",
      computePath: .fp4),
    Precision(
      id: "nvfp4", bits: 4.5, note: "NVFP4: 4 bits + one FP8 scale per 16", computePath: .fp4),
    .gguf(.q80, "Q8_0 throughout"),
    .gguf(.q6K, "Q6_K throughout"),
    .gguf(.q5KM, "Q5_K; Q6_K for half of attn_v and ffn_down, and the output", aliases: ["q5_k"]),
    .gguf(.q5KS, "Q5_K; Q6_K output"),
    .gguf(.q4KM, "Q4_K; Q6_K for half of attn_v and ffn_down, and the output", aliases: ["q4_k"]),
    .gguf(.q4KS, "Q4_K; Q5_K for the first attn_v and ffn_down; Q6_K output"),
    .gguf(.q40, "Q4_0; Q6_K output"),
    .gguf(.iq4XS, "IQ4_XS; Q5_K attn_v under GQA and the first ffn_down; Q6_K output"),
    .gguf(.q3KL, "Q3_K; Q5_K attn_v, ffn_down and attn_output; Q6_K output"),
    .gguf(
      .q3KM, "Q3_K; Q4_K/Q5_K attn_v, ffn_down and attn_output; Q6_K output", aliases: ["q3_k"]),
    .gguf(.q3KS, "Q3_K; Q6_K output"),
    .gguf(.q2K, "Q2_K; Q3_K ffn_down and attn_output, Q4_K attn_v under GQA; Q6_K output"),
  ]

  /// GPTQ or AWQ at `bits` per weight with one fp16 scale and one `bits`-wide zero point per
  /// `group` weights (`group` ≤ 0: per output channel, negligible); the catalog's `gptq` and
  /// `awq` for 4 bits in groups of 128.
  public static func grouped(_ method: String, bits: Int, group: Int) -> Precision {
    if bits == 4, group == 128, let named = Precision.named(method) { return named }
    let perGroup = group > 0 ? Double(16 + bits) / Double(group) : 0
    return Precision(
      id: bits == 4 ? method : "\(method)-int\(bits)", bits: Double(bits) + perGroup,
      note:
        "\(method.uppercased()) int\(bits), \(group > 0 ? "group \(group)" : "per channel"): one fp16 scale + one \(bits)-bit zero per group",
      computePath: bits == 8 ? .int8 : .fp16, group: group > 0 ? group : nil)
  }

  /// FP8 E4M3 with `edge`×`edge` block scales (DeepSeek-V3 and Qwen3 FP8 checkpoints'
  /// `weight_block_size` [128, 128]; one fp32 scale per 16,384 weights adds 0.002 bits, left
  /// out as for ``fp8``).
  public static func fp8(blocks edge: Int) -> Precision {
    Precision(
      id: "fp8", bits: 8, note: "FP8 E4M3 with \(edge)×\(edge) block scales", computePath: .fp8,
      aliases: Precision.fp8.aliases, group: edge)
  }

  /// Whether `other` is the same format, whatever its scale layout (block-scaled FP8 is FP8).
  public func isFormat(_ other: Precision) -> Bool { id == other.id }

  /// A llama.cpp mix: `q4_k_m`, sized tensor by tensor as `llama-quantize` writes it.
  static func gguf(_ mix: GGUFMix, _ rule: String, aliases: [String] = []) -> Precision {
    Precision(
      id: mix.name.lowercased(), bits: mix.base.bitsPerWeight,
      note:
        "GGUF \(mix.name) (llama.cpp's mix: \(rule)); \(mix.base.name) is \(mix.base.blockBytes) bytes per \(mix.base.blockSize) weights",
      computePath: .fp16, aliases: aliases, gguf: mix)
  }

  /// Looks a format up by id or alias, ignoring case, `-` and `_` interchangeable
  /// (``NameKey/fold(_:)``).
  public static func named(_ name: String, in formats: [Precision] = all) -> Precision? {
    let key = NameKey.fold(name)
    return formats.first { format in
      ([format.id] + format.aliases).contains { NameKey.fold($0) == key }
    }
  }
}

extension Precision {
  public static func == (a: Precision, b: Precision) -> Bool {
    a.box === b.box || a.box.fields == b.box.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}
