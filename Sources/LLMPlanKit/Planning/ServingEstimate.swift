/// A deployment to estimate: one layout serving requests of ``shape`` tokens in and out.
public struct ServingQuery: Sendable, Hashable {
  public let deployment: Deployment
  /// TP × PP per replica, DP replicas (EP is not estimated here).
  public let layout: Layout
  public let shape: RequestShape
  public let efficiency: EfficiencyRange
  /// USD per GPU-hour; `nil` takes the catalog's indicative price.
  public let pricePerHour: Double?
  /// The pipeline split every estimate uses (balanced, as `layouts` and `--emit` use),
  /// computed once.
  public let stageLayers: [Int]

  public init(
    deployment: Deployment, layout: Layout, shape: RequestShape,
    efficiency: EfficiencySetting = .calibrated, pricePerHour: Double? = nil
  ) {
    self.deployment = deployment
    self.layout = layout
    self.shape = shape
    self.efficiency = efficiency.resolve(
      gpu: deployment.gpu, precision: deployment.precision, engine: deployment.engine.profile)
    self.pricePerHour = pricePerHour
    stageLayers = deployment.balancedStages(
      Layout(tp: layout.tp, pp: layout.pp), Workload(context: shape.tokens, sequences: 1))
  }

  public var price: Double? { pricePerHour ?? deployment.gpu.pricePerHour }
  /// Tokens each sequence holds at its end: input + output.
  public var sequenceTokens: Int { shape.tokens }
  /// One replica: the layout without its data-parallel copies.
  public var replica: Layout { Layout(tp: layout.tp, pp: layout.pp) }

  /// Sequences one replica's KV cache holds at ``sequenceTokens`` each, capped by the
  /// engine's running-sequence limit; `nil` when not even one fits.
  public var maxBatch: Int? {
    guard
      let capacity = KVCapacity.of(
        deployment, layout: replica, context: sequenceTokens, stageLayers: stageLayers)
    else { return nil }
    let holds = Int(capacity.maxConcurrency.rounded(.down))
    guard holds >= 1 else { return nil }
    return min(holds, deployment.maxSequences)
  }

  /// The saturated steady state of continuous batching (``SteadyState``): the most one
  /// replica delivers at full load, under the engine's scheduler limits and KV capacity, on
  /// the iteration model ``ServeSimulation`` runs; `nil` when not even one sequence fits.
  public func saturated() -> ServingEstimate? {
    guard
      let capacity = KVCapacity.of(
        deployment, layout: replica, context: sequenceTokens, stageLayers: stageLayers)
    else { return nil }
    let settings = deployment.servingSettings(
      replica: replica, capacity: capacity, context: sequenceTokens)
    func timing(_ efficiency: Efficiency) -> ServingEstimate.Timing? {
      var clock = IterationClock(
        deployment, layout: replica, stageLayers: stageLayers, efficiency: efficiency)
      guard let steady = SteadyState.of(shape, settings: settings, clock: &clock) else {
        return nil
      }
      let prefill = PrefillStep.evaluate(
        deployment, layout: replica, stageLayers: stageLayers, sequences: 1,
        promptTokens: shape.input, efficiency: efficiency)
      let decode = DecodeStep.evaluate(
        deployment, layout: replica, stageLayers: stageLayers,
        sequencesPerGroup: steady.decodes, context: shape.input + shape.output / 2,
        efficiency: efficiency)
      return .init(prefill: prefill, decode: decode, steady: steady, outputTokens: shape.output)
    }
    guard let expected = timing(efficiency.expected), let steady = expected.steady,
      let low = timing(efficiency.optimistic), let high = timing(efficiency.pessimistic),
      let placement = deployment.place(
        replica, Workload(context: steady.heldTokens, sequences: steady.running),
        stageLayers: stageLayers)
    else { return nil }
    return ServingEstimate(
      query: self, batch: steady.running, placement: placement, expected: expected, low: low,
      high: high)
  }

