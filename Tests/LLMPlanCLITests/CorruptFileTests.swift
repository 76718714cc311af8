import Foundation
import LLMPlanCLI
import LLMPlanTestSupport
import Testing

/// Broken model files: every one is exit code 2 with one line naming the file (and, for a
/// broken header, the byte offset), never a trap, a hang or a huge allocation.
@Suite("Corrupt model files")
struct CorruptFileTests {
  /// A GGUF small enough to cut at every byte: hidden 8, 1 layer, 2 heads (1 KV), FFN 16,
  /// vocab 8, all F32 with sizes that are multiples of the 32-byte alignment, so the data ends
  /// exactly at the file's end.
  static let gguf: [UInt8] = SyntheticFiles.gguf(
    [
      ("general.architecture", .string("llama")), ("llama.block_count", .u32(1)),
      ("llama.context_length", .u32(512)), ("llama.embedding_length", .u32(8)),
      ("llama.feed_forward_length", .u32(16)), ("llama.attention.head_count", .u32(2)),
      ("llama.attention.head_count_kv", .u32(1)),
    ],
    tensors: [
      ("token_embd.weight", [8, 8], 0, 256), ("blk.0.attn_norm.weight", [8], 0, 32),
      ("blk.0.attn_q.weight", [8, 8], 0, 256), ("blk.0.attn_k.weight", [8, 4], 0, 128),
      ("blk.0.attn_v.weight", [8, 4], 0, 128), ("blk.0.attn_output.weight", [8, 8], 0, 256),
      ("blk.0.ffn_norm.weight", [8], 0, 32), ("blk.0.ffn_gate.weight", [8, 16], 0, 512),
      ("blk.0.ffn_up.weight", [8, 16], 0, 512), ("blk.0.ffn_down.weight", [16, 8], 0, 512),
      ("output_norm.weight", [8], 0, 32), ("output.weight", [8, 8], 0, 256),
    ])

  static let config = """
    {"model_type": "llama", "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
     "num_key_value_heads": 1, "intermediate_size": 16, "vocab_size": 8,
     "max_position_embeddings": 512, "torch_dtype": "bfloat16"}
    """

  /// The same model as one bf16 safetensors shard.
  static let safetensors: [UInt8] = SyntheticFiles.safetensors([
    ("model.embed_tokens.weight", "BF16", [8, 8], 128),
    ("model.layers.0.input_layernorm.weight", "BF16", [8], 16),
    ("model.layers.0.self_attn.q_proj.weight", "BF16", [8, 8], 128),
    ("model.layers.0.self_attn.k_proj.weight", "BF16", [4, 8], 64),
    ("model.layers.0.self_attn.v_proj.weight", "BF16", [4, 8], 64),
    ("model.layers.0.self_attn.o_proj.weight", "BF16", [8, 8], 128),
    ("model.layers.0.post_attention_layernorm.weight", "BF16", [8], 16),
    ("model.layers.0.mlp.gate_proj.weight", "BF16", [16, 8], 256),
    ("model.layers.0.mlp.up_proj.weight", "BF16", [16, 8], 256),
    ("model.layers.0.mlp.down_proj.weight", "BF16", [8, 16], 256),
    ("model.norm.weight", "BF16", [8], 16), ("lm_head.weight", "BF16", [8, 8], 128),
  ])

  /// Writes `bytes` to `path` and runs `memory` on `argument`.
  static func run(_ bytes: [UInt8], at path: String, argument: String) throws -> Outcome {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return runCLI("memory", argument, "--format", "json")
  }

  @Test func intactFilesLoad() throws {
    let path = try temporaryFile(Self.gguf, name: "tiny.gguf")
    #expect(runCLI("memory", path).code == .success)
    let directory = try SyntheticFiles.directory([
      ("config.json", Array(Self.config.utf8)), ("model.safetensors", Self.safetensors),
    ])
    #expect(runCLI("memory", directory).code == .success)
  }

  // Cut at every byte: one line naming the file and the byte where reading failed.
  @Test func ggufTruncatedAtEveryOffset() throws {
    let path = try temporaryFile([], name: "cut.gguf")
    for length in 0..<Self.gguf.count {
      let outcome = try Self.run(Array(Self.gguf[..<length]), at: path, argument: path)
      #expect(outcome.code == .usage, "cut at \(length)")
      #expect(outcome.stderr.hasPrefix("llmplan: error: \(path): byte "), "cut at \(length)")
      #expect(outcome.stderr.filter { $0 == "\n" }.count == 1)
    }
  }

