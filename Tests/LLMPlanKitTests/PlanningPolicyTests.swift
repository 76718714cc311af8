import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// The planning defaults each entry point applies, and the verdicts it returns.
@Suite("Planning policy")
struct PlanningPolicyTests {
  var llama70BOnH100: Deployment { Deployment(model: model("llama3-70b"), gpu: gpu("h100")) }

  // Without --tp, perf takes the fewest GPUs that hold one request of input + output tokens:
  // at 2,048 + 256 tokens TP2 leaves 0.21 GiB for KV (see PlannerTests) where one sequence needs
  // 2,304 · 327,680 / 2 B = 0.35 GiB, so 3 GPUs (TP1 × PP3) is the fewest.
  @Test func perfDefaultLayoutIsTheFewestThatFit() throws {
    let plan = try Planner.perf(PerfRequest(deployment: llama70BOnH100))
    #expect(plan.query?.layout == Layout(tp: 1, pp: 3))
    #expect(plan.estimates.map(\.batch) == [1])
    #expect(plan.verdict == .fits)
  }

  @Test func perfRejectsAnImpossibleLayout() {
    #expect(
      throws: PlanError.impossibleLayout(Layout(tp: 3, pp: 1), .headsNotDivisible(tp: 3, heads: 64))
    ) {
      try Planner.perf(PerfRequest(deployment: llama70BOnH100, tp: 3))
    }
  }

  // A batch the memory cannot hold is short by its heaviest GPU's overshoot.
  @Test func perfVerdictIsTheWorstBatch() throws {
    let plan = try Planner.perf(
      PerfRequest(deployment: llama70BOnH100, tp: 4, batches: [1, 4096]))
    let worst = try #require(plan.estimates.last)
    #expect(!worst.fits)
    #expect(plan.verdict == .short(by: .zero - worst.placement.memory.headroom, remedies: []))
  }

  // --max-throughput on a layout whose KV cache holds no sequence answers "impossible", not a
  // batch of zero.
  @Test func perfMaxThroughputWithNoRoom() throws {
    let plan = try Planner.perf(
      PerfRequest(
        deployment: llama70BOnH100, shape: RequestShape(input: 8000, output: 192), tp: 2,
        maxThroughput: true))
    #expect(plan.maxBatch == nil)
    #expect(plan.estimates.isEmpty)
    #expect(plan.verdict == .impossible([.noSequenceFits(context: 8192)], remedies: []))
  }

  // compare evaluates each GPU from the fewest GPUs that hold one request up to one server,
  // keeping a larger count only for 10 % more tokens/s per GPU, and sorts by cost.
  @Test func compareUsesTheBestCountAndSortsByCost() throws {
    let setup = ModelSetup(model: model("llama-3.1-8b"))
    let gpus = ["h100", "l4", "a100"].map(gpu)
    let comparison = Planner.compare(CompareRequest(setup: setup, gpus: gpus))
    for row in comparison.rows {
      let deployment = setup.deployment(on: row.gpu)
      let fewest = try #require(
        Planner.minimum(
          deployment, Workload(context: RequestShape.standard.tokens),
          limit: Planner.defaultSearchLimit))
      let count = try #require(row.gpus)
      #expect(count >= fewest.gpus && count <= deployment.topology.gpusPerNode)
    }
    let costs = comparison.rows.compactMap { $0.estimate?.costPerMillionOutputTokens }
    #expect(costs == costs.sorted())
    #expect(comparison.verdict == .fits)
    // Without --gpu, every GPU with a price.
    #expect(
      CompareRequest(setup: setup).gpus.map(\.id)
        == GPUCatalog.builtin.gpus.filter { $0.pricePerHour != nil }.map(\.id))
  }

  // kv reports on the fewest GPUs on which the engine starts and holds one token; a count with
  // no TP × PP layout is an input error.
  @Test func kvLayoutChoice() throws {
    let setup = ModelSetup(model: model("llama3-70b"))
    let plan = try Planner.kv(KVRequest(setup: setup, gpus: [gpu("h100")]))
    let fewest = Planner.minimum(
      setup.deployment(on: gpu("h100")), Workload(context: 1), limit: Planner.defaultSearchLimit)
    #expect(plan.budgets.first?.layout == fewest?.placement?.layout)
    #expect(plan.request.maxModelLen == 8192)
    #expect(plan.request.contexts == [1024, 2048, 4096, 8192])
    #expect(plan.request.batches == [8, 32, 128])
    // 8,192 / 16 − 5 = 507 … 8,192 / 2 − 5 = 4,091: none on a 16-token block boundary.
    #expect(plan.request.requests == [507, 1019, 2043, 4091])
    #expect(throws: PlanError.self) {
      try Planner.kv(KVRequest(setup: setup, gpus: [gpu("h100")], layout: .gpus(641)))
    }
  }

  // fit's three verdicts: fits; short by the checked count's overshoot (with remedies); and
  // impossible when no count within the limit fits.
  @Test func fitVerdicts() {
    #expect(Planner.fit(FitRequest(deployment: llama70BOnH100)).verdict == .fits)
    let two = Planner.fit(FitRequest(deployment: llama70BOnH100, gpus: 2))
    guard case .short(let bytes, let remedies) = two.verdict else {
      Issue.record("expected short, got \(two.verdict)")
      return
    }
    #expect(bytes == .zero - two.checked!.placement!.memory.headroom)
    #expect(remedies.first == .moreGPUs(3, Layout(tp: 1, pp: 3)))
    let none = Planner.fit(FitRequest(deployment: llama70BOnH100, maxGPUs: 2))
    #expect(none.verdict == .impossible([.nothingFits(limit: 2)], remedies: none.remedies))
    #expect(none.remedies.first == .moreGPUs(3, Layout(tp: 1, pp: 3)))
  }

  // layouts lays out the fewest GPUs that fit when no count is given, and says "impossible"
  // when none within the limit does (a million 2,048-token sequences of Falcon-180B on L4s).
  @Test func layoutsCount() {
    let table = Planner.layouts(LayoutsRequest(deployment: llama70BOnH100))
    #expect(table.search?.query.gpus == 3)
    let falcon = Deployment(model: model("falcon-180b"), gpu: gpu("l4"))
    let none = Planner.layouts(
      LayoutsRequest(deployment: falcon, context: 2048, concurrency: 1_000_000))
    #expect(none.search == nil)
    #expect(none.verdict == .impossible([.nothingFits(limit: 1024)], remedies: []))
  }

  // A derived curve defaults to the model's maximum context, as every other entry point.
  @Test func scaleDefaultsToTheModelsContext() {
    let plan = Planner.scale(
      .derived(llama70BOnH100, context: nil, concurrency: 1, gpus: ScaleRequest.defaultGPUCounts))
    #expect(plan.context == 8192)
    #expect(plan.curve.points.map(\.gpus) == [1, 2, 4, 8])
  }

  // A workload holds at least one token and one sequence, so no request can ask the remedies'
  // searches for an empty range.
  @Test func emptyWorkloadsClamp() {
    #expect(Workload(context: 0, sequences: -3) == Workload(context: 1, sequences: 1))
    let plan = Planner.fit(FitRequest(deployment: llama70BOnH100, context: 0, gpus: 1))
    #expect(plan.workload.context == 1)
  }

  // Several answers combine to the first impossibility, else the largest shortfall.
  @Test func combiningVerdicts() {
    let short: Verdict = .short(by: .gib(1), remedies: [])
    let shorter: Verdict = .short(by: .gib(2), remedies: [])
    let impossible: Verdict = .impossible([.nothingFits(limit: 8)], remedies: [])
    #expect(Verdict.combining([.fits, .fits]) == .fits)
    #expect(Verdict.combining([short, shorter, .fits]) == shorter)
    #expect(Verdict.combining([short, impossible]) == impossible)
  }
}
