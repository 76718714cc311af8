/// The saturated steady state of continuous batching on one replica: what
/// ``ServeSimulation`` settles into when requests of one shape never stop arriving, worked out
/// in closed form on the same iteration model (``IterationClock``) and scheduler limits.
///
/// - Running sequences: as many as the KV cache holds, capped by `max_num_seqs`. A sequence
///   holds its prompt plus half its output on average (blocks are taken as tokens are
///   computed), or its whole length where the engine reserves it at admission
///   (TensorRT-LLM's no-evict policy).
/// - Every iteration decodes one token for each running sequence and, to keep the batch
///   full, prefills input/output prompt tokens per decoded token (one new prompt per
///   finished request). When that exceeds the token budget (`max_num_batched_tokens`), the
///   budget sets the pace: only budget × output / (input + output) sequences decode per
///   iteration.
/// - Without chunked prefill (``EngineDefaults/chunkedPrefill``) a prompt that does not fit
///   beside the decodes runs whole in an iteration of its own, budget / input prompts at a
///   time; a decode step then costs its own time plus its share of those iterations.
/// - Throughput = decodes per iteration / iteration seconds; TPOT = one iteration (with its
///   share of prompt iterations); TTFT = the iterations a new prompt needs once admitted
///   (queueing at saturation is unbounded, so it is not counted).
public struct SteadyState: Sendable, Hashable {
  /// Sequences the KV cache and `max_num_seqs` allow.
  public let running: Int
  /// Tokens one running sequence holds on average.
  public let heldTokens: Int
  /// Sequences that decode a token in each iteration.
  public let decodes: Int
  /// Prompt tokens prefilled in each iteration.
  public let prefillTokens: Int
  public let iterationSeconds: Double
  /// Iterations a prompt needs once admitted.
  public let prefillIterations: Int
  /// Seconds from admission to a prompt's first token.
  public let promptSeconds: Double
  /// Prompts per iteration of their own, when whole prompts do not fit beside the decodes
  /// (no chunked prefill); 0 when prompt tokens ride along with the decodes.
  public let promptsApart: Int

  /// Output tokens per second of one replica.
  public var outputTokensPerSecond: Double { Double(decodes) / iterationSeconds }
  public var ttftSeconds: Double { promptSeconds }

  /// The steady state of `shape` requests on `clock`'s replica under `settings`; `nil` when
  /// the KV cache cannot hold one sequence.
  static func of(
    _ shape: RequestShape, settings: ServeSimulation.Settings, clock: inout IterationClock
  ) -> SteadyState? {
    let input = max(1, shape.input)
    let output = max(1, shape.output)
    let held = settings.reserveFullLength ? input + output : input + output / 2
    let blocksPerSequence = (held + settings.blockSize - 1) / settings.blockSize
    let holds = settings.blocks / max(1, blocksPerSequence)
    guard holds >= 1 else { return nil }
    let running = min(holds, settings.maxSequences)
    let budget = settings.tokensPerIteration
    let context = input + output / 2
    if !settings.chunkedPrefill && input + min(running, budget) > budget {
      // Whole prompts that do not fit beside the decodes: iterations of their own, as many
      // prompts each as the budget holds, d / (output · k) of them per decode step.
      let decodes = min(running, budget)
      let prompts = max(1, budget / input)
      let decode = clock.seconds(
        StepWork(
          decodeSequences: decodes, decodeContext: context, prefillSequences: 0,
          prefillTokens: 0, prefillContext: 0))
      let prefill = clock.seconds(
        StepWork(
          decodeSequences: 0, decodeContext: 0, prefillSequences: prompts,
          prefillTokens: input, prefillContext: input))
      let share = Double(decodes) / Double(output * prompts)
      return SteadyState(
        running: running, heldTokens: held, decodes: decodes,
        prefillTokens: (decodes * input + output - 1) / output,
        iterationSeconds: decode + share * prefill, prefillIterations: 1,
        promptSeconds: prefill, promptsApart: prompts)
    }
    // d decodes bring d · input / output prompt tokens with them: d (1 + input/output) ≤ budget.
    let paced = max(1, budget * output / (input + output))
    let decodes = min(running, paced)
    let prefill = min(max(budget - decodes, 0), (decodes * input + output - 1) / output)
    // The iteration's prompt tokens as whole prompts where they exceed one, else one chunk
    // ending, on average, at the prompt's end.
    let prompts = max(1, (prefill + input / 2) / input)
    let work = StepWork(
      decodeSequences: decodes, decodeContext: context,
      prefillSequences: prefill > 0 ? prompts : 0,
      prefillTokens: prefill > 0 ? max(1, prefill / prompts) : 0,
      prefillContext: prefill > 0 ? max(input, prefill / prompts) : 0)
    let seconds = clock.seconds(work)
    let leftover = max(1, budget - decodes)
    let iterations = settings.chunkedPrefill ? (input + leftover - 1) / leftover : 1
    return SteadyState(
      running: running, heldTokens: held, decodes: decodes, prefillTokens: prefill,
      iterationSeconds: seconds, prefillIterations: iterations,
      promptSeconds: Double(iterations) * seconds, promptsApart: 0)
  }
}
