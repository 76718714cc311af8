/// Seconds of one engine iteration of a replica under continuous batching: the running
/// sequences' decode tokens plus the prompt chunks scheduled with them
/// (``PassShape/stage(layers:isLast:work:layout:tensorLink:expertLink:efficiency:)``), with
/// pipeline stages running micro-batches as a decode step does (``DecodeStep``): the longer
/// of one micro-batch's trip through the stages and the slowest stage's busy time, so a lone
/// prompt crosses the stages in sequence and a full batch keeps every stage busy.
///
/// Iterations repeat with nearly the same work, so their times are kept by bucket: decode
/// sequences exactly, contexts and prompt-chunk tokens rounded up to 1/16 of their power of
/// two (at most 6 % more work than asked).
struct IterationClock {
  let shape: PassShape
  let layout: Layout
  let stageLayers: [Int]
  let efficiency: Efficiency
  let tensorLink: Topology.Interconnect
  let expertLink: Topology.Interconnect
  private var cache: [StepWork: Double] = [:]

  init(_ deployment: Deployment, layout: Layout, stageLayers: [Int], efficiency: Efficiency) {
    shape = PassShape(deployment)
    self.layout = layout
    self.stageLayers = stageLayers
    self.efficiency = efficiency
    tensorLink = deployment.topology.link(forGroupOf: layout.tp)
    expertLink = deployment.topology.link(forGroupOf: layout.expertGroup)
  }

  /// `value` rounded up to 1/16 of its power of two (small values to 16).
  static func bucket(_ value: Int) -> Int {
    guard value > 16 else { return value <= 0 ? 0 : 16 }
    var power = 1
    while power * 2 <= value { power *= 2 }
    let step = max(power / 16, 1)
    return (value + step - 1) / step * step
  }

  /// Seconds for `decode` sequences at `decodeContext` tokens each plus `prefillTokens` prompt
  /// tokens (of one or more prompts) ending at `prefillContext`.
  mutating func seconds(decode: Int, decodeContext: Int, prefillTokens: Int, prefillContext: Int)
    -> Double
  {
    let key = StepWork(
      decodeSequences: decode, decodeContext: decode > 0 ? Self.bucket(decodeContext) : 0,
      prefillSequences: prefillTokens > 0 ? 1 : 0,
      prefillTokens: Self.bucket(prefillTokens),
      prefillContext: prefillTokens > 0
        ? max(Self.bucket(prefillContext), Self.bucket(prefillTokens)) : 0)
    return seconds(key)
  }

  /// Seconds for exactly `work`.
  mutating func seconds(_ work: StepWork) -> Double {
    if let known = cache[work] { return known }
    let value = evaluate(work)
    cache[work] = value
    return value
  }

  private func evaluate(_ work: StepWork) -> Double {
    // Decodes split over up to pp micro-batches; a prompt chunk stays in one of them.
    let micro = max(1, min(layout.pp, work.decodeSequences))
    var light = work
    light.decodeSequences = (work.decodeSequences + micro - 1) / micro
    light.prefillSequences = 0
    light.prefillTokens = 0
    light.prefillContext = 0
    var heavy = light
    heavy.prefillSequences = work.prefillSequences
    heavy.prefillTokens = work.prefillTokens
    heavy.prefillContext = work.prefillContext
    func stageSeconds(_ share: StepWork) -> [Double] {
      var start = 0
      return stageLayers.enumerated().map { index, layers in
        defer { start += layers }
        return shape.stage(
          layers: start..<(start + layers), isLast: index == stageLayers.count - 1, work: share,
          layout: layout, tensorLink: tensorLink, expertLink: expertLink, efficiency: efficiency
        ).seconds
      }
    }
    let heavyStages = stageSeconds(heavy)
    let transfer = shape.transferSeconds(
      tokens: heavy.decodeSequences + heavy.prefillTokens, layout: layout, efficiency: efficiency)
    let trip = heavyStages.reduce(0, +) + Double(layout.pp - 1) * transfer
    guard micro > 1 else { return trip }
    let lightBusiest = (stageSeconds(light).max() ?? 0) + transfer
    let busy = (heavyStages.max() ?? 0) + transfer + Double(micro - 1) * lightBusiest
    return max(trip, busy)
  }
}
