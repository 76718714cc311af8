/// A request-level simulation of continuous batching on one layout: every replica runs its
/// engine's scheduler over the requests a round-robin load balancer sends it, one iteration
/// at a time, each iteration timed by ``IterationClock``.
///
/// The scheduler follows vLLM V1's (`vllm/v1/core/sched/scheduler.py`, v0.11), which SGLang's
/// and TensorRT-LLM's in-flight batching resemble:
/// - each iteration has a budget of `max_num_batched_tokens` tokens: every running sequence
///   that has its first token decodes one, then unfinished prompts continue in chunks, then
///   waiting requests are admitted in arrival order while fewer than `max_num_seqs` run and
///   the KV cache has blocks for their chunk (chunked prefill);
/// - KV is held in blocks of the engine's size as tokens are computed; when a decode needs a
///   block and none is free, the most recently admitted request is preempted (its blocks
///   freed, its prompt and generated tokens recomputed later: vLLM's recompute preemption),
///   and that iteration admits no waiting request;
/// - a prompt's first output token comes at the end of the iteration that finishes its
///   prefill; a request is done when its output tokens are generated;
/// - a prefix-cache hit fraction skips that share of each prompt's computation (its blocks
///   are still held);
/// - TensorRT-LLM's no-evict policy instead reserves a request's whole length at admission.
public struct ServeSimulation: Sendable {
  /// What happened to one request, in seconds from the start of the run.
  public struct RequestOutcome: Sendable, Hashable {
    public let arrival: Double
    /// When the scheduler first gave it tokens of an iteration.
    public let admitted: Double
    public let firstToken: Double
    public let finish: Double
    public let outputTokens: Int
    public let preemptions: Int

    public var ttft: Double { firstToken - arrival }
    public var e2e: Double { finish - arrival }
    public var queue: Double { admitted - arrival }
    /// Mean seconds between output tokens after the first; 0 for one output token.
    public var tpot: Double {
      outputTokens > 1 ? (finish - firstToken) / Double(outputTokens - 1) : 0
    }
  }

  public struct Settings: Sendable, Hashable {
    public let tokensPerIteration: Int
    public let maxSequences: Int
    public let blockSize: Int
    /// KV blocks of one replica (its most constrained stage).
    public let blocks: Int
    public let prefixCacheHit: Double
    /// Admission reserves a request's whole length (prompt + output) in KV blocks, so nothing
    /// is ever preempted (TensorRT-LLM's default `GUARANTEED_NO_EVICT` capacity scheduler,
    /// `tensorrt_llm/llmapi/llm_args.py` `CapacitySchedulerPolicy`); otherwise blocks are
    /// taken as tokens are computed and decodes preempt (vLLM, SGLang).
    public let reserveFullLength: Bool
    /// Prompts may be split over iterations (``EngineDefaults/chunkedPrefill``); otherwise a
    /// prompt runs whole, and one that does not fit beside the decodes gets an iteration of
    /// its own.
    public let chunkedPrefill: Bool

    public init(
      tokensPerIteration: Int, maxSequences: Int, blockSize: Int, blocks: Int,
      prefixCacheHit: Double = 0, reserveFullLength: Bool = false, chunkedPrefill: Bool = true
    ) {
      self.reserveFullLength = reserveFullLength
      self.chunkedPrefill = chunkedPrefill
      self.tokensPerIteration = max(1, tokensPerIteration)
      self.maxSequences = max(1, maxSequences)
      self.blockSize = max(1, blockSize)
      self.blocks = max(0, blocks)
      self.prefixCacheHit = min(max(prefixCacheHit, 0), 1)
    }
  }

  /// In arrival order.
  public let outcomes: [RequestOutcome]
  /// Seconds between consecutive output tokens of a sequence, over every sequence.
  public let interTokenLatency: LatencyHistogram
  /// Time-weighted mean and peak fraction of the KV blocks in use, over the replicas.
  public let kvUsageMean: Double
  public let kvUsagePeak: Double
  /// Time-weighted mean number of requests in the system (waiting or running), summed over
  /// the replicas: Little's law says it equals the arrival rate × the mean latency.
  public let meanInSystem: Double
  /// From the first arrival to the last finish.
  public let span: Double
  public let iterations: Int
  public let preemptions: Int

