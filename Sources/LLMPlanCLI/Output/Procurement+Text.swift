import LLMPlanKit

extension FitReport {
  /// "Rent: 16 × h100, 2 nodes of 8 (needs 10: 1 replica of 10 GPUs), 56.80 USD/h …".
  static func procurementText(_ procurement: Procurement, gpu: GPUSpec) -> String {
    let kind =
      procurement.roundTo == .instance && !procurement.fellBackToNodes ? "instance" : "node"
    let unit =
      procurement.roundTo == .gpu
      ? "any count"
      : "\(Format.integer(procurement.units)) \(kind)\(procurement.units == 1 ? "" : "s") of \(Format.integer(procurement.unitGPUs))"
    let replicas =
      "\(Format.integer(procurement.replicas)) replica\(procurement.replicas == 1 ? "" : "s") of \(Format.integer(procurement.replicaGPUs)) GPU\(procurement.replicaGPUs == 1 ? "" : "s")"
    var out =
      "\nRent: \(Format.integer(procurement.rentedGPUs)) × \(gpu.id), \(unit) (needs \(Format.integer(procurement.neededGPUs)): \(replicas))"
    if let cost = procurement.costPerHour, let price = procurement.pricePerGPUHour {
      out +=
        ", \(Format.fixed(cost, 2, grouped: true)) USD/h at \(Format.number(price)) USD per GPU-hour (catalog indicative)"
    }
    out += ".\n"
    if procurement.fellBackToNodes {
      out += "\(gpu.id) is not sold in 1–8-GPU cloud shapes: rounded to whole nodes.\n"
    }
    return out
  }

  static func procurementJSON(_ procurement: Procurement) -> JSON {
    .object([
      ("roundTo", .string(procurement.fellBackToNodes ? "node" : procurement.roundTo.rawValue)),
      ("replicaGPUs", .int(procurement.replicaGPUs)),
      ("replicas", .int(procurement.replicas)),
      ("neededGPUs", .int(procurement.neededGPUs)),
      ("unitGPUs", .int(procurement.unitGPUs)),
      ("units", .int(procurement.units)),
      ("rentedGPUs", .int(procurement.rentedGPUs)),
      ("pricePerGPUHour", .optional(procurement.pricePerGPUHour) { .number($0, decimals: 4) }),
      ("costPerHour", .optional(procurement.costPerHour) { .number($0, decimals: 4) }),
    ])
  }
}
