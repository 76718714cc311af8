/// Assigns consecutive layers to pipeline stages so that the slowest stage is as fast as it can
/// be while every stage fits in memory (minimise the slowest stage, keep memory
/// balanced).
///
/// A decode step streams every weight and KV byte a stage holds, so a layer costs its bytes on
/// one GPU, in time and in memory alike. The ends differ: the first stage stores the embedding
/// but only gathers a few rows of it; the last stage stores the LM head and reads all of it
/// every step. So the split minimises, in order: the largest stage time, then the largest stage
/// memory. For Llama-3-70B over 3 stages this gives vLLM's 27/27/26; for Llama-3-8B over 4 it
/// gives 8/9/9/6 where vLLM's default is 8/8/8/8 (whose last stage is 30 % slower).
public enum StageBalance {
  /// Per-GPU costs of the layers and of the ends, in bytes.
  public struct Costs: Sendable, Hashable {
    /// Each layer's bytes on one GPU (weights plus the KV it holds).
    public var layers: [Double]
    /// Bytes only the first stage stores (the embedding); they cost memory, not time.
    public var firstStageMemory: Double
    /// Bytes only the last stage stores (final norm, LM head).
    public var lastStageMemory: Double
    /// Bytes the last stage reads every step (the LM head).
    public var lastStageTime: Double
    /// Bytes a stage may hold; `.infinity` for no limit.
    public var memoryLimit: Double

    public init(
      layers: [Double], firstStageMemory: Double = 0, lastStageMemory: Double = 0,
      lastStageTime: Double = 0, memoryLimit: Double = .infinity
    ) {
      self.layers = layers
      self.firstStageMemory = firstStageMemory
      self.lastStageMemory = lastStageMemory
      self.lastStageTime = lastStageTime
      self.memoryLimit = memoryLimit
    }
  }

  /// Layer counts per stage (each at least 1); empty when `stages` is not in 1...layers. When no
  /// split fits the memory limit, the split ignores it (the caller reports the shortfall).
  public static func split(_ costs: Costs, stages: Int) -> [Int] {
    let count = costs.layers.count
    guard stages >= 1, stages <= count else { return [] }
    if stages == 1 { return [count] }
    let layerSum = costs.layers.reduce(0, +)
    let largest = costs.layers.max() ?? 0
    let total = layerSum + costs.firstStageMemory + costs.lastStageMemory + costs.lastStageTime
    var memoryLimit = costs.memoryLimit
    if !greedy(costs, stages: stages, time: .infinity, memory: memoryLimit) {
      memoryLimit = .infinity
    }
    // No split's slowest (fullest) stage is below the largest layer or the average stage; an
    // optimal one is within about one layer and the ends above that.
    let ends = max(costs.firstStageMemory, costs.lastStageMemory, costs.lastStageTime)
    let fastest = max(largest, (layerSum + costs.lastStageTime) / Double(stages))
    let time = smallest(from: fastest, guess: fastest + largest + ends, upTo: total) {
      greedy(costs, stages: stages, time: $0, memory: memoryLimit)
    }
    let emptiest = max(
      largest, (layerSum + costs.firstStageMemory + costs.lastStageMemory) / Double(stages))
    let memory = smallest(
      from: min(emptiest, memoryLimit), guess: emptiest + largest + ends,
      upTo: min(total, memoryLimit)
    ) {
      greedy(costs, stages: stages, time: time, memory: $0)
    }
    return even(costs, stages: stages, time: time, memory: memory)
      ?? StageSplit.counts(layers: count, stages: stages)
  }

