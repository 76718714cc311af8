/// A llama.cpp quantization mix (`llama-quantize … Q4_K_M`): a default tensor type and the
/// per-tensor rules that give some tensors more bits.
///
/// The rules are `llama_tensor_get_type_impl` and `tensor_type_fallback` of llama.cpp's
/// `src/llama-quant.cpp` (commit 007dbbf), applied to the tensors the architecture implies, so a
/// built-in `q4_k_m` estimate is sized as `llama-quantize` would write it: the token embedding
/// at the default type, the output at Q6_K, a share of `attn_v` and `ffn_down` at Q6_K,
/// norms, biases and routers at F32. Without an importance matrix (the rules that need one
/// are left out).
public struct GGUFMix: Sendable, Hashable {
  /// `llama_ftype` (`general.file_type` in GGUF files).
  public let fileType: Int
  /// `Q4_K_M`.
  public let name: String
  public let base: GGMLType

  public init(fileType: Int, name: String, base: GGMLType) {
    self.fileType = fileType
    self.name = name
    self.base = base
  }

  public static let q40 = GGUFMix(fileType: 2, name: "Q4_0", base: .q40)
  public static let q80 = GGUFMix(fileType: 7, name: "Q8_0", base: .q80)
  public static let q2K = GGUFMix(fileType: 10, name: "Q2_K", base: .q2K)
  public static let q3KS = GGUFMix(fileType: 11, name: "Q3_K_S", base: .q3K)
  public static let q3KM = GGUFMix(fileType: 12, name: "Q3_K_M", base: .q3K)
  public static let q3KL = GGUFMix(fileType: 13, name: "Q3_K_L", base: .q3K)
  public static let q4KS = GGUFMix(fileType: 14, name: "Q4_K_S", base: .q4K)
  public static let q4KM = GGUFMix(fileType: 15, name: "Q4_K_M", base: .q4K)
  public static let q5KS = GGUFMix(fileType: 16, name: "Q5_K_S", base: .q5K)
  public static let q5KM = GGUFMix(fileType: 17, name: "Q5_K_M", base: .q5K)
  public static let q6K = GGUFMix(fileType: 18, name: "Q6_K", base: .q6K)
  public static let iq4XS = GGUFMix(fileType: 30, name: "IQ4_XS", base: .iq4XS)

  /// Names of `llama_ftype` values (`include/llama.h`), for `general.file_type`.
  public static let fileTypeNames: [Int: String] = [
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M",
    30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4_MOE",
  ]

  /// The bytes `llama-quantize` would write for `model`, tensor group by tensor group.
  public func storedWeights(_ model: ModelSpec) -> StoredWeights {
    let tensors = GGUFTensor.tensors(of: model)
    var state = State(
      attentionV: tensors.filter { $0.role.isAttentionVLike }.count, layers: model.layers,
      experts: model.moe?.experts ?? 0,
      gqa: model.latentAttention == nil ? model.heads / max(model.kvHeads, 1) : 1,
      is70B: model.layers == 80 && model.kvHeads < model.heads
        && ["llama", "qwen2"].contains(model.family),
      isFalcon: model.family == "falcon", tied: model.tiedEmbeddings)
    var layers = Array(repeating: StoredWeights.Layer(dense: 0, routed: 0), count: model.layers)
    var embedding = 0.0
    var head = 0.0
    var headMatrix = 0.0
    for tensor in tensors {
      let type = self.type(of: tensor, state: &state)
      let bytes = Double(type.bytes(elements: tensor.elements, rowLength: tensor.rowLength) ?? 0)
      switch tensor.place {
      case .embedding:
        embedding += bytes
        if tensor.role == .tokenEmbedding && model.tiedEmbeddings { headMatrix = bytes }
      case .head:
        head += bytes
        if tensor.role == .output { headMatrix = bytes }
      case .layer(let index, let routed):
        if routed { layers[index].routed += bytes } else { layers[index].dense += bytes }
      }
    }
    return StoredWeights(
      layers: layers, embedding: embedding, lmHead: head, headMatrix: headMatrix, encoder: 0)
  }

  struct State {
    let attentionV: Int
    let layers: Int
    let experts: Int
    let gqa: Int
    let is70B: Bool
    let isFalcon: Bool
    let tied: Bool
    var attentionVSeen = 0
  }

