/// Seconds of the collectives a layout runs in one forward pass, on its links
/// (``Topology/Interconnect``).
///
/// - TP: two all-reduces per layer of the step's activations; a ring over t GPUs sends
///   2(t − 1)/t of the message over the link and pays the call's latency (launch + 2(t − 1)
///   hops).
/// - EP: an all-to-all dispatch and combine per MoE layer; each GPU sends the share of its
///   tokens' k expert copies that live on the other GPUs of the expert group.
/// - PP: one point-to-point send of the activations per stage boundary.
///
/// Every call latency is multiplied by ``Efficiency/collectiveLatencyScale``.
enum Collectives {
  /// TP all-reduces of `layers` layers, each of `messageBytes`.
  static func tensorParallelSeconds(
    messageBytes: Double, layers: Int, tp: Int, link: Topology.Interconnect, latencyScale: Double
  ) -> Double {
    guard tp > 1 else { return 0 }
    let t = Double(tp)
    let ringSeconds = 2 * (t - 1) / t * messageBytes / link.bytesPerSecond
    let latencySeconds = link.allReduceLatencySeconds(gpus: tp) * latencyScale
    return 2 * Double(layers) * (latencySeconds + ringSeconds)
  }

  /// EP dispatch and combine of `moeLayers` layers; `messageBytes` is the step's activations,
  /// of which each of the tp GPUs sends k copies' share to the other GPUs of the expert group.
  static func expertParallelSeconds(
    messageBytes: Double, moeLayers: Int, expertsPerToken: Int, layout: Layout,
    link: Topology.Interconnect, latencyScale: Double
  ) -> Double {
    guard layout.ep > 1 else { return 0 }
    let tp = Double(layout.tp)
    let group = Double(layout.expertGroup)
    let sentBytes = messageBytes * Double(expertsPerToken) / tp * (group - 1) / group
    let latencySeconds = link.allToAllLatencySeconds(gpus: layout.expertGroup) * latencyScale
    return 2 * Double(moeLayers) * (latencySeconds + sentBytes / link.bytesPerSecond)
  }

  /// One send of `messageBytes` to the next pipeline stage.
  static func pipelineSendSeconds(
    messageBytes: Double, link: Topology.Interconnect, latencyScale: Double
  ) -> Double {
    link.sendLatencySeconds * latencyScale + messageBytes / link.bytesPerSecond
  }
}
