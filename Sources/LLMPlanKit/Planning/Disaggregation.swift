/// Disaggregated serving (prefill/decode pools, "xPyD", as SGLang's and vLLM's PD
/// disaggregation and NVIDIA Dynamo run it): `x` replicas only prefill prompts and send each
/// prompt's KV cache to one of `y` replicas that only decode, against the same GPUs serving
/// both phases together.
///
/// Each request's prompt is prefilled in the prefill pool (its first output token comes from
/// there: TTFT), its KV crosses the link between the pools (NVLink inside a node, the network
/// between nodes) at the KV format's bytes per token, then it queues in the decode pool, which
/// admits it by KV blocks as any request and decodes the rest. Both pools are simulated by
/// ``ServeSimulation`` with the engine profile's scheduler.
public struct DisaggregatedRun: Sendable {
  public let prefillReplicas: Int
  public let decodeReplicas: Int
  public let replica: Layout
  /// Seconds to move one token's KV between the pools.
  public let transferSecondsPerToken: Double
  public let ttft: LatencySummary
  public let tpot: LatencySummary
  public let e2e: LatencySummary
  public let outputTokensPerSecond: Double
  public let targetResults: [LatencyTarget.Result]

  public var gpus: Int { (prefillReplicas + decodeReplicas) * replica.gpusPerReplica }
  /// Worst ratio of simulated value to target (≤ 1 meets every target).
  public var worstRatio: Double {
    targetResults.map { $0.value / $0.target.seconds }.max() ?? 0
  }
}

/// Every prefill/decode split of `gpus` GPUs, against aggregated serving on the same GPUs.
public struct DisaggregationPlan: Sendable {
  public let aggregated: ServePlan
  public let splits: [DisaggregatedRun]
  /// The split that meets the targets with the widest margin (without targets, the lowest p99
  /// end-to-end latency).
  public var best: DisaggregatedRun? {
    splits.min { a, b in
      a.targetResults.isEmpty
        ? a.e2e.p99 < b.e2e.p99 : (a.worstRatio, a.e2e.p99) < (b.worstRatio, b.e2e.p99)
    }
  }

  public var verdict: Verdict {
    guard let best else { return aggregated.verdict }
    let aggregatedMeets = aggregated.targetResults.allSatisfy(\.met)
    return best.targetResults.allSatisfy(\.met) || aggregatedMeets
      ? .fits : .missesTargets(best.targetResults)
  }
}

extension Planner {
  /// Most splits one disaggregation simulates; with more replicas, this many evenly spaced
  /// prefill counts from 1 to replicas − 1, fewer when the traffic is long
  /// (``disaggregationTokenBudget``).
  public static let disaggregationSplitLimit = 16
  /// Output tokens the splits together may simulate (each split runs the traffic twice, once
  /// per pool): about half a second.
  public static let disaggregationTokenBudget = 4_000_000

  /// The prefill counts simulated for `replicas` replicas of traffic with `tokens` output
  /// tokens: every one from 1 to replicas − 1 when few, else evenly spaced ones with both ends.
  static func disaggregationSplits(replicas: Int, tokens: Int) -> [Int] {
    let all = Array(1..<max(replicas, 2))
    let allowed = max(
      2, min(disaggregationSplitLimit, disaggregationTokenBudget / max(tokens, 1)))
    guard all.count > allowed else { return all }
    let picked = (0..<allowed).map { step in
      1 + Int((Double(step) * Double(all.count - 1) / Double(allowed - 1)).rounded())
    }
    return Array(Set(picked)).sorted()
  }