  /// The type `llama-quantize` gives one tensor: `llama_tensor_get_type` for the mixes above.
  func type(of tensor: GGUFTensor, state: inout State) -> GGMLType {
    guard tensor.quantizable else { return .f32 }
    var type = base
    let name = self.name
    let useMoreBits = { (i: Int, n: Int) in i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2 }
    switch tensor.role {
    case .output, .tokenEmbedding:
      // A tied embedding is quantized as the output it doubles as.
      guard tensor.role == .output || state.tied else { break }
      if state.isFalcon || tensor.rowLength % type.blockSize != 0 {
        type = .q80
      } else if type != .q80 {
        type = .q6K
      }
    case .attentionV, .attentionQKV, .attentionKVB:
      // Fused QKV and MLA's kv_b count as attn_v (`category_is_attn_v`).
      let i = state.attentionVSeen
      switch name {
      case "Q2_K": type = state.gqa >= 4 ? .q4K : .q3K
      case "Q3_K_M": type = i < 2 ? .q5K : .q4K
      case "Q3_K_L": type = .q5K
      case "IQ4_XS" where state.gqa >= 4: type = .q5K
      case "Q4_K_M" where useMoreBits(i, state.attentionV),
        "Q5_K_M" where useMoreBits(i, state.attentionV):
        type = .q6K
      case "Q4_K_S" where i < 4: type = .q5K
      default: break
      }
      if state.is70B && (type == .q3K || type == .q4K) { type = .q5K }
      if state.experts == 8 { type = .q80 }
      state.attentionVSeen += 1
    case .attentionK:
      if state.experts == 8 { type = .q80 }
    case .ffnDown(let layer):
      let n = state.layers
      switch name {
      case "Q2_K": type = .q3K
      case "Q3_K_M":
        type =
          layer < n / 16 ? .q5K : (!state.isFalcon || useMoreBits(layer, n)) ? .q4K : .q3K
      case "Q3_K_L": type = state.isFalcon ? .q4K : .q5K
      case "Q4_K_M":
        if state.isFalcon {
          type = layer < n / 16 ? .q6K : useMoreBits(layer, n) ? .q5K : .q4K
        } else if useMoreBits(layer, n) {
          type = .q6K
        }
      case "IQ4_XS" where layer < n / 8: type = .q5K
      case "Q5_K_M" where useMoreBits(layer, n): type = .q6K
      case "Q4_K_S" where !state.isFalcon && layer < n / 8: type = .q5K
      default: break
      }
    case .attentionOutput:
      if state.isFalcon {
        if name == "Q3_K_L" { type = .q4K }
      } else if state.experts == 8 {
        if ["Q2_K", "Q3_K_S", "Q3_K_M", "Q4_K_S", "Q4_K_M", "IQ4_XS"].contains(name) {
          type = .q5K
        }
      } else {
        switch name {
        case "Q2_K": type = .q3K
        case "Q3_K_M": type = .q4K
        case "Q3_K_L": type = .q5K
        default: break
        }
      }
    case .attentionQ, .other, .ffnGate, .ffnUp:
      break
    }
    return Self.fallback(type, rowLength: tensor.rowLength)
  }

  /// `tensor_type_fallback`: a type whose blocks do not fit the row gets a 32-weight one, else
  /// F16.
  public static func fallback(_ type: GGMLType, rowLength: Int) -> GGMLType {
    guard rowLength % type.blockSize != 0 else { return type }
    let replacement: GGMLType =
      switch type {
      case .iq4XS: .iq4NL
      case .q2K, .q3K: .q40
      case .q4K: .q50
      case .q5K: .q51
      case .q6K: .q80
      default: .f16
      }
    return rowLength % replacement.blockSize == 0 ? replacement : .f16
  }
}

/// One tensor of a GGUF file as llama.cpp's converter names and shapes it, for the mix rules.
struct GGUFTensor {
  enum Role: Equatable {
    case tokenEmbedding, output, attentionQ, attentionK, attentionV, attentionQKV, attentionKVB
    case attentionOutput, ffnGate, ffnUp
    case ffnDown(layer: Int)
    case other

    var isAttentionVLike: Bool {
      switch self {
      case .attentionV, .attentionQKV, .attentionKVB: true
      default: false
      }
    }
  }

  enum Place: Equatable {
    case embedding, head
    case layer(Int, routed: Bool)
  }

