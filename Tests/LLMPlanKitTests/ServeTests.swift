import LLMPlanTestSupport
import Testing

@testable import LLMPlanKit

/// The serving simulation against what can be worked out by hand: an idle system, a
/// saturated one, Little's law, a three-request timeline, determinism.
@Suite("Serving simulation")
struct ServeTests {
  static let h100 = Deployment(model: model("llama-3.1-8b"), gpu: gpu("h100"))
  static let efficiency = Calibration.of(
    gpu: gpu("h100"), precision: .bf16, engine: EngineRegistry.newest(.vllm)
  ).efficiency

  static func serve(_ requests: [TracedRequest], targets: [LatencyTarget] = []) throws
    -> ServePlan
  {
    try Planner.serve(
      ServeRequest(deployment: h100, tp: 1, traffic: .trace(requests), targets: targets))
  }

  static func prefill(_ tokens: Int) -> Double {
    PrefillStep.evaluate(
      h100, layout: Layout(tp: 1, pp: 1), stageLayers: [32], sequences: 1, promptTokens: tokens,
      efficiency: efficiency
    ).seconds
  }

  static func decode(_ sequences: Int, context: Int) -> Double {
    DecodeStep.evaluate(
      h100, layout: Layout(tp: 1, pp: 1), stageLayers: [32], sequencesPerGroup: sequences,
      context: context, efficiency: efficiency
    ).cycleSeconds
  }