  @Test func safetensorsTruncatedAtEveryOffset() throws {
    let directory = try SyntheticFiles.directory([("config.json", Array(Self.config.utf8))])
    let path = directory + "/model.safetensors"
    for length in 0..<Self.safetensors.count {
      let outcome = try Self.run(Array(Self.safetensors[..<length]), at: path, argument: directory)
      #expect(outcome.code == .usage, "cut at \(length)")
      #expect(outcome.stderr.hasPrefix("llmplan: error: \(path): byte "), "cut at \(length)")
    }
  }

  // Counts and lengths of 2^62 (and a header length past the end) are refused before any
  // allocation or loop.
  @Test func hugeCounts() throws {
    let path = try temporaryFile([], name: "huge.gguf")
    let huge = SyntheticFiles.littleEndian(1 << 62, 8)
    for (offset, what) in [(8, "tensor count"), (16, "metadata count"), (24, "string length")] {
      var bytes = Self.gguf
      bytes.replaceSubrange(offset..<offset + 8, with: huge)
      let outcome = try Self.run(bytes, at: path, argument: path)
      #expect(outcome.code == .usage)
      #expect(outcome.stderr.contains("byte \(offset): \(what) 4611686018427387904 cannot fit"))
    }
    let directory = try SyntheticFiles.directory([("config.json", Array(Self.config.utf8))])
    var shard = Self.safetensors
    shard.replaceSubrange(0..<8, with: huge)
    let outcome = try Self.run(shard, at: directory + "/model.safetensors", argument: directory)
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.contains("byte 0: header length 4611686018427387904 is over"))
  }

  // Random bytes over the headers: answered or refused, never a trap. A mutation that breaks
  // the structure is refused with the file's name.
  @Test func randomMutations() throws {
    var random = SplitMix(seed: 12)
    let gguf = try temporaryFile([], name: "mutated.gguf")
    let directory = try SyntheticFiles.directory([("config.json", Array(Self.config.utf8))])
    let shard = directory + "/model.safetensors"
    // 8 + the header length (little-endian, under 64 KiB here).
    let headerEnd = 8 + Int(Self.safetensors[0]) + Int(Self.safetensors[1]) << 8
    for _ in 0..<300 {
      var bytes = Self.gguf
      for _ in 0..<(1 + random.next() % 4) {
        bytes[Int(random.next() % UInt64(bytes.count - 2_912))] = UInt8(random.next() & 0xFF)
      }
      let outcome = try Self.run(bytes, at: gguf, argument: gguf)
      #expect(outcome.code == .success || outcome.stderr.contains(gguf))
      var shardBytes = Self.safetensors
      for _ in 0..<(1 + random.next() % 4) {
        shardBytes[Int(random.next() % UInt64(headerEnd))] = UInt8(random.next() & 0xFF)
      }
      let read = try Self.run(shardBytes, at: shard, argument: directory)
      #expect(read.code == .success || read.stderr.contains("llmplan: error: "))
    }
  }

  // What the review found: split GGUF metadata on a file that is not a shard, packed dtypes
  // with absurd shapes, a partial download, a window pattern of 0.
  @Test func reviewedCases() throws {
    var split = Self.gguf
    // One more metadata pair: split.count = 3 (u16 type 2).
    split.replaceSubrange(16..<24, with: SyntheticFiles.littleEndian(8, 8))
    let key = Array("split.count".utf8)
    let pair =
      SyntheticFiles.littleEndian(UInt64(key.count), 8) + key
      + SyntheticFiles.littleEndian(2, 4) + SyntheticFiles.littleEndian(3, 2)
    split.insert(contentsOf: pair, at: 24)
    // Realign: the reader finds the data at the next 32-byte boundary after the infos.
    let path = try temporaryFile([], name: "single.gguf")
    let outcome = try Self.run(split, at: path, argument: path)
    #expect(outcome.code == .usage)
    #expect(outcome.stderr.contains("split.count is 3 but the file name does not say which shard"))

    let directory = try SyntheticFiles.directory([("config.json", Array(Self.config.utf8))])
    let f4 = SyntheticFiles.safetensors([
      ("model.layers.0.mlp.experts.weight", "F4", [4_611_686_018_427_387_904], 0)
    ])
    let packed = try Self.run(f4, at: directory + "/model.safetensors", argument: directory)
    #expect(packed.code == .usage)
    #expect(packed.stderr.contains("bytes for 4611686018427387904 F4 elements"))

    let partial = try SyntheticFiles.directory([
      ("config.json", Array(Self.config.utf8)),
      ("model-00001-of-00002.safetensors", Self.safetensors),
    ])
    let missing = runCLI("memory", partial)
    #expect(missing.code == .usage)
    #expect(missing.stderr.contains("1 of 2 shards missing (model-00002-of-00002.safetensors)"))
  }
}

/// A small deterministic generator (SplitMix64), so a failure reproduces.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