  /// Estimates `batch` sequences per replica arriving together: a static batch, prefilled
  /// together, then decoded together.
  public func estimate(batch: Int) -> ServingEstimate {
    let batch = max(1, batch)
    let split = stageLayers
    let placement = deployment.place(
      replica, Workload(context: sequenceTokens, sequences: batch), stageLayers: split)!
    func timing(_ efficiency: Efficiency) -> ServingEstimate.Timing {
      let prefill = PrefillStep.evaluate(
        deployment, layout: replica, stageLayers: split, sequences: batch,
        promptTokens: shape.input, efficiency: efficiency)
      let decode = DecodeStep.evaluate(
        deployment, layout: replica, stageLayers: split, sequencesPerGroup: batch,
        context: shape.input + shape.output / 2, efficiency: efficiency)
      return .init(prefill: prefill, decode: decode, outputTokens: shape.output)
    }
    return ServingEstimate(
      query: self, batch: batch, placement: placement, expected: timing(efficiency.expected),
      low: timing(efficiency.optimistic), high: timing(efficiency.pessimistic))
  }
}

/// What one replica delivers at one batch size.
public struct ServingEstimate: Sendable, Hashable {
  /// The passes behind one estimate and the times they give.
  public struct Timing: Sendable, Hashable {
    public let prefill: PrefillStep
    /// One decode step at the average context, input + output / 2.
    public let decode: DecodeStep
    /// Seconds to the first output token: the batch's prompts, prefilled together.
    public let ttftSeconds: Double
    /// Seconds per output token after the first.
    public let tpotSeconds: Double
    /// Seconds from arrival to the last output token: TTFT + (output − 1) · TPOT.
    public let requestLatencySeconds: Double
    /// At full load (``ServingQuery/saturated()``): the continuous-batching steady state
    /// the times come from; `nil` for a static batch.
    public let steady: SteadyState?

    init(prefill: PrefillStep, decode: DecodeStep, outputTokens: Int) {
      self.prefill = prefill
      self.decode = decode
      steady = nil
      ttftSeconds = prefill.seconds
      tpotSeconds = decode.cycleSeconds
      requestLatencySeconds = ttftSeconds + Double(outputTokens - 1) * tpotSeconds
    }

    /// TTFT and TPOT from the steady state's iterations; the steps are kept for their
    /// breakdown (one prompt alone, one decode step of the steady state's decodes).
    init(prefill: PrefillStep, decode: DecodeStep, steady: SteadyState, outputTokens: Int) {
      self.prefill = prefill
      self.decode = decode
      self.steady = steady
      ttftSeconds = steady.ttftSeconds
      tpotSeconds = steady.iterationSeconds
      requestLatencySeconds = ttftSeconds + Double(outputTokens - 1) * tpotSeconds
    }
  }

  public let query: ServingQuery
  /// Sequences per replica.
  public let batch: Int
  /// Memory per GPU while holding the batch at full length.
  public let placement: Placement
  public let expected: Timing
  /// Faster and slower ends of the range (``EfficiencyRange``).
  public let low: Timing
  public let high: Timing

  public var fits: Bool { placement.fits }
  /// GPUs of one replica.
  public var gpusPerReplica: Int { query.replica.gpus }
  /// Output tokens per second of one replica: the steady state's at full load, else
  /// batch · output tokens / request latency.
  public var outputTokensPerSecond: Double {
    expected.steady?.outputTokensPerSecond
      ?? Double(batch * query.shape.output) / expected.requestLatencySeconds
  }
  public var outputTokensPerSecondPerGPU: Double {
    outputTokensPerSecond / Double(gpusPerReplica)
  }
  /// USD per hour for every GPU of the layout, DP replicas included.
  public var costPerHour: Double? { query.price.map { $0 * Double(query.layout.gpus) } }
  /// USD per million output tokens at full load.
  public var costPerMillionOutputTokens: Double? {
    query.price.map { $0 * Double(gpusPerReplica) / 3600 / outputTokensPerSecond * 1e6 }
  }
}