  /// Simulates `requests` (sorted by arrival) on `replicas` identical replicas.
  static func run(
    _ requests: [TracedRequest], replicas: Int, settings: Settings, clock: IterationClock
  ) -> ServeSimulation {
    let replicas = max(1, replicas)
    var outcomes = [RequestOutcome?](repeating: nil, count: requests.count)
    var histogram = LatencyHistogram()
    var usageArea = 0.0
    var inSystemArea = 0.0
    var peak = 0.0
    var iterations = 0
    var preemptions = 0
    var busy = 0.0
    for replica in 0..<replicas {
      let mine = stride(from: replica, to: requests.count, by: replicas).map { $0 }
      var engine = ReplicaEngine(
        requests: requests, assigned: mine, settings: settings, clock: clock)
      engine.run(&histogram)
      for (index, outcome) in engine.outcomes { outcomes[index] = outcome }
      usageArea += engine.usageArea
      inSystemArea += engine.inSystemArea
      peak = max(peak, engine.peakUsage)
      iterations += engine.iterations
      preemptions += engine.preemptions
      busy = max(busy, engine.now)
    }
    let done = outcomes.compactMap { $0 }
    let start = requests.first?.arrival ?? 0
    let end = done.map(\.finish).max() ?? start
    let span = max(end - start, 1e-12)
    return ServeSimulation(
      outcomes: done, interTokenLatency: histogram,
      kvUsageMean: usageArea / span / Double(replicas), kvUsagePeak: peak,
      meanInSystem: inSystemArea / span, span: span, iterations: iterations,
      preemptions: preemptions)
  }
}

/// One replica's scheduler and clock.
private struct ReplicaEngine {
  struct Slot {
    let index: Int
    /// Tokens to compute before the next output token: the prompt, plus the tokens
    /// generated before a preemption.
    var prefillTarget: Int
    var prefilled: Int
    var generated: Int
    var blocks: Int
    var lastToken: Double
  }

  let requests: [TracedRequest]
  let assigned: [Int]
  let settings: ServeSimulation.Settings
  var clock: IterationClock
  var outcomes: [(Int, ServeSimulation.RequestOutcome)] = []
  var usageArea = 0.0
  var inSystemArea = 0.0
  var peakUsage = 0.0
  var iterations = 0
  var preemptions = 0
  var now = 0.0

  init(
    requests: [TracedRequest], assigned: [Int], settings: ServeSimulation.Settings,
    clock: IterationClock
  ) {
    self.requests = requests
    self.assigned = assigned
    self.settings = settings
    self.clock = clock
  }

  func blocksFor(_ tokens: Int) -> Int { (tokens + settings.blockSize - 1) / settings.blockSize }

  /// Output tokens so far, those recomputed after a preemption included.
  func produced(_ slot: Slot) -> Int {
    slot.generated + slot.prefillTarget - requests[slot.index].inputTokens
  }

