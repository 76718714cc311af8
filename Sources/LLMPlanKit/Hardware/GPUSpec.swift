/// One accelerator as the planner sees it: memory, bandwidth, peak compute, links, power, price.
///
/// Figures come from the public sources in the README's "GPU sources" (ids in ``sources``). Compute peaks are
/// kept **dense and 2:4-sparse side by side**; the planner always computes with dense.
public struct GPUSpec: Sendable, Hashable, Identifiable {
  public enum Vendor: String, Sendable, Hashable {
    case nvidia = "NVIDIA"
    case amd = "AMD"
    case intel = "Intel"
    case google = "Google"
  }

  /// A dense peak and its 2:4-structured-sparse twin, in TFLOPS (or TOPS for integers).
  public struct Peak: Sendable, Hashable {
    public let dense: Double
    /// `nil` where the vendor publishes no sparse figure.
    public let sparse: Double?
    public init(_ dense: Double, sparse: Double? = nil) {
      self.dense = dense
      self.sparse = sparse
    }
  }

  /// Tensor-core peaks per format; `nil` where the format is unsupported or no figure was read.
  public struct Compute: Sendable, Hashable {
    public let fp16: Peak
    public let fp8: Peak?
    public let int8: Peak?
    public let fp4: Peak?
    public init(fp16: Peak, fp8: Peak? = nil, int8: Peak? = nil, fp4: Peak? = nil) {
      self.fp16 = fp16
      self.fp8 = fp8
      self.int8 = int8
      self.fp4 = fp4
    }

    /// The peak a format computes on; formats without their own tensor cores run weight-only
    /// (dequantized to 16 bits in the kernel, as vLLM's Marlin does) at the FP16/BF16 peak.
    public func peak(for path: Precision.ComputePath) -> Peak {
      switch path {
      case .fp8: fp8 ?? fp16
      case .int8: int8 ?? fp16
      case .fp4: fp4 ?? fp16
      case .fp16, .fp32: fp16
      }
    }
  }

  /// Memory as sold and as software can allocate it.
  public struct Memory: Sendable, Hashable {
    /// The marketed capacity in "GB" (vendors mean GiB for HBM parts).
    public let marketedGB: Double
    /// What CUDA/PyTorch reports as total (GiB), before any context is created.
    public let usableGiB: Double
    /// Whether ``usableGiB`` was read off a device or derived by a stated rule.
    public let usableBasis: String
    public let type: String

    public init(marketedGB: Double, usableGiB: Double, usableBasis: String, type: String) {
      self.marketedGB = marketedGB
      self.usableGiB = usableGiB
      self.usableBasis = usableBasis
      self.type = type
    }

    public var usable: Bytes { .gib(usableGiB) }
    public var marketed: Bytes { .gb(marketedGB) }
  }

  /// The GPU-to-GPU link used by tensor parallelism.
  public struct Link: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
      case nvlinkSwitch = "NVLink (switched)"
      case nvlinkBridge = "NVLink bridge"
      case infinityFabric = "Infinity Fabric"
      case roce = "RoCE"
      case pcie = "PCIe"
      /// Google's inter-chip interconnect between TPUs.
      case ici = "ICI"
    }
    public let kind: Kind
    /// Human description, e.g. "NVLink 4 (NVSwitch)".
    public let name: String
    /// Per-GPU bandwidth, both directions summed, GB/s (10⁹ B/s).
    public let bidirectionalGBps: Double
    /// GPUs reachable at that bandwidth (NVLink/fabric domain); 1 when the card has no link.
    public let scaleUpDomain: Int

    public init(kind: Kind, name: String, bidirectionalGBps: Double, scaleUpDomain: Int) {
      self.kind = kind
      self.name = name
      self.bidirectionalGBps = bidirectionalGBps
      self.scaleUpDomain = scaleUpDomain
    }
  }

  public let id: String
  public let name: String
  public let vendor: Vendor
  public let aliases: [String]
  public let formFactor: String
  public let memory: Memory
  /// Peak memory bandwidth, TB/s (10¹² B/s).
  public let bandwidthTBps: Double
  public let compute: Compute
  public let link: Link
  /// GPUs in one server (or tray) of the usual build: the largest tensor-parallel group when
  /// the scale-up domain is smaller (PCIe cards run TP over PCIe inside one server).
  public let gpusPerNode: Int
  public let tdpWatts: Double?
  public let launchYear: Int
  /// Indicative on-demand USD per GPU-hour: midpoint of the public range (S35); `nil` if none.
  public let pricePerHour: Double?
  /// Source ids (S1 … S38) of the README's "GPU sources".
  public let sources: String
  public let note: String
  /// The generation whose calibration applies, when the id does not say (user GPUs built on a
  /// catalog one inherit its family).
  public let architecture: GPUFamily?

  public init(
    id: String, name: String, vendor: Vendor, aliases: [String], formFactor: String,
    memory: Memory, bandwidthTBps: Double, compute: Compute, link: Link, gpusPerNode: Int,
    tdpWatts: Double?, launchYear: Int, pricePerHour: Double?, sources: String, note: String,
    architecture: GPUFamily? = nil
  ) {
    self.id = id
    self.name = name
    self.vendor = vendor
    self.aliases = aliases
    self.formFactor = formFactor
    self.memory = memory
    self.bandwidthTBps = bandwidthTBps
    self.compute = compute
    self.link = link
    self.gpusPerNode = gpusPerNode
    self.tdpWatts = tdpWatts
    self.launchYear = launchYear
    self.pricePerHour = pricePerHour
    self.sources = sources
    self.note = note
    self.architecture = architecture
  }

  /// The largest tensor-parallel group in the catalog's server build: the rack-scale NVLink
  /// domain, or one server.
  public var maxTensorParallel: Int { Topology(gpu: self).maxTensorParallel }
}
