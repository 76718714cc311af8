import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// llama.cpp's per-tensor quantization rules (`src/llama-quant.cpp`), worked by hand.
@Suite("GGUF mixes")
struct GGUFMixTests {
  // Llama-3.1-8B at Q4_K_M: h 4096, 32 layers, KV width 1024, FFN 14336, vocab 128256.
  //   token_embd Q4_K: 525,336,576 · 144/256 = 295,501,824 B; output Q6_K: · 210/256 =
  //   430,940,160 B; output_norm F32 16,384 B.
  //   Per layer: attn_q 9,437,184 + attn_k 2,359,296 + attn_output 9,437,184 + ffn_gate and
  //   ffn_up 2 · 33,030,144 (Q4_K) + two F32 norms 32,768 = 87,326,720 B; × 32 = 2,794,455,040.
  //   use_more_bits(i, 32) holds for i < 4, i ≥ 28 and i = 6, 9, …, 27: 16 layers, where attn_v
  //   is Q6_K (3,440,640 B, else Q4_K 2,359,296) and ffn_down Q6_K (48,168,960, else 33,030,144):
  //   16 · (3,440,640 + 2,359,296) + 16 · (48,168,960 + 33,030,144) = 1,391,984,640.
  //   Total 4,912,898,048 B; the published file (bartowski/Meta-Llama-3.1-8B-Instruct-GGUF,
  //   4.92 GB) adds its tokenizer metadata.
  @Test func llama31_8bQ4KM() {
    let weights = WeightMemory.total(model("llama-3.1-8b"), precision: Precision.named("q4_k_m")!)
    #expect(weights.value == 4_912_898_048)
  }

  // Q8_0 keeps the output at Q8_0: all but the 65 · 4,096 = 266,240 norm weights (F32, 4 B) are
  // Q8_0, 8,029,995,008 · 34/32 = 8,531,869,696 B; norms 1,064,960 B.
  @Test func llama31_8bQ8_0() {
    let weights = WeightMemory.total(model("llama-3.1-8b"), precision: Precision.named("q8_0")!)
    #expect(weights.value == 8_531_869_696 + 1_064_960)
  }

  // `q4_k` is llama-quantize's alias for Q4_K_M.
  @Test func aliases() {
    #expect(Precision.named("q4_k")?.id == "q4_k_m")
    #expect(Precision.named("Q5_K")?.id == "q5_k_m")
    #expect(Precision.named("q3_k")?.id == "q3_k_m")
    #expect(Precision.named("Q4_K_M")?.gguf == .q4KM)
  }

  // Rows that are not a whole number of 256-weight blocks fall back: gpt-oss's hidden size 2880
  // (= 11.25 · 256) takes Q5_0 for Q4_K, Q8_0 for Q6_K, Q4_0 for Q3_K; 2880 = 90 · 32.
  @Test func fallbacks() {
    #expect(GGUFMix.fallback(.q4K, rowLength: 2880) == .q50)
    #expect(GGUFMix.fallback(.q6K, rowLength: 2880) == .q80)
    #expect(GGUFMix.fallback(.q3K, rowLength: 2880) == .q40)
    #expect(GGUFMix.fallback(.q4K, rowLength: 4096) == .q4K)
    #expect(GGUFMix.fallback(.q40, rowLength: 100) == .f16)
  }

  // Mixtral (8 experts): attn_v and attn_k go to Q8_0 and attn_output to Q5_K at Q4_K_M, so
  // the file is larger than Q4_K on every expert alone would give.
  @Test func eightExperts() {
    let m = model("mixtral-8x7b")
    let mix = WeightMemory.total(m, precision: Precision.named("q4_k_m")!)
    let plain = WeightMemory.total(m, precision: .int4)
    #expect(mix.value > plain.value)
  }

  // ggml block sizes (formats.md table): bits per weight.
  @Test func blockSizes() {
    #expect(GGMLType.q4K.bitsPerWeight == 4.5)  // 144 · 8 / 256
    #expect(GGMLType.q6K.bitsPerWeight == 6.5625)  // 210 · 8 / 256
    #expect(GGMLType.mxfp4.bitsPerWeight == 4.25)  // 17 · 8 / 32
    #expect(GGMLType.withID(39) == .mxfp4)
    #expect(GGMLType.q4K.bytes(elements: 512, rowLength: 256) == 288)
    #expect(GGMLType.q4K.bytes(elements: 300, rowLength: 300) == nil)
  }
}