  mutating func run(_ histogram: inout LatencyHistogram) {
    var next = 0  // into assigned
    var waiting: [Slot] = []  // in arrival order; preempted requests go back to the front
    var waitingHead = 0
    var running: [Slot] = []
    var admitted = [Double](repeating: -1, count: requests.count)
    var firstToken = [Double](repeating: -1, count: requests.count)
    var preempted = [Int](repeating: 0, count: requests.count)
    var free = settings.blocks
    let hit = settings.prefixCacheHit
    while next < assigned.count || waitingHead < waiting.count || !running.isEmpty {
      if running.isEmpty && waitingHead >= waiting.count, next < assigned.count {
        now = max(now, requests[assigned[next]].arrival)
      }
      while next < assigned.count, requests[assigned[next]].arrival <= now {
        let index = assigned[next]
        let request = requests[index]
        let cached = Int((Double(request.inputTokens) * hit).rounded(.down))
        waiting.append(
          request.prefilled
            ? Slot(
              index: index, prefillTarget: request.inputTokens, prefilled: request.inputTokens,
              generated: 1, blocks: 0, lastToken: request.arrival)
            : Slot(
              index: index, prefillTarget: request.inputTokens,
              prefilled: min(cached, request.inputTokens - 1), generated: 0, blocks: 0,
              lastToken: 0))
        next += 1
      }
      var budget = settings.tokensPerIteration
      // Decodes first: each needs room for one more token.
      var decoding = running.indices.filter { running[$0].prefilled >= running[$0].prefillTarget }
      // Without chunked prefill, an admissible prompt that does not fit beside the decodes
      // runs in an iteration of its own (the decodes wait one iteration).
      if !settings.chunkedPrefill, waitingHead < waiting.count,
        running.count < settings.maxSequences
      {
        let head = waiting[waitingHead]
        let request = requests[head.index]
        let remaining = head.prefillTarget - head.prefilled
        let blocks =
          settings.reserveFullLength
          ? blocksFor(request.inputTokens + request.outputTokens) : blocksFor(head.prefillTarget)
        if remaining > 0, remaining > budget - decoding.count, blocks <= free {
          decoding = []
        }
      }
      func needed(_ slot: Slot) -> Int {
        blocksFor(slot.prefillTarget + slot.generated) - slot.blocks
      }
      var need = decoding.reduce(0) { $0 + max(0, needed(running[$1])) }
      var preemptedNow = false
      while need > free, let victim = running.indices.last {
        preemptedNow = true
        // Recompute preemption of the most recently admitted request.
        var slot = running.remove(at: victim)
        // The victim is the last running slot, so the last of the (ascending) decodes if any.
        if decoding.last == victim {
          decoding.removeLast()
          need -= max(0, needed(slot))
        }
        free += slot.blocks
        preemptions += 1
        preempted[slot.index] += 1
        slot.prefillTarget += slot.generated
        slot.generated = 0
        slot.prefilled = 0
        slot.blocks = 0
        waitingHead -= 1
        if waitingHead < 0 {
          waiting.insert(slot, at: 0)
          waitingHead = 0
        } else {
          waiting[waitingHead] = slot
        }
      }
      decoding = Array(decoding.prefix(budget))
      budget -= decoding.count
      var decodeContext = 0
      for index in decoding {
        let grow = max(0, needed(running[index]))
        running[index].blocks += grow
        free -= grow
        decodeContext += running[index].prefillTarget + running[index].generated
      }
      // Prompt chunks: running prompts first, then admissions.
      var chunks: [(slot: Int, tokens: Int)] = []
      var admittedWithoutWork = false
      var prefillTokens = 0
      var prefillContext = 0
      func schedule(_ slot: inout Slot, limit: Int) -> Int {
        let remaining = slot.prefillTarget - slot.prefilled
        // Whole prompts only without chunked prefill (one longer than the budget runs alone).
        if !settings.chunkedPrefill && remaining > limit
          && (limit < settings.tokensPerIteration || !chunks.isEmpty)
        {
          return 0
        }
        var chunk = settings.chunkedPrefill ? min(remaining, limit) : remaining
        // Blocks for the computed tokens after this chunk.
        while chunk > 0, blocksFor(slot.prefilled + chunk) - slot.blocks > free {
          chunk = min(chunk - 1, (free + slot.blocks) * settings.blockSize - slot.prefilled)
        }
        guard chunk > 0, settings.chunkedPrefill || chunk == remaining else { return 0 }
        // Never below what the slot holds (a no-evict admission reserved its whole length).
        let grow = max(0, blocksFor(slot.prefilled + chunk) - slot.blocks)
        slot.blocks += grow
        free -= grow
        return chunk
      }
      for index in running.indices where running[index].prefilled < running[index].prefillTarget {
        guard budget > 0 else { break }
        let chunk = schedule(&running[index], limit: budget)
        guard chunk > 0 else { continue }
        chunks.append((index, chunk))
        budget -= chunk
        prefillTokens += chunk
        prefillContext = max(prefillContext, running[index].prefilled + chunk)
      }
      // No admissions in an iteration that had to preempt (vLLM V1 schedules waiting
      // requests only when it preempted none).
      while !preemptedNow, budget > 0, running.count < settings.maxSequences,
        waitingHead < waiting.count
      {
        var slot = waiting[waitingHead]
        // Cached prompt tokens hold blocks too; a no-evict scheduler holds the whole length.
        let request = requests[slot.index]
        let cachedBlocks =
          settings.reserveFullLength
          ? blocksFor(request.inputTokens + request.outputTokens) : blocksFor(slot.prefilled)
        guard cachedBlocks <= free else { break }
        if slot.blocks < cachedBlocks {
          free -= cachedBlocks - slot.blocks
          slot.blocks = cachedBlocks
        }
        if slot.prefilled >= slot.prefillTarget {
          // A handed-over prompt: its KV is in; it decodes from the next iteration.
          waitingHead += 1
          if admitted[slot.index] < 0 { admitted[slot.index] = now }
          running.append(slot)
          admittedWithoutWork = true
          continue
        }
        let chunk = schedule(&slot, limit: budget)
        guard chunk > 0 else {
          free += slot.blocks
          slot.blocks = 0
          break
        }
        waitingHead += 1
        if admitted[slot.index] < 0 { admitted[slot.index] = now }
        running.append(slot)
        chunks.append((running.count - 1, chunk))
        budget -= chunk
        prefillTokens += chunk
        prefillContext = max(prefillContext, slot.prefilled + chunk)
      }
      if waitingHead > 1024 && waitingHead * 2 > waiting.count {
        waiting.removeFirst(waitingHead)
        waitingHead = 0
      }
      guard !decoding.isEmpty || prefillTokens > 0 else {
        if admittedWithoutWork { continue }
        // Nothing runnable: wait for the next arrival (or stop: nothing can ever run).
        guard next < assigned.count else { break }
        now = max(now, requests[assigned[next]].arrival)
        continue
      }
      let dt = clock.seconds(
        decode: decoding.count,
        decodeContext: decoding.isEmpty ? 0 : decodeContext / decoding.count,
        prefillTokens: prefillTokens, prefillContext: prefillContext)
      let inSystem = running.count + (waiting.count - waitingHead)
      let used = 1 - Double(free) / Double(max(settings.blocks, 1))
      usageArea += used * dt
      inSystemArea += Double(inSystem) * dt
      peakUsage = max(peakUsage, used)
      now += dt
      iterations += 1
      var finished: [Int] = []
      for index in decoding {
        running[index].generated += 1
        histogram.add(now - running[index].lastToken)
        running[index].lastToken = now
        if produced(running[index]) >= requests[running[index].index].outputTokens {
          finished.append(index)
        }
      }
      for (index, chunk) in chunks {
        running[index].prefilled += chunk
        guard running[index].prefilled >= running[index].prefillTarget else { continue }
        // The prompt (or the recomputed tokens) is in: the next output token.
        running[index].generated += 1
        running[index].lastToken = now
        let id = running[index].index
        if firstToken[id] < 0 { firstToken[id] = now }
        if produced(running[index]) >= requests[id].outputTokens { finished.append(index) }
      }
      for index in finished.sorted(by: >) {
        let slot = running.remove(at: index)
        free += slot.blocks
        let request = requests[slot.index]
        outcomes.append(
          (
            slot.index,
            .init(
              arrival: request.arrival,
              admitted: admitted[slot.index] < 0 ? now : admitted[slot.index],
              firstToken: firstToken[slot.index] < 0 ? now : firstToken[slot.index], finish: now,
              outputTokens: request.outputTokens, preemptions: preempted[slot.index])
          ))
      }
    }
  }
}