  let role: Role
  let place: Place
  /// `ne[0]`: the length of a row, the matrix's input dimension.
  let rowLength: Int
  let elements: Int
  /// 2-D or 3-D weights; norms, biases, sinks and routers (`ffn_gate_inp`) stay F32.
  let quantizable: Bool

  static func matrix(_ role: Role, _ place: Place, input: Int, output: Int, count: Int = 1)
    -> GGUFTensor
  {
    GGUFTensor(
      role: role, place: place, rowLength: input, elements: input * output * count,
      quantizable: true)
  }

  static func vector(_ place: Place, _ elements: Int) -> GGUFTensor {
    GGUFTensor(
      role: .other, place: place, rowLength: elements, elements: elements, quantizable: false)
  }

  /// The tensors of `model` in file order: embedding, layers, output norm, output.
  static func tensors(of model: ModelSpec) -> [GGUFTensor] {
    let h = model.hidden
    let count = model.parameters
    var tensors = [GGUFTensor.matrix(.tokenEmbedding, .embedding, input: h, output: model.vocab)]
    let fused = ["falcon", "phi3", "gpt_neox"].contains(model.family)
    for index in 0..<model.layers {
      let place = Place.layer(index, routed: false)
      let first = tensors.count
      let heads = model.heads
      if let mla = model.latentAttention {
        let qHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim
        if let rank = mla.qLoraRank {
          tensors.append(.matrix(.other, place, input: h, output: rank))
          tensors.append(.matrix(.other, place, input: rank, output: heads * qHead))
        } else {
          tensors.append(.matrix(.attentionQ, place, input: h, output: heads * qHead))
        }
        tensors.append(
          .matrix(.other, place, input: h, output: mla.kvLoraRank + mla.qkRopeHeadDim))
        tensors.append(
          .matrix(
            .attentionKVB, place, input: mla.kvLoraRank,
            output: heads * (mla.qkNopeHeadDim + mla.vHeadDim)))
        tensors.append(.matrix(.attentionOutput, place, input: heads * mla.vHeadDim, output: h))
      } else {
        let q = heads * model.headDim
        let kv = model.kvHeads * model.headDim
        if fused {
          tensors.append(.matrix(.attentionQKV, place, input: h, output: q + 2 * kv))
        } else {
          tensors.append(.matrix(.attentionQ, place, input: h, output: q))
          tensors.append(.matrix(.attentionK, place, input: h, output: kv))
          tensors.append(.matrix(.attentionV, place, input: h, output: kv))
        }
        tensors.append(.matrix(.attentionOutput, place, input: q, output: h))
      }
      if let moe = model.moe, moe.isMoELayer(index) {
        let routed = Place.layer(index, routed: true)
        let e = moe.experts
        let width = moe.expertIntermediate
        tensors.append(.matrix(.ffnGate, routed, input: h, output: width, count: e))
        tensors.append(.matrix(.ffnUp, routed, input: h, output: width, count: e))
        tensors.append(.matrix(.ffnDown(layer: index), routed, input: width, output: h, count: e))
        if moe.expertBias {
          tensors.append(.vector(routed, (2 * width + h) * e))
        }
        if moe.sharedExperts > 0 {
          let shared = moe.sharedExperts * moe.sharedIntermediate
          tensors.append(.matrix(.ffnGate, place, input: h, output: shared))
          tensors.append(.matrix(.ffnUp, place, input: h, output: shared))
          tensors.append(.matrix(.ffnDown(layer: index), place, input: shared, output: h))
        }
      } else {
        let width = model.intermediate
        if model.feedForward == .gated {
          tensors.append(.matrix(.ffnGate, place, input: h, output: width))
        }
        tensors.append(.matrix(.ffnUp, place, input: h, output: width))
        tensors.append(.matrix(.ffnDown(layer: index), place, input: width, output: h))
      }
      let counted = tensors[first...].reduce(0) { $0 + $1.elements }
      // Everything else of the layer (norms, biases, q/k norms, sinks, the router) is F32.
      let rest = count.layers[index] - counted
      if rest > 0 { tensors.append(.vector(place, rest)) }
    }
    tensors.append(.vector(.head, count.finalNorm))
    if !model.tiedEmbeddings {
      tensors.append(.matrix(.output, .head, input: h, output: model.vocab))
      if model.lmHeadBias { tensors.append(.vector(.head, model.vocab)) }
    }
    return tensors
  }
}