  // Far below capacity every request is alone: TTFT is one prompt's prefill (2,048 tokens, a
  // power of two, so the iteration clock's buckets are exact), TPOT one sequence's decode step
  // at a context from 2,049 to 2,303 tokens (the clock rounds contexts up by at most 1/16).
  // Three requests 100 s apart also give the hand timeline: each finishes at its arrival +
  // prefill + 255 decode steps.
  @Test func idleSystem() throws {
    let requests = [0.0, 100, 200].map {
      TracedRequest(arrival: $0, inputTokens: 2048, outputTokens: 256)
    }
    let plan = try Self.serve(requests)
    let outcomes = plan.simulation.outcomes
    #expect(outcomes.count == 3)
    let prefill = Self.prefill(2048)
    let low = Self.decode(1, context: 2049)
    let high = Self.decode(1, context: 2304)
    for (outcome, request) in zip(outcomes, requests) {
      #expect(approx(outcome.ttft, prefill, relative: 1e-12))
      #expect(outcome.queue == 0)
      #expect(outcome.tpot >= low && outcome.tpot <= high)
      #expect(
        approx(outcome.finish, request.arrival + prefill + 255 * outcome.tpot, relative: 1e-12))
    }
    #expect(plan.simulation.preemptions == 0)
  }

  // A trace of three overlapping requests, timed iteration by iteration by hand with the
  // same clock: A and B (1,000 tokens in, 3 out) arrive at 0 and are prefilled together in
  // iteration 1 (2,000 tokens, under the 8,192-token budget), which gives both their first
  // token. C (1,000 in, 3 out) arrives halfway through iteration 1, so it waits until
  // iteration 2, which decodes A and B (context 1,001 each) and prefills C. Iteration 3
  // decodes all three (contexts 1,002, 1,002 and 1,001: mean 1,001) and gives A and B their
  // third and last token; iteration 4 decodes C alone (context 1,002): its third token.
  @Test func threeRequestTimeline() throws {
    var clock = IterationClock(
      Self.h100, layout: Layout(tp: 1, pp: 1), stageLayers: [32], efficiency: Self.efficiency)
    let i1 = clock.seconds(decode: 0, decodeContext: 0, prefillTokens: 2000, prefillContext: 1000)
    let i2 = clock.seconds(
      decode: 2, decodeContext: 1001, prefillTokens: 1000, prefillContext: 1000)
    let i3 = clock.seconds(decode: 3, decodeContext: 1001, prefillTokens: 0, prefillContext: 0)
    let i4 = clock.seconds(decode: 1, decodeContext: 1002, prefillTokens: 0, prefillContext: 0)
    let requests = [
      TracedRequest(arrival: 0, inputTokens: 1000, outputTokens: 3),
      TracedRequest(arrival: 0, inputTokens: 1000, outputTokens: 3),
      TracedRequest(arrival: i1 / 2, inputTokens: 1000, outputTokens: 3),
    ]
    let outcomes = try Self.serve(requests).simulation.outcomes
    try #require(outcomes.count == 3)
    for ab in outcomes[0...1] {
      #expect(approx(ab.firstToken, i1, relative: 1e-12))
      #expect(approx(ab.finish, i1 + i2 + i3, relative: 1e-12))
    }
    let c = outcomes[2]
    #expect(approx(c.queue, i1 / 2, relative: 1e-12))
    #expect(approx(c.firstToken, i1 + i2, relative: 1e-12))
    #expect(approx(c.finish, i1 + i2 + i3 + i4, relative: 1e-12))
    #expect(approx(c.tpot, (i3 + i4) / 2, relative: 1e-12))
  }

  // Without chunked prefill (TensorRT-LLM's default), a prompt runs whole. With a budget of
  // 2,048 tokens, A's 2,048-token prompt fills iteration 1; B's cannot fit beside A's decode
  // (2,048 > 2,047), so iteration 2 runs B's prompt alone: B's first token comes after two
  // lone prefills, and A's second token only after iteration 3.
  @Test func wholePromptsWithoutChunkedPrefill() throws {
    let deployment = Deployment(
      model: model("llama-3.1-8b"), gpu: gpu("h100"),
      engine: ServingEngine(.trtllm, maxBatchedTokens: 2048))
    let efficiency = Calibration.of(
      gpu: gpu("h100"), precision: .bf16, engine: deployment.engine.profile
    ).efficiency
    let prefill = PrefillStep.evaluate(
      deployment, layout: Layout(tp: 1, pp: 1), stageLayers: [32], sequences: 1,
      promptTokens: 2048, efficiency: efficiency
    ).seconds
    let requests = [0.0, 0].map {
      TracedRequest(arrival: $0, inputTokens: 2048, outputTokens: 8)
    }
    let plan = try Planner.serve(
      ServeRequest(deployment: deployment, tp: 1, traffic: .trace(requests)))
    let outcomes = plan.simulation.outcomes
    try #require(outcomes.count == 2)
    #expect(approx(outcomes[0].ttft, prefill, relative: 1e-12))
    #expect(approx(outcomes[1].ttft, 2 * prefill, relative: 1e-12))
    #expect(approx(outcomes[1].queue, prefill, relative: 1e-12))
    #expect(plan.settings.chunkedPrefill == false)
  }

  // 256 requests of 16 tokens in, 64 out, all at time 0: one iteration prefills all 4,096
  // prompt tokens (under vLLM's 8,192-token budget on an H100, 1,024 sequences), then 63
  // steps decode all 256 sequences at contexts 17 to 79. Throughput = 256 · 64 / (that
  // prefill + the 63 decode steps); the clock's context buckets cost at most 6 % per step.
  @Test func saturatedSteadyState() throws {
    let requests = (0..<256).map { _ in
      TracedRequest(arrival: 0, inputTokens: 16, outputTokens: 64)
    }
    let plan = try Self.serve(requests)
    let prefill = PrefillStep.evaluate(
      Self.h100, layout: Layout(tp: 1, pp: 1), stageLayers: [32], sequences: 1,
      promptTokens: 4096, efficiency: Self.efficiency
    ).seconds
    let decode = (17...79).reduce(0.0) { $0 + Self.decode(256, context: $1) }
    let expected = Double(256 * 64) / (prefill + decode)
    #expect(plan.simulation.iterations == 64)
    #expect(plan.outputTokensPerSecond <= expected * 1.0001)
    #expect(plan.outputTokensPerSecond >= expected / 1.06)
  }

  // perf --max-throughput is the simulation's saturated steady state. 6,000 requests of 512
  // tokens in and 64 to 192 out (128 on average, spread evenly so that finishing times do not
  // stay in lockstep), all at time 0 on TensorRT-LLM's no-evict scheduler, keep the batch
  // full for most of the run. Between a quarter and three quarters of the span (past the
  // ramp, before the drain) output tokens come at the steady state's rate: decodes per
  // iteration / iteration seconds. The simulation's clock rounds contexts and chunks up (at
  // most 6 % more work) and its batch breathes as requests finish, so the two agree within
  // 8 %.
  @Test func perfMaxThroughputIsTheSimulationsSteadyState() throws {
    let deployment = Deployment(
      model: model("llama-3.1-8b"), gpu: gpu("h100"),
      engine: ServingEngine(.trtllm))
    let query = ServingQuery(
      deployment: deployment, layout: Layout(tp: 1, pp: 1),
      shape: RequestShape(input: 512, output: 128))
    let steady = try #require(query.saturated())
    let requests = (0..<6000).map {
      TracedRequest(arrival: 0, inputTokens: 512, outputTokens: 64 + ($0 * 37) % 129)
    }
    let plan = try Planner.serve(
      ServeRequest(deployment: deployment, tp: 1, traffic: .trace(requests)))
    let span = plan.simulation.span
    let window = (span * 0.25)...(span * 0.75)
    let tokens = plan.simulation.outcomes.filter { window.contains($0.finish) }
      .reduce(0) { $0 + $1.outputTokens }
    let simulated = Double(tokens) / (span * 0.5)
    #expect(plan.simulation.preemptions == 0)
    #expect(steady.batch == steady.expected.steady?.running)
    #expect(approx(simulated, steady.outputTokensPerSecond, relative: 0.08))
  }

  // Little's law: the time-average number of requests in the system (measured by the
  // scheduler, iteration by iteration) equals the arrival rate × the mean latency.
  @Test func littlesLaw() throws {
    let plan = try Planner.serve(
      ServeRequest(
        deployment: Self.h100, tp: 1,
        traffic: .poisson(
          count: 2000, rate: 8, shape: RequestShape(input: 512, output: 128), seed: 7)))
    let lambda = Double(plan.simulation.outcomes.count) / plan.simulation.span
    #expect(approx(plan.simulation.meanInSystem, lambda * plan.e2e.mean, relative: 0.02))
  }

  // The same seed gives the same run; another seed another.
  @Test func deterministic() throws {
    func run(_ seed: UInt64) throws -> [ServeSimulation.RequestOutcome] {
      try Planner.serve(
        ServeRequest(
          deployment: Self.h100, tp: 1,
          traffic: .poisson(
            count: 300, rate: 20, shape: RequestShape(input: 1000, output: 200), seed: seed))
      ).simulation.outcomes
    }
    #expect(try run(3) == run(3))
    #expect(try run(3) != run(4))
  }

  // Poisson arrivals: 20,000 gaps at 4 requests/s average 0.25 s (standard error 0.25 /
  // √20,000 = 0.0018 s).
  @Test func poissonGaps() {
    let requests = Arrivals.poisson(
      count: 20_000, rate: 4, inputTokens: 1, outputTokens: 1, seed: 1)
    let mean = requests.last!.arrival / Double(requests.count)
    #expect(abs(mean - 0.25) < 0.0055)
    let none = Arrivals.poisson(count: 5, rate: nil, inputTokens: 1, outputTokens: 1, seed: 1)
    #expect(none.allSatisfy { $0.arrival == 0 })
  }

  // Targets: met ones pass, a missed one gives the verdict with the simulated value.
  @Test func targets() throws {
    let requests = [TracedRequest(arrival: 0, inputTokens: 2048, outputTokens: 16)]
    let prefill = Self.prefill(2048)
    let met = try Self.serve(requests, targets: [LatencyTarget(.ttft, percentile: 99, seconds: 1)])
    #expect(met.verdict == .fits)
    #expect(met.goodput == 1)
    let missed = try Self.serve(
      requests, targets: [LatencyTarget(.ttft, percentile: 99, seconds: prefill / 2)])
    guard case .missesTargets(let results) = missed.verdict else {
      Issue.record("expected a missed target")
      return
    }
    #expect(approx(results[0].value, prefill, relative: 1e-12))
    #expect(missed.goodput == 0)
  }

  // A request longer than the KV cache can hold is refused before simulating.
  @Test func requestTooLong() {
    let requests = [TracedRequest(arrival: 0, inputTokens: 4_000_000, outputTokens: 1)]
    #expect(throws: PlanError.self) { try Self.serve(requests) }
  }

  // Sizing to targets: the answer meets every target, and no candidate with fewer GPUs does
  // (each replica layout's fewest meeting replicas were found by bisection, so every cheaper
  // candidate tried missed); a target nothing meets gives the closest candidate.
  @Test func sizingToTargets() {
    let targets = [
      LatencyTarget(.ttft, percentile: 99, seconds: 2),
      LatencyTarget(.tpot, percentile: 99, seconds: 0.05),
    ]
    let sizing = Planner.sizeTraffic(
      TrafficSizingRequest(
        deployment: Self.h100, shape: RequestShape(input: 1000, output: 200), rate: 30,
        requests: 300, targets: targets, maxGPUs: 16))
    let best = sizing.best!
    let allMet = best.plan.targetResults.allSatisfy { $0.met }
    #expect(allMet)
    let cheaper = sizing.candidates.filter { $0.gpus < best.gpus }
    #expect(cheaper.allSatisfy { !$0.meets })
    #expect(sizing.verdict == .fits)
    let impossible = Planner.sizeTraffic(
      TrafficSizingRequest(
        deployment: Self.h100, shape: RequestShape(input: 1000, output: 200), rate: 30,
        requests: 100, targets: [LatencyTarget(.tpot, percentile: 99, seconds: 1e-4)],
        maxGPUs: 4))
    #expect(impossible.best == nil)
    #expect(impossible.closest != nil)
    guard case .missesTargets = impossible.verdict else {
      Issue.record("expected a miss")
      return
    }
  }

  // Disaggregation on 2 H100s of one node: one prefill and one decode replica. KV moves over
  // NVLink at 450 GB/s per direction: 131,072 B per token / 450e9 B/s = 0.291 µs per prompt
  // token. A lone request's TTFT is its prefill, as aggregated.
  @Test func disaggregation() throws {
    let requests = [0.0, 100].map {
      TracedRequest(arrival: $0, inputTokens: 2048, outputTokens: 64)
    }
    let plan = try Planner.disaggregate(
      ServeRequest(deployment: Self.h100, tp: 1, traffic: .trace(requests)), gpus: 2)
    #expect(plan.splits.count == 1)
    let split = plan.splits[0]
    #expect(split.prefillReplicas == 1 && split.decodeReplicas == 1)
    #expect(approx(split.transferSecondsPerToken, 131_072 / 450e9, relative: 1e-9))
    #expect(approx(split.ttft.p50, Self.prefill(2048), relative: 1e-12))
    #expect(approx(plan.aggregated.ttft.p50, Self.prefill(2048), relative: 1e-12))
    #expect(throws: PlanError.self) {
      try Planner.disaggregate(
        ServeRequest(deployment: Self.h100, tp: 1, traffic: .trace(requests)), gpus: 1)
    }
  }

  // Pipeline stages: a lone prompt crosses them one after another (plus the sends between
  // them), exactly perf's prefill over the same split.
  @Test func pipelinePrompt() throws {
    let requests = [TracedRequest(arrival: 0, inputTokens: 2048, outputTokens: 8)]
    let plan = try Planner.serve(
      ServeRequest(deployment: Self.h100, tp: 1, pp: 2, traffic: .trace(requests)))
    let prefill = PrefillStep.evaluate(
      Self.h100, layout: Layout(tp: 1, pp: 2), stageLayers: plan.stageLayers, sequences: 1,
      promptTokens: 2048, efficiency: Self.efficiency)
    #expect(approx(plan.ttft.p50, prefill.seconds, relative: 1e-12))
    #expect(plan.ttft.p50 > Self.prefill(2048))
  }
}