/// Latencies in log-spaced bins (1 µs to 1,000 s, 64 bins per factor of 10: ±1.8 %), so the
/// percentiles of millions of inter-token gaps cost no sort; the mean is exact.
public struct LatencyHistogram: Sendable, Hashable {
  static let binsPerDecade = 64.0
  static let lowest = 1e-6
  static let count = 64 * 9
  var bins = [Int](repeating: 0, count: LatencyHistogram.count)
  public private(set) var samples = 0
  var sum = 0.0

  public init() {}

  /// Upper edges of the bins.
  static let edges: [Double] = (0..<count).map {
    lowest * tenToThe(Double($0 + 1) / binsPerDecade)
  }

  mutating func add(_ seconds: Double) {
    // The first bin whose upper edge is above the value, by bisection.
    var low = 0
    var high = Self.count - 1
    while low < high {
      let middle = (low + high) / 2
      if Self.edges[middle] > seconds { high = middle } else { low = middle + 1 }
    }
    bins[low] += 1
    samples += 1
    sum += seconds
  }

  public var mean: Double { samples > 0 ? sum / Double(samples) : 0 }

  /// The upper edge of the bin holding the `q` quantile (0…1).
  public func quantile(_ q: Double) -> Double {
    guard samples > 0 else { return 0 }
    let target = Int((q * Double(samples)).rounded(.up))
    var seen = 0
    for (index, count) in bins.enumerated() {
      seen += count
      if seen >= max(target, 1) { return Self.edges[index] }
    }
    return Self.edges[Self.count - 1]
  }
}

/// 10^x without Foundation: e^(x ln 10) by squaring a short series.
func tenToThe(_ x: Double) -> Double {
  let y = x * naturalLog(10)
  // e^y = (e^(y / 2^k))^(2^k) with a 12-term series for the small argument.
  let k = 10
  let small = y / Double(1 << k)
  var term = 1.0
  var sum = 1.0
  for n in 1...12 {
    term *= small / Double(n)
    sum += term
  }
  var result = sum
  for _ in 0..<k { result *= result }
  return result
}
