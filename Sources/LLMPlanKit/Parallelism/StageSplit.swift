/// Assigns decoder layers to pipeline stages.
///
/// vLLM's rule (`get_pp_indices`): every stage gets ⌊layers / pp⌋; the remainder goes one each
/// to the stages just before the last, so the last stage, which also holds the LM head, stays
/// light. 32 layers over 4 stages = 8 each; 80 over 3 = 27, 27, 26.
public enum StageSplit {
  /// Layer counts per stage; empty if `pp` is not in 1...layers.
  public static func counts(layers: Int, stages pp: Int) -> [Int] {
    guard pp >= 1, pp <= layers else { return [] }
    var counts = [Int](repeating: layers / pp, count: pp)
    let remainder = layers % pp
    if remainder > 0 {
      for offset in 2...(remainder + 1) {
        counts[(pp - offset + pp) % pp] += 1
      }
    }
    return counts
  }

  /// Layer index ranges per stage.
  public static func ranges(layers: Int, stages pp: Int) -> [Range<Int>] {
    var start = 0
    return counts(layers: layers, stages: pp).map { count in
      defer { start += count }
      return start..<(start + count)
    }
  }
}
