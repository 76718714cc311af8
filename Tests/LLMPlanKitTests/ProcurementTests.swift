import LLMPlanKit
import LLMPlanTestSupport
import Testing

/// Procurement rounding (`fit --round-to`, `--replicas-headroom`), by hand.
@Suite("Procurement")
struct ProcurementTests {
  // 12 H100s in whole 8-GPU HGX nodes: ⌈12 / 8⌉ = 2 nodes, 16 GPUs, priced 16 × the GPU-hour.
  @Test func wholeNodes() {
    let rented = Procurement(
      gpu: gpu("h100"), replicaGPUs: 12, roundTo: .node, pricePerGPUHour: 3)
    #expect(rented.units == 2 && rented.rentedGPUs == 16)
    #expect(rented.costPerHour == 48)
  }

  // GB200 is sold by the NVL72 rack: one GPU's plan rents 72.
  @Test func rackScale() {
    let rented = Procurement(
      gpu: gpu("gb200"), replicaGPUs: 1, roundTo: .node, pricePerGPUHour: nil)
    #expect(rented.rentedGPUs == 72)
  }

  // L4 instances of 1, 2, 4, 8: 3 GPUs rent a 4-GPU instance; 9 rent two 8-GPU instances.
  @Test func instanceShapes() {
    let three = Procurement(
      gpu: gpu("l4"), replicaGPUs: 3, roundTo: .instance, pricePerGPUHour: nil)
    #expect(three.unitGPUs == 4 && three.units == 1)
    let nine = Procurement(gpu: gpu("l4"), replicaGPUs: 9, roundTo: .instance, pricePerGPUHour: nil)
    #expect(nine.unitGPUs == 8 && nine.units == 2 && nine.rentedGPUs == 16)
    // H100 is not sold in small shapes: whole nodes instead.
    let h100 = Procurement(
      gpu: gpu("h100"), replicaGPUs: 3, roundTo: .instance, pricePerGPUHour: nil)
    #expect(h100.fellBackToNodes && h100.rentedGPUs == 8)
  }

  // N+1: one spare replica of 3 GPUs needs 6, which rent as one 8-GPU node.
  @Test func spareReplicas() {
    let rented = Procurement(
      gpu: gpu("h100"), replicaGPUs: 3, spareReplicas: 1, roundTo: .node, pricePerGPUHour: 2)
    #expect(rented.neededGPUs == 6 && rented.rentedGPUs == 8 && rented.costPerHour == 16)
    let exact = Procurement(
      gpu: gpu("h100"), replicaGPUs: 3, spareReplicas: 1, roundTo: .gpu, pricePerGPUHour: nil)
    #expect(exact.rentedGPUs == 6)
  }
}