  /// Among the splits within both bounds, the one whose stages come closest, front to back, to
  /// an equal share of the time still to place (many splits share the optimal bounds; this
  /// picks the evenest rather than the front-loaded one). A stage may end anywhere from the
  /// earliest point the later stages can still cover (a back-to-front fill) to the furthest
  /// its own bounds reach.
  static func even(_ costs: Costs, stages: Int, time: Double, memory: Double) -> [Int]? {
    let layers = costs.layers
    guard let earliest = earliestStarts(costs, stages: stages, time: time, memory: memory) else {
      return nil
    }
    var counts: [Int] = []
    var start = 0
    for stage in 0..<(stages - 1) {
      let left = stages - stage
      let remaining = layers[start...].reduce(0, +) + costs.lastStageTime
      let share = remaining / Double(left)
      var stageTime = 0.0
      var stageMemory = stage == 0 ? costs.firstStageMemory : 0
      var best: (end: Int, distance: Double)?
      var end = start
      while end < layers.count - (left - 1) {
        stageTime += layers[end]
        stageMemory += layers[end]
        end += 1
        if stageTime > time || stageMemory > memory { break }
        guard end >= earliest[stage + 1] else { continue }
        let distance = abs(stageTime - share)
        if best == nil || distance < best!.distance - 1e-9 { best = (end, distance) }
      }
      guard let best else { return nil }
      counts.append(best.end - start)
      start = best.end
    }
    counts.append(layers.count - start)
    return counts
  }

  /// For each stage, the earliest layer it can start at such that it and the stages after it
  /// hold every remaining layer within the bounds (filling back to front); `nil` if stage 0
  /// cannot start at layer 0.
  static func earliestStarts(_ costs: Costs, stages: Int, time: Double, memory: Double) -> [Int]? {
    let layers = costs.layers
    var starts = [Int](repeating: 0, count: stages)
    var end = layers.count
    for stage in stride(from: stages - 1, through: 0, by: -1) {
      let isLast = stage == stages - 1
      var stageTime = isLast ? costs.lastStageTime : 0
      var stageMemory =
        (stage == 0 ? costs.firstStageMemory : 0) + (isLast ? costs.lastStageMemory : 0)
      var begin = end
      while begin > stage {
        let bytes = layers[begin - 1]
        if stageTime + bytes > time || stageMemory + bytes > memory { break }
        stageTime += bytes
        stageMemory += bytes
        begin -= 1
      }
      if begin == end || (stage == 0 && begin > 0) { return nil }
      starts[stage] = begin
      end = begin
    }
    return starts
  }

  /// The smallest bound in lower...upper (within 10⁻⁹ of it) that `feasible` accepts, assuming
  /// feasibility is monotone, nothing below `lower` is feasible and `upper` is; `guess`, when
  /// feasible, narrows the search before it starts.
  static func smallest(
    from lower: Double, guess: Double, upTo upper: Double, _ feasible: (Double) -> Bool
  ) -> Double {
    var low = min(lower, upper) * (1 - 1e-12)
    var high = upper * (1 + 1e-12) + 1e-9
    if guess > low, guess < high, feasible(guess) { high = guess }
    for _ in 0..<64 where high - low > high * 1e-9 {
      let mid = (low + high) / 2
      if feasible(mid) { high = mid } else { low = mid }
    }
    return high
  }

  /// Fills stages front to back as far as the bounds allow, leaving a layer for each later
  /// stage; whether the layers all fit. Taking as many layers as possible per stage covers at
  /// least as much as any feasible split does, so this decides feasibility exactly. (Called
  /// some 60 times per split by the bisections: it allocates nothing.)
  static func greedy(_ costs: Costs, stages: Int, time: Double, memory: Double) -> Bool {
    costs.layers.withUnsafeBufferPointer { layers in
      var next = 0
      for stage in 0..<stages {
        let isLast = stage == stages - 1
        var stageTime = isLast ? costs.lastStageTime : 0
        var stageMemory =
          (stage == 0 ? costs.firstStageMemory : 0) + (isLast ? costs.lastStageMemory : 0)
        let most = layers.count - next - (stages - stage - 1)
        var taken = 0
        while taken < most {
          let bytes = layers[next + taken]
          if stageTime + bytes > time || stageMemory + bytes > memory { break }
          stageTime += bytes
          stageMemory += bytes
          taken += 1
        }
        if taken == 0 || (isLast && taken < most) { return false }
        next += taken
      }
      return true
    }
  }
}