  /// Splits `gpus` GPUs into prefill and decode replicas of the request's replica layout (x
  /// from 1 to replicas − 1, ``disaggregationSplits(replicas:tokens:)``) and simulates each
  /// split and the aggregated deployment.
  public static func disaggregate(_ request: ServeRequest, gpus: Int) throws(PlanError)
    -> DisaggregationPlan
  {
    // The replica layout: the request's, else the fewest GPUs that hold a request.
    let probe = try serve(
      ServeRequest(
        deployment: request.deployment, tp: request.tp, pp: request.pp, dp: 1,
        traffic: .trace(Array(request.requests.prefix(1))), efficiency: request.efficiency))
    let replica = Layout(tp: probe.layout.tp, pp: probe.layout.pp)
    let count = gpus / replica.gpusPerReplica
    guard count >= 2, gpus % replica.gpusPerReplica == 0 else {
      throw .disaggregationNeedsTwoReplicas(gpus: gpus, replica: replica)
    }
    let aggregated = try serve(
      ServeRequest(
        deployment: request.deployment, tp: replica.tp, pp: replica.pp, dp: count,
        traffic: request.traffic, efficiency: request.efficiency,
        prefixCacheHit: request.prefixCacheHit, targets: request.targets))
    let requests = request.requests
    let deployment = request.deployment
    let kvPerToken = KVCache.bytesPerToken(deployment.kvModel, precision: deployment.kvPrecision)
    let link = deployment.topology.link(forGroupOf: gpus)
    let perToken = kvPerToken / link.bytesPerSecond
    var splits: [DisaggregatedRun] = []
    let outputTokens = requests.reduce(0) { $0 + $1.outputTokens }
    for prefill in disaggregationSplits(replicas: count, tokens: outputTokens) {
      let prompts = requests.map {
        TracedRequest(arrival: $0.arrival, inputTokens: $0.inputTokens, outputTokens: 1)
      }
      let prefillPlan = try serve(
        ServeRequest(
          deployment: deployment, tp: replica.tp, pp: replica.pp, dp: prefill,
          traffic: .trace(prompts), efficiency: request.efficiency,
          prefixCacheHit: request.prefixCacheHit))
      let firstTokens = prefillPlan.simulation.outcomes.map(\.firstToken)
      // Hand-overs in time order, as the decode pool receives them.
      let handed = zip(requests, firstTokens).enumerated().map { index, pair in
        (
          index: index,
          request: TracedRequest(
            arrival: pair.1 + Double(pair.0.inputTokens) * perToken,
            inputTokens: pair.0.inputTokens, outputTokens: pair.0.outputTokens,
            prefilled: true)
        )
      }.filter { $0.request.outputTokens > 1 }.sorted { $0.request.arrival < $1.request.arrival }
      var finish = firstTokens
      if !handed.isEmpty {
        let decodePlan = try serve(
          ServeRequest(
            deployment: deployment, tp: replica.tp, pp: replica.pp, dp: count - prefill,
            traffic: .trace(handed.map(\.request)), efficiency: request.efficiency))
        for (hand, outcome) in zip(handed, decodePlan.simulation.outcomes) {
          finish[hand.index] = outcome.finish
        }
      }
      let ttfts = zip(requests, firstTokens).map { $1 - $0.arrival }
      let tpots = zip(requests, zip(firstTokens, finish)).compactMap { request, times in
        request.outputTokens > 1
          ? (times.1 - times.0) / Double(request.outputTokens - 1) : nil
      }
      let e2es = zip(requests, finish).map { $1 - $0.arrival }
      let ttft = LatencySummary(ttfts)
      let tpot = LatencySummary(tpots)
      let e2e = LatencySummary(e2es)
      let span = max((finish.max() ?? 0) - (requests.first?.arrival ?? 0), 1e-12)
      let tokens = requests.reduce(0) { $0 + $1.outputTokens }
      let results = LatencyTarget.results(request.targets, ttft: ttft, tpot: tpot, e2e: e2e)
      splits.append(
        DisaggregatedRun(
          prefillReplicas: prefill, decodeReplicas: count - prefill, replica: replica,
          transferSecondsPerToken: perToken, ttft: ttft, tpot: tpot, e2e: e2e,
          outputTokensPerSecond: Double(tokens) / span, targetResults: results))
    }
    return DisaggregationPlan(aggregated: aggregated, splits: splits)
  }
}
