/// llama.cpp's partial offload: `-ngl L` keeps the last L decoder layers (their weights and
/// KV cache) on the GPUs and runs the rest, the token embedding and the output layer on the
/// CPU from host RAM (`src/llama-model.cpp`, `llama_model::load_tensors`: layers below
/// `n_layer − n_gpu_layers` and `tok_embd` on the CPU; the output layer offloaded only when
/// `n_gpu_layers > n_layer`; b6000). With several GPUs the offloaded layers split by layers
/// (`--split-mode layer`).
public struct PartialOffload: Sendable, Hashable {
  /// GPUs holding the offloaded layers.
  public let gpus: Int
  /// `-ngl`: decoder layers on the GPUs.
  public let gpuLayers: Int
  public let totalLayers: Int
  /// Offloaded layers per GPU.
  public let stageLayers: [Int]
  /// The fullest GPU's memory.
  public let memory: MemoryBreakdown
  /// Weights left in host RAM: the CPU's layers, the embedding and the output layer.
  public let hostWeights: Bytes
  /// The CPU layers' KV cache, in host RAM.
  public let hostKV: Bytes

  public var hostBytes: Bytes { hostWeights + hostKV }
}

extension Deployment {
  /// The most layers llama.cpp can offload to `gpus` GPUs for `workload`, with what stays in
  /// host RAM; `nil` when not even one layer fits, or the engine is not llama.cpp.
  public func partialOffload(gpus: Int, _ workload: Workload) -> PartialOffload? {
    guard engine.profile.offloadsLayersToHost, method == .detailed, gpus >= 1, model.layers > 1
    else {
      return nil
    }
    let layout = Layout(tp: 1, pp: gpus)
    func placed(_ layers: Int) -> Placement? {
      guard layers >= gpus else { return nil }
      let split = StageSplit.counts(layers: layers, stages: gpus)
      var start = model.layers - layers
      let memory = split.map { count in
        defer { start += count }
        return breakdown(
          layout: layout, workload, layers: start..<(start + count), isFirst: false,
          isLast: false)
      }
      return Placement(layout: layout, stageLayers: split, stageMemory: memory)
    }
    // Memory grows with the layers offloaded: the largest count that fits, by bisection.
    var low = 0
    var high = model.layers - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if placed(middle)?.fits == true { low = middle } else { high = middle - 1 }
    }
    guard low >= gpus, let placement = placed(low) else { return nil }
    let gpuWeights = placement.stageMemory.reduce(Bytes.zero) { $0 + $1.weights.bytes }
    let hostKV = KVCache.bytes(
      kvModel, precision: kvPrecision, context: workload.context, sequences: workload.sequences,
      layers: 0..<(model.layers - low), tp: 1)
    return PartialOffload(
      gpus: gpus, gpuLayers: low, totalLayers: model.layers,
      stageLayers: placement.stageLayers, memory: placement.memory,
      hostWeights: WeightMemory.total(model, format: weights) - gpuWeights, hostKV: hostKV)
  }
}
