/// Where a layout's GPUs sit and how they talk: servers of `gpusPerNode` GPUs, a fast scale-up
/// domain (NVLink, Infinity Fabric), PCIe inside a server, a network between servers.
public struct Topology: Sendable, Hashable {
  /// One path between GPUs: per-direction bandwidth and the fixed costs of a collective.
  ///
  /// A ring collective over n GPUs takes 2(n − 1) steps, each paying the hop latency; the call
  /// itself pays a launch. NVLink: 3 µs + 0.5 µs per hop (an 8-GPU all-reduce of a few KB,
  /// ≈ 10 µs, as NCCL reports on HGX boards); PCIe, where cards cannot use NVLink: 5 µs + 3 µs
  /// per hop (≈ 47 µs at 8 GPUs); the network: 10 µs + 5 µs.
  public struct Interconnect: Sendable, Hashable {
    public let name: String
    /// Bytes per second in one direction.
    public let bytesPerSecond: Double
    /// Seconds to start one collective call.
    public let launchSeconds: Double
    /// Seconds per step between neighbours.
    public let hopSeconds: Double

    /// Fixed seconds of a ring all-reduce over `gpus` GPUs.
    public func allReduceLatencySeconds(gpus: Int) -> Double {
      launchSeconds + Double(2 * max(gpus - 1, 0)) * hopSeconds
    }

    /// Fixed seconds of an all-to-all over `gpus` GPUs (n − 1 pairwise steps).
    public func allToAllLatencySeconds(gpus: Int) -> Double {
      launchSeconds + Double(max(gpus - 1, 0)) * hopSeconds
    }

    /// Fixed seconds of one point-to-point send.
    public var sendLatencySeconds: Double { launchSeconds + hopSeconds }
  }

  public let gpu: GPUSpec
  /// GPUs in one server (or tray).
  public let gpusPerNode: Int

  /// PCIe between cards that have a link only for a pair or quad (NVLink bridges): Gen4 x16,
  /// 32 GB/s per direction (PCI-SIG, PCIe 4.0); a call costs about 10 µs.
  static let hostPCIe = Interconnect(
    name: "PCIe Gen4 x16", bytesPerSecond: 32e9, launchSeconds: 5e-6, hopSeconds: 3e-6)
  /// Between servers: one 400 Gb/s InfiniBand NDR / RoCE port per GPU, the usual HGX build
  /// (50 GB/s per direction).
  public static let network = Interconnect(
    name: "400 Gb/s network (InfiniBand NDR)", bytesPerSecond: 50e9, launchSeconds: 10e-6,
    hopSeconds: 5e-6)

  /// `gpusPerNode` defaults to the catalog's server size (8 for HGX boards and PCIe servers,
  /// 4 for GB200 trays).
  public init(gpu: GPUSpec, gpusPerNode: Int? = nil) {
    self.gpu = gpu
    self.gpusPerNode = max(1, gpusPerNode ?? gpu.gpusPerNode)
  }

  /// Whether the scale-up domain spans servers (NVL72: 72 GPUs over 18 trays of 4).
  public var isRackScale: Bool { gpu.link.scaleUpDomain > gpu.gpusPerNode }

  /// GPUs that reach each other without the network: the rack-scale domain, else one server.
  public var fastDomain: Int { isRackScale ? gpu.link.scaleUpDomain : gpusPerNode }

  /// The largest tensor-parallel group: TP stays where all-reduces avoid the network.
  public var maxTensorParallel: Int { fastDomain }

  /// The path a group of `size` consecutive GPUs uses for collectives.
  public func link(forGroupOf size: Int) -> Interconnect {
    if size > fastDomain { return Topology.network }
    let link = gpu.link
    if link.kind == .pcie || link.scaleUpDomain < 2 {
      return Interconnect(
        name: link.name, bytesPerSecond: link.bidirectionalGBps / 2 * 1e9, launchSeconds: 5e-6,
        hopSeconds: 3e-6)
    }
    if size <= link.scaleUpDomain {
      return Interconnect(
        name: link.name, bytesPerSecond: link.bidirectionalGBps / 2 * 1e9, launchSeconds: 3e-6,
        hopSeconds: 0.5e-6)
    }
    return Topology.hostPCIe
  }
}
