/// How GPUs are rented: one by one, in whole nodes, or in a cloud's instance shapes.
public enum RoundTo: String, Sendable, Hashable, CaseIterable {
  /// Any count.
  case gpu
  /// Whole nodes: the catalog's node size (8 for an HGX board), or the whole NVLink domain for
  /// rack-scale systems (72 for GB200 NVL72).
  case node
  /// A cloud instance shape: 1, 2, 4 or 8 GPUs for cards sold in small shapes (L4, L40S,
  /// A10G, A10, T4: Google Cloud G2, AWS G6, G6e and G5 families), else whole nodes.
  case instance
}

/// What is actually rented for a plan: its GPUs, N+1 replicas, rounded to what can be bought.
public struct Procurement: Sendable, Hashable {
  public let roundTo: RoundTo
  /// GPUs of one replica of the plan.
  public let replicaGPUs: Int
  /// Replicas: the one planned plus the spares asked for (`--replicas-headroom`).
  public let replicas: Int
  /// GPUs one rented unit holds (1 for `gpu`).
  public let unitGPUs: Int
  /// Units rented (nodes or instances; GPUs for `gpu`).
  public let units: Int
  /// Whether `instance` fell back to whole nodes (a GPU not sold in small shapes).
  public let fellBackToNodes: Bool
  /// USD per GPU-hour, when known.
  public let pricePerGPUHour: Double?

  /// GPUs the plan needs, spares included.
  public var neededGPUs: Int { replicaGPUs * replicas }
  /// GPUs rented: whole units.
  public var rentedGPUs: Int { units * unitGPUs }
  /// USD per hour for everything rented.
  public var costPerHour: Double? { pricePerGPUHour.map { $0 * Double(rentedGPUs) } }

  /// Cards sold in 1-, 2-, 4- and 8-GPU cloud instances.
  public static let smallShapeGPUs: Set<String> = ["l4", "l40s", "a10g", "a10", "t4"]
  public static let instanceShapes = [1, 2, 4, 8]

  public init(
    gpu: GPUSpec, replicaGPUs: Int, spareReplicas: Int = 0, roundTo: RoundTo,
    pricePerGPUHour: Double?
  ) {
    self.roundTo = roundTo
    self.replicaGPUs = max(1, replicaGPUs)
    self.replicas = 1 + max(0, spareReplicas)
    self.pricePerGPUHour = pricePerGPUHour
    let needed = self.replicaGPUs * replicas
    let node = max(gpu.gpusPerNode, gpu.link.scaleUpDomain)
    var fellBack = false
    switch roundTo {
    case .gpu:
      unitGPUs = 1
      units = needed
    case .node:
      unitGPUs = node
      units = (needed + node - 1) / node
    case .instance:
      if Self.smallShapeGPUs.contains(gpu.id) {
        if let shape = Self.instanceShapes.first(where: { $0 >= needed }) {
          unitGPUs = shape
          units = 1
        } else {
          // More than the largest shape: whole 8-GPU instances.
          let largest = Self.instanceShapes.last!
          unitGPUs = largest
          units = (needed + largest - 1) / largest
        }
      } else {
        fellBack = true
        unitGPUs = node
        units = (needed + node - 1) / node
      }
    }
    fellBackToNodes = fellBack
  }
}
