import LLMPlanKit

/// Options about where GPUs sit and which layout to prefer, shared by `layouts`, `scale` and
/// `fit`.
enum LayoutOptions {
  static let gpusPerNode = OptionSpec(
    name: "gpus-per-node", value: "N",
    help: "GPUs per server; TP stays inside one (default: the catalog's, 8 for most)")
  static let optimize = OptionSpec(
    name: "optimize", value: "GOAL",
    help: "rank by throughput (per GPU, default), latency, cost or memory")
  static let emit = OptionSpec(
    name: "emit", value: "ENGINE",
    help: "print the launch command for the recommended layout: vllm, sglang or trtllm")
  static let price = OptionSpec(
    name: "price", value: "USD", help: "$ per GPU-hour for cost (default: the catalog's)")

  static func topology(
    _ invocation: Invocation, gpu: GPUSpec?, into reader: inout ValueReader
  ) -> Topology? {
    let perNode = reader.integer(
      invocation.values["gpus-per-node"], option: "gpus-per-node", range: 1...1024)
    return gpu.map { Topology(gpu: $0, gpusPerNode: perNode) }
  }

  static func objective(_ invocation: Invocation, into reader: inout ValueReader)
    -> LayoutObjective
  {
    reader.choice(
      invocation.values["optimize"], option: "optimize",
      among: LayoutObjective.allCases.map(\.rawValue)
    ).flatMap(LayoutObjective.init(rawValue:)) ?? .throughput
  }

  static func emit(_ invocation: Invocation, into reader: inout ValueReader) -> Engine? {
    reader.choice(
      invocation.values["emit"], option: "emit",
      among: LaunchCommand.engines.map(\.rawValue)
    ).flatMap(Engine.init(rawValue:))
  }

  static func price(_ invocation: Invocation, into reader: inout ValueReader) -> Double? {
    guard let raw = invocation.values["price"] else { return nil }
    guard let value = Double(raw), value.isFinite, value > 0, value <= 10_000 else {
      reader.errors.append("--price: '\(raw)' is not a price in USD per GPU-hour (e.g. 2.99)")
      return nil
    }
    return value
  }
}
