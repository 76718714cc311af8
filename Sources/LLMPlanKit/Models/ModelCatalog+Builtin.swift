// The built-in architectures, transcribed from the models' Hugging Face config.json files
// (`huggingFaceID`). Llama-3-70B is Llama-3.1-70B's architecture with the original 8,192-token
// context.

extension ModelCatalog {
  public static let builtin = ModelCatalog(builtinModels)
}

private let llama2Note = "config.json torch_dtype float16"

/// gpt-oss's checkpoint: MXFP4 routed experts, everything else bf16 (`quantization_config`
/// `modules_to_not_convert`: self_attn, router, embed_tokens, lm_head).
private let gptOSSFormat = WeightFormat(
  attention: .bf16, mlp: .bf16, experts: Precision.named("mxfp4")!, other: .bf16,
  embedding: .bf16, lmHead: .bf16)

private let builtinModels: [ModelSpec] = [
  ModelSpec(
    id: "llama-2-7b", name: "Llama-2-7B", huggingFaceID: "meta-llama/Llama-2-7b-hf",
    aliases: ["llama2-7b"], family: "llama", nominalBillions: 7, layers: 32, hidden: 4096,
    heads: 32, intermediate: 11008, vocab: 32000, maxContext: 4096, checkpointPrecision: .fp16,
    activationPrecision: .fp16, note: llama2Note),
  ModelSpec(
    id: "llama-2-13b", name: "Llama-2-13B", huggingFaceID: "meta-llama/Llama-2-13b-hf",
    aliases: ["llama2-13b"], family: "llama", nominalBillions: 13, layers: 40, hidden: 5120,
    heads: 40, intermediate: 13824, vocab: 32000, maxContext: 4096, checkpointPrecision: .fp16,
    activationPrecision: .fp16, note: llama2Note),
  ModelSpec(
    id: "llama-2-70b", name: "Llama-2-70B", huggingFaceID: "meta-llama/Llama-2-70b-hf",
    aliases: ["llama2-70b"], family: "llama", nominalBillions: 70, layers: 80, hidden: 8192,
    heads: 64, kvHeads: 8, intermediate: 28672, vocab: 32000, maxContext: 4096,
    checkpointPrecision: .fp16, activationPrecision: .fp16, note: llama2Note),
  ModelSpec(
    id: "llama-3-8b", name: "Llama-3-8B", huggingFaceID: "meta-llama/Meta-Llama-3-8B",
    aliases: ["llama3-8b"], family: "llama", nominalBillions: 8, layers: 32, hidden: 4096,
    heads: 32, kvHeads: 8, intermediate: 14336, vocab: 128256, maxContext: 8192),
  ModelSpec(
    id: "llama-3-70b", name: "Llama-3-70B", huggingFaceID: "meta-llama/Meta-Llama-3-70B",
    aliases: ["llama3-70b"], family: "llama", nominalBillions: 70, layers: 80, hidden: 8192,
    heads: 64, kvHeads: 8, intermediate: 28672, vocab: 128256, maxContext: 8192,
    note: "architecture of Llama-3.1-70B with the original 8,192-token context"),
  ModelSpec(
    id: "llama-3.1-8b", name: "Llama-3.1-8B", huggingFaceID: "meta-llama/Meta-Llama-3.1-8B",
    aliases: ["llama3.1-8b", "llama-3.1-8b-instruct", "meta-llama/Llama-3.1-8B"],
    family: "llama", nominalBillions: 8, layers: 32, hidden: 4096, heads: 32, kvHeads: 8,
    intermediate: 14336, vocab: 128256, maxContext: 131072),
  ModelSpec(
    id: "llama-3.1-70b", name: "Llama-3.1-70B", huggingFaceID: "meta-llama/Meta-Llama-3.1-70B",
    aliases: ["llama3.1-70b", "llama-3.1-70b-instruct", "meta-llama/Llama-3.1-70B"],
    family: "llama", nominalBillions: 70, layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
    intermediate: 28672, vocab: 128256, maxContext: 131072),
  ModelSpec(
    id: "llama-3.1-405b", name: "Llama-3.1-405B", huggingFaceID: "meta-llama/Meta-Llama-3.1-405B",
    aliases: ["llama3.1-405b", "llama-3.1-405b-instruct", "meta-llama/Llama-3.1-405B"],
    family: "llama", nominalBillions: 405, layers: 126, hidden: 16384, heads: 128, kvHeads: 8,
    intermediate: 53248, vocab: 128256, maxContext: 131072),
  ModelSpec(
    id: "llama-3.3-70b", name: "Llama-3.3-70B-Instruct",
    huggingFaceID: "meta-llama/Llama-3.3-70B-Instruct", aliases: ["llama3.3-70b"],
    family: "llama", nominalBillions: 70, layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
    intermediate: 28672, vocab: 128256, maxContext: 131072),
  ModelSpec(
    id: "llama-3.2-1b", name: "Llama-3.2-1B", huggingFaceID: "meta-llama/Llama-3.2-1B",
    aliases: ["llama3.2-1b", "llama-3.2-1b-instruct"], family: "llama", nominalBillions: 1.2,
    layers: 16, hidden: 2048, heads: 32, kvHeads: 8, headDim: 64, intermediate: 8192,
    vocab: 128256, tiedEmbeddings: true, maxContext: 131072),
  ModelSpec(
    id: "llama-3.2-3b", name: "Llama-3.2-3B", huggingFaceID: "meta-llama/Llama-3.2-3B",
    aliases: ["llama3.2-3b", "llama-3.2-3b-instruct"], family: "llama", nominalBillions: 3.2,
    layers: 28, hidden: 3072, heads: 24, kvHeads: 8, headDim: 128, intermediate: 8192,
    vocab: 128256, tiedEmbeddings: true, maxContext: 131072),
  ModelSpec(
    id: "deepseek-r1-distill-llama-8b", name: "DeepSeek-R1-Distill-Llama-8B",
    huggingFaceID: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", aliases: ["r1-distill-llama-8b"],
    family: "llama", nominalBillions: 8, layers: 32, hidden: 4096, heads: 32, kvHeads: 8,
    intermediate: 14336, vocab: 128256, maxContext: 131072,
    note: "Llama-3.1-8B's architecture"),
  ModelSpec(
    id: "deepseek-r1-distill-llama-70b", name: "DeepSeek-R1-Distill-Llama-70B",
    huggingFaceID: "deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
    aliases: ["r1-distill-llama-70b"], family: "llama", nominalBillions: 70, layers: 80,
    hidden: 8192, heads: 64, kvHeads: 8, intermediate: 28672, vocab: 128256, maxContext: 131072,
    note: "Llama-3.3-70B-Instruct's architecture"),
  ModelSpec(
    id: "llama-4-scout", name: "Llama-4-Scout-17B-16E",
    huggingFaceID: "meta-llama/Llama-4-Scout-17B-16E-Instruct",
    aliases: ["llama4-scout", "llama-4-scout-17b-16e"], family: "llama4_text",
    nominalBillions: 109, layers: 48, hidden: 5120, heads: 40, kvHeads: 8, headDim: 128,
    intermediate: 16384, vocab: 202048, maxContext: 10_485_760, qkNorm: false,
    moe: .init(
      experts: 16, expertsPerToken: 1, expertIntermediate: 8192, sharedExperts: 1,
      sharedIntermediate: 8192),
    slidingWindow: .init(window: 8192, globalEvery: 4, kind: "chunked attention"),
    note: "language model only; the 109B of the model card includes the vision encoder"),
  ModelSpec(
    id: "llama-4-maverick", name: "Llama-4-Maverick-17B-128E",
    huggingFaceID: "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
    aliases: ["llama4-maverick", "llama-4-maverick-17b-128e"], family: "llama4_text",
    nominalBillions: 400, layers: 48, hidden: 5120, heads: 40, kvHeads: 8, headDim: 128,
    intermediate: 16384, vocab: 202048, maxContext: 1_048_576,
    moe: .init(
      experts: 128, expertsPerToken: 1, expertIntermediate: 8192, sharedExperts: 1,
      sharedIntermediate: 8192, moeEvery: 2),
    slidingWindow: .init(window: 8192, globalEvery: 4, kind: "chunked attention"),
    note: "language model only; the vision encoder is not counted"),
  ModelSpec(
    id: "mistral-7b", name: "Mistral-7B-v0.1", huggingFaceID: "mistralai/Mistral-7B-v0.1",
    aliases: ["mistral-7b-v0.1"], family: "mistral", nominalBillions: 7, layers: 32,
    hidden: 4096, heads: 32, kvHeads: 8, intermediate: 14336, vocab: 32000, maxContext: 32768,
    slidingWindow: .init(window: 4096)),
  ModelSpec(
    id: "mistral-small-24b", name: "Mistral-Small-24B-2501",
    huggingFaceID: "mistralai/Mistral-Small-24B-Instruct-2501",
    aliases: ["mistral-small-3", "mistral-small-24b-base-2501"], family: "mistral",
    nominalBillions: 24, layers: 40, hidden: 5120, heads: 32, kvHeads: 8, headDim: 128,
    intermediate: 32768, vocab: 131072, maxContext: 32768),
  ModelSpec(
    id: "mistral-large-2", name: "Mistral-Large-Instruct-2407",
    huggingFaceID: "mistralai/Mistral-Large-Instruct-2407",
    aliases: ["mistral-large-2407", "mistral-large"], family: "mistral", nominalBillions: 123,
    layers: 88, hidden: 12288, heads: 96, kvHeads: 8, intermediate: 28672, vocab: 32768,
    maxContext: 131072),
  ModelSpec(
    id: "mixtral-8x7b", name: "Mixtral-8x7B-v0.1", huggingFaceID: "mistralai/Mixtral-8x7B-v0.1",
    aliases: ["mixtral-8x7b-instruct"], family: "mixtral", nominalBillions: 46.7, layers: 32,
    hidden: 4096, heads: 32, kvHeads: 8, intermediate: 14336, vocab: 32000, maxContext: 32768,
    moe: .init(experts: 8, expertsPerToken: 2, expertIntermediate: 14336)),
  ModelSpec(
    id: "mixtral-8x22b", name: "Mixtral-8x22B-v0.1",
    huggingFaceID: "mistralai/Mixtral-8x22B-v0.1", aliases: ["mixtral-8x22b-instruct"],
    family: "mixtral", nominalBillions: 141, layers: 56, hidden: 6144, heads: 48, kvHeads: 8,
    intermediate: 16384, vocab: 32000, maxContext: 65536,
    moe: .init(experts: 8, expertsPerToken: 2, expertIntermediate: 16384)),
  ModelSpec(
    id: "qwen2.5-7b", name: "Qwen2.5-7B", huggingFaceID: "Qwen/Qwen2.5-7B",
    aliases: ["qwen2.5-7b-instruct", "qwen-2.5-7b"], family: "qwen2", nominalBillions: 7.6,
    layers: 28, hidden: 3584, heads: 28, kvHeads: 4, intermediate: 18944, vocab: 152064,
    maxContext: 131072, qkvBias: true),
  ModelSpec(
    id: "qwen2.5-72b", name: "Qwen2.5-72B", huggingFaceID: "Qwen/Qwen2.5-72B",
    aliases: ["qwen2.5-72b-instruct", "qwen-2.5-72b"], family: "qwen2", nominalBillions: 72.7,
    layers: 80, hidden: 8192, heads: 64, kvHeads: 8, intermediate: 29568, vocab: 152064,
    maxContext: 131072, qkvBias: true),
  ModelSpec(
    id: "qwen2.5-14b", name: "Qwen2.5-14B", huggingFaceID: "Qwen/Qwen2.5-14B",
    aliases: ["qwen2.5-14b-instruct", "qwen-2.5-14b"], family: "qwen2", nominalBillions: 14.7,
    layers: 48, hidden: 5120,
    heads: 40, kvHeads: 8, intermediate: 13824, vocab: 152064, maxContext: 131072,
    qkvBias: true),
  ModelSpec(
    id: "qwen2.5-32b", name: "Qwen2.5-32B", huggingFaceID: "Qwen/Qwen2.5-32B",
    aliases: ["qwen2.5-32b-instruct", "qwen-2.5-32b"], family: "qwen2", nominalBillions: 32.5,
    layers: 64, hidden: 5120,
    heads: 40, kvHeads: 8, intermediate: 27648, vocab: 152064, maxContext: 131072,
    qkvBias: true),
  ModelSpec(
    id: "deepseek-r1-distill-qwen-1.5b", name: "DeepSeek-R1-Distill-Qwen-1.5B",
    huggingFaceID: "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
    aliases: ["r1-distill-qwen-1.5b"], family: "qwen2", nominalBillions: 1.5, layers: 28,
    hidden: 1536,
    heads: 12, kvHeads: 2, intermediate: 8960, vocab: 151936, maxContext: 131072,
    qkvBias: true,
    note: "Qwen2.5-Math-1.5B's architecture with an untied LM head"),
  ModelSpec(
    id: "deepseek-r1-distill-qwen-7b", name: "DeepSeek-R1-Distill-Qwen-7B",
    huggingFaceID: "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
    aliases: ["r1-distill-qwen-7b"], family: "qwen2", nominalBillions: 7, layers: 28, hidden: 3584,
    heads: 28, kvHeads: 4, intermediate: 18944, vocab: 152064, maxContext: 131072,
    qkvBias: true,
    note: "Qwen2.5-Math-7B's architecture"),
  ModelSpec(
    id: "deepseek-r1-distill-qwen-14b", name: "DeepSeek-R1-Distill-Qwen-14B",
    huggingFaceID: "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
    aliases: ["r1-distill-qwen-14b"], family: "qwen2", nominalBillions: 14, layers: 48,
    hidden: 5120,
    heads: 40, kvHeads: 8, intermediate: 13824, vocab: 152064, maxContext: 131072,
    qkvBias: true,
    note: "Qwen2.5-14B's architecture"),
  ModelSpec(
    id: "deepseek-r1-distill-qwen-32b", name: "DeepSeek-R1-Distill-Qwen-32B",
    huggingFaceID: "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
    aliases: ["r1-distill-qwen-32b"], family: "qwen2", nominalBillions: 32, layers: 64,
    hidden: 5120,
    heads: 40, kvHeads: 8, intermediate: 27648, vocab: 152064, maxContext: 131072,
    qkvBias: true,
    note: "Qwen2.5-32B's architecture"),
  ModelSpec(
    id: "qwen3-8b", name: "Qwen3-8B", huggingFaceID: "Qwen/Qwen3-8B",
    aliases: ["qwen3-8b-instruct"], family: "qwen3", nominalBillions: 8.2, layers: 36,
    hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, intermediate: 12288, vocab: 151936,
    maxContext: 40960, qkNorm: true),
  ModelSpec(
    id: "qwen3-14b", name: "Qwen3-14B", huggingFaceID: "Qwen/Qwen3-14B",
    aliases: ["qwen3-14b-instruct"], family: "qwen3", nominalBillions: 14.8, layers: 40,
    hidden: 5120, heads: 40, kvHeads: 8, headDim: 128, intermediate: 17408, vocab: 151936,
    maxContext: 40960, qkNorm: true),
  ModelSpec(
    id: "qwen3-32b", name: "Qwen3-32B", huggingFaceID: "Qwen/Qwen3-32B",
    aliases: ["qwen3-32b-instruct"], family: "qwen3", nominalBillions: 32.8, layers: 64,
    hidden: 5120, heads: 64, kvHeads: 8, headDim: 128, intermediate: 25600, vocab: 151936,
    maxContext: 40960, qkNorm: true),
  ModelSpec(
    id: "qwen3-30b-a3b", name: "Qwen3-30B-A3B", huggingFaceID: "Qwen/Qwen3-30B-A3B",
    aliases: ["qwen3-30b"], family: "qwen3_moe", nominalBillions: 30.5, layers: 48, hidden: 2048,
    heads: 32, kvHeads: 4, headDim: 128, intermediate: 6144, vocab: 151936, maxContext: 40960,
    qkNorm: true, moe: .init(experts: 128, expertsPerToken: 8, expertIntermediate: 768)),
  ModelSpec(
    id: "qwen3-235b-a22b", name: "Qwen3-235B-A22B", huggingFaceID: "Qwen/Qwen3-235B-A22B",
    aliases: ["qwen3-235b"], family: "qwen3_moe", nominalBillions: 235, layers: 94, hidden: 4096,
    heads: 64, kvHeads: 4, headDim: 128, intermediate: 12288, vocab: 151936, maxContext: 40960,
    qkNorm: true, moe: .init(experts: 128, expertsPerToken: 8, expertIntermediate: 1536)),
  ModelSpec(
    id: "qwen3-235b-a22b-fp8", name: "Qwen3-235B-A22B-FP8",
    huggingFaceID: "Qwen/Qwen3-235B-A22B-FP8", aliases: ["qwen3-235b-fp8"], family: "qwen3_moe",
    nominalBillions: 235, layers: 94, hidden: 4096, heads: 64, kvHeads: 4, headDim: 128,
    intermediate: 12288, vocab: 151936, maxContext: 40960, checkpointPrecision: .fp8(blocks: 128),
    qkNorm: true, moe: .init(experts: 128, expertsPerToken: 8, expertIntermediate: 1536),
    note: "FP8 checkpoint (128×128 blocks); LM head, norms and router gates stay bf16"),
  ModelSpec(
    id: "deepseek-v3", name: "DeepSeek-V3", huggingFaceID: "deepseek-ai/DeepSeek-V3",
    aliases: ["deepseek-v3-0324", "dsv3", "deepseek-r1", "deepseek-r1-0528", "deepseek-v3.1"],
    family: "deepseek_v3", nominalBillions: 671,
    layers: 61, hidden: 7168, heads: 128, kvHeads: 128, intermediate: 18432, vocab: 129280,
    maxContext: 163840, checkpointPrecision: .fp8(blocks: 128),
    moe: .init(
      experts: 256, expertsPerToken: 8, expertIntermediate: 2048, sharedExperts: 1,
      sharedIntermediate: 2048, firstDenseLayers: 3, routerBias: true),
    latentAttention: .init(
      qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128),
    note:
      "main model; the 14B multi-token-prediction module (685B on the hub) is not counted; DeepSeek-R1 and V3.1 share the architecture"
  ),
  ModelSpec(
    id: "falcon-40b", name: "Falcon-40B", huggingFaceID: "tiiuae/falcon-40b", aliases: [],
    family: "falcon", nominalBillions: 40, layers: 60, hidden: 8192, heads: 128, kvHeads: 8,
    intermediate: 32768, vocab: 65024, tiedEmbeddings: true, maxContext: 2048,
    feedForward: .plain, norm: .layer,
    note: "new decoder architecture: ln_attn and ln_mlp per layer, no linear biases"),
  ModelSpec(
    id: "falcon-180b", name: "Falcon-180B", huggingFaceID: "tiiuae/falcon-180B", aliases: [],
    family: "falcon", nominalBillions: 180, layers: 80, hidden: 14848, heads: 232, kvHeads: 8,
    intermediate: 59392, vocab: 65024, tiedEmbeddings: true, maxContext: 2048,
    feedForward: .plain, norm: .layer,
    note: "config.json of tiiuae/falcon-180B: as Falcon-40B, hidden 14848, 232 heads of 64"),
  ModelSpec(
    id: "gemma-2-27b", name: "Gemma-2-27B", huggingFaceID: "google/gemma-2-27b",
    aliases: ["gemma2-27b"], family: "gemma2", nominalBillions: 27, layers: 46, hidden: 4608,
    heads: 32, kvHeads: 16, headDim: 128, intermediate: 36864, vocab: 256000,
    tiedEmbeddings: true, maxContext: 8192, normsPerLayer: 4,
    slidingWindow: .init(window: 4096, globalEvery: 2)),
  ModelSpec(
    id: "gpt-oss-20b", name: "gpt-oss-20b", huggingFaceID: "openai/gpt-oss-20b",
    aliases: ["gptoss-20b"], family: "gpt_oss", nominalBillions: 20.9, layers: 24, hidden: 2880,
    heads: 64, kvHeads: 8, headDim: 64, intermediate: 2880, vocab: 201088, maxContext: 131072,
    checkpointPrecision: Precision.named("mxfp4")!, qkvBias: true, outputBias: true,
    moe: .init(
      experts: 32, expertsPerToken: 4, expertIntermediate: 2880, routerBias: true,
      expertBias: true),
    slidingWindow: .init(window: 128, globalEvery: 2), attentionSinks: true,
    checkpointFormat: gptOSSFormat,
    note: "MXFP4 experts, bf16 attention, router, embedding and LM head (quantization_config)"),
  ModelSpec(
    id: "gpt-oss-120b", name: "gpt-oss-120b", huggingFaceID: "openai/gpt-oss-120b",
    aliases: ["gptoss-120b"], family: "gpt_oss", nominalBillions: 116.8, layers: 36,
    hidden: 2880, heads: 64, kvHeads: 8, headDim: 64, intermediate: 2880, vocab: 201088,
    maxContext: 131072, checkpointPrecision: Precision.named("mxfp4")!, qkvBias: true,
    outputBias: true,
    moe: .init(
      experts: 128, expertsPerToken: 4, expertIntermediate: 2880, routerBias: true,
      expertBias: true),
    slidingWindow: .init(window: 128, globalEvery: 2), attentionSinks: true,
    checkpointFormat: gptOSSFormat,
    note: "MXFP4 experts, bf16 attention, router, embedding and LM head (quantization_config)"),
  ModelSpec(
    id: "gemma-3-12b", name: "Gemma-3-12B", huggingFaceID: "google/gemma-3-12b-it",
    aliases: ["gemma3-12b"], family: "gemma3", nominalBillions: 12, layers: 48, hidden: 3840,
    heads: 16, kvHeads: 8, headDim: 256, intermediate: 15360, vocab: 262208,
    tiedEmbeddings: true, maxContext: 131072, normsPerLayer: 4, qkNorm: true,
    slidingWindow: .init(window: 1024, globalEvery: 6),
    note:
      "language model; the SigLIP vision tower and projector (0.42B) count when a checkpoint directory is read"
  ),
  ModelSpec(
    id: "gemma-3-27b", name: "Gemma-3-27B", huggingFaceID: "google/gemma-3-27b-it",
    aliases: ["gemma3-27b"], family: "gemma3", nominalBillions: 27, layers: 62, hidden: 5376,
    heads: 32, kvHeads: 16, headDim: 128, intermediate: 21504, vocab: 262208,
    tiedEmbeddings: true, maxContext: 131072, normsPerLayer: 4, qkNorm: true,
    slidingWindow: .init(window: 1024, globalEvery: 6),
    note:
      "language model; the SigLIP vision tower and projector (0.42B) count when a checkpoint directory is read"
  ),
  ModelSpec(
    id: "phi-4", name: "Phi-4", huggingFaceID: "microsoft/phi-4", aliases: ["phi4"],
    family: "phi3", nominalBillions: 14.7, layers: 40, hidden: 5120, heads: 40, kvHeads: 10,
    intermediate: 17920, vocab: 100352, maxContext: 16384),
  ModelSpec(
    id: "gpt-j-6b", name: "GPT-J-6B", huggingFaceID: "EleutherAI/gpt-j-6b",
    aliases: ["gptj-6b", "gpt-j"], family: "gptj", nominalBillions: 6, layers: 28, hidden: 4096,
    heads: 16, intermediate: 16384, vocab: 50400, maxContext: 2048, checkpointPrecision: .fp32,
    activationPrecision: .fp16, feedForward: .plain, norm: .layer, normsPerLayer: 1,
    mlpBias: true, lmHeadBias: true, note: "fp32 checkpoint; served in fp16"),
  ModelSpec(
    id: "phi-2", name: "Phi-2", huggingFaceID: "microsoft/phi-2", aliases: ["phi2"], family: "phi",
    nominalBillions: 2.7, layers: 32, hidden: 2560, heads: 32, intermediate: 10240, vocab: 51200,
    maxContext: 2048, checkpointPrecision: .fp16, activationPrecision: .fp16,
    feedForward: .plain, norm: .layer, normsPerLayer: 1, qkvBias: true, outputBias: true,
    mlpBias: true, lmHeadBias: true),
]
