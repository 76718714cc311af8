// The built-in catalog, transcribed from the public sources listed in the README ("GPU
// sources", ids S1 … S38).
//
// Conventions: TFLOPS/TOPS and GB/s are decimal. Usable memory is the CUDA/PyTorch total in
// GiB. "measured" means read off a device in the cited issue; "derived" applies the pattern the
// measured ones show: HBM parts ≈ 99 % of the marketed figure read as GiB, ECC GDDR6 cards show
// 15/16 of it in nvidia-smi and lose a further ≈0.3 GiB to the driver.
// Prices are the midpoint of public indicative ranges (on-demand, USD per GPU-hour, 2026; S35).

extension GPUCatalog {
  public static let builtin = GPUCatalog(builtinGPUs)
}

private typealias Peak = GPUSpec.Peak

private func memory(_ marketed: Double, _ usable: Double, _ basis: String, _ type: String)
  -> GPUSpec.Memory
{
  GPUSpec.Memory(marketedGB: marketed, usableGiB: usable, usableBasis: basis, type: type)
}

private let nvlink4 = GPUSpec.Link(
  kind: .nvlinkSwitch, name: "NVLink 4 (NVSwitch)", bidirectionalGBps: 900, scaleUpDomain: 8)
private let nvlink5 = GPUSpec.Link(
  kind: .nvlinkSwitch, name: "NVLink 5 (NVSwitch)", bidirectionalGBps: 1800, scaleUpDomain: 8)
private let nvlink3 = GPUSpec.Link(
  kind: .nvlinkSwitch, name: "NVLink 3 (NVSwitch)", bidirectionalGBps: 600, scaleUpDomain: 8)
private let pcie4 = GPUSpec.Link(
  kind: .pcie, name: "PCIe Gen4 x16 (no NVLink)", bidirectionalGBps: 64, scaleUpDomain: 1)

/// GH200: one Grace Hopper superchip per node as clouds rent it; H100's Tensor Core peaks.
private func gh200(
  id: String, memory: String, aliases: [String], capacity: GPUSpec.Memory, bandwidthTBps: Double,
  launchYear: Int, pricePerHour: Double?, sources: String
) -> GPUSpec {
  GPUSpec(
    id: id, name: "NVIDIA GH200 Grace Hopper (\(memory))", vendor: .nvidia, aliases: aliases,
    formFactor: "Grace Hopper superchip (CPU + GPU module)", memory: capacity,
    bandwidthTBps: bandwidthTBps,
    compute: .init(
      fp16: Peak(989.4, sparse: 1978.9), fp8: Peak(1978.9, sparse: 3957.8),
      int8: Peak(1978.9, sparse: 3957.8)),
    link: .init(
      kind: .nvlinkSwitch, name: "NVLink 4 (GH200 NVL2/NVL32 systems)", bidirectionalGBps: 900,
      scaleUpDomain: 1),
    gpusPerNode: 1, tdpWatts: 1000, launchYear: launchYear, pricePerHour: pricePerHour,
    sources: sources,
    note:
      "H100's peaks; NVL2 and NVL32 systems join GPUs over NVLink: give scaleUpDomain and gpusPerNode with --gpu-catalog",
    architecture: .hopper)
}

/// RTX PRO 6000 Blackwell (GB202, 96 GB GDDR7, 600 W): the editions differ in bandwidth.
private func rtxPro6000(
  id: String, edition: String, aliases: [String], formFactor: String, bandwidthTBps: Double,
  usableBasis: String, note: String
) -> GPUSpec {
  GPUSpec(
    id: id, name: "NVIDIA RTX PRO 6000 Blackwell \(edition) Edition", vendor: .nvidia,
    aliases: aliases, formFactor: formFactor,
    memory: memory(96, 95.25, usableBasis, "GDDR7 ECC"), bandwidthTBps: bandwidthTBps,
    compute: .init(
      fp16: Peak(503.8, sparse: 1007.6), fp8: Peak(1007.6, sparse: 2015.2),
      int8: Peak(1007.6, sparse: 2015.2), fp4: Peak(2015.2, sparse: 4030.4)),
    link: .init(
      kind: .pcie, name: "PCIe Gen5 x16 (no NVLink)", bidirectionalGBps: 128, scaleUpDomain: 1),
    gpusPerNode: 8, tdpWatts: 600, launchYear: 2025, pricePerHour: nil, sources: "S40", note: note,
    architecture: .blackwell)
}

private let builtinGPUs: [GPUSpec] = [
  GPUSpec(
    id: "b200", name: "NVIDIA B200", vendor: .nvidia,
    aliases: ["b200-sxm", "hgx-b200", "dgx-b200"],
    formFactor: "SXM, 8-GPU HGX board",
    memory: memory(
      192, 178.4, "measured: mem_get_info total on SM100 (sglang#25225); HGX spec 180 GB per GPU",
      "HBM3e"),
    bandwidthTBps: 7.7,
    compute: .init(
      fp16: Peak(2250, sparse: 4500), fp8: Peak(4500, sparse: 9000),
      int8: Peak(4500, sparse: 9000), fp4: Peak(9000, sparse: 18000)),
    link: nvlink5, gpusPerNode: 8, tdpWatts: 1000, launchYear: 2024, pricePerHour: 6.85,
    sources: "S1 S4 S5 S6 S8 S35 S37",
    note: "bandwidth 7.7 TB/s per the HGX B200 spec (launch datasheet 8.0)"),
  GPUSpec(
    id: "b100", name: "NVIDIA B100", vendor: .nvidia, aliases: ["b100-sxm", "hgx-b100"],
    formFactor: "SXM, 8-GPU HGX board",
    memory: memory(192, 178.4, "derived: assumed equal to B200 (same 192 GB HBM3e)", "HBM3e"),
    bandwidthTBps: 8.0,
    compute: .init(
      fp16: Peak(1750, sparse: 3500), fp8: Peak(3500, sparse: 7000),
      int8: Peak(3500, sparse: 7000), fp4: Peak(7000, sparse: 14000)),
    link: nvlink5, gpusPerNode: 8, tdpWatts: 700, launchYear: 2024, pricePerHour: nil,
    sources: "S4 S8", note: "preliminary specifications only; dense = sparse / 2"),
  GPUSpec(
    id: "gb200", name: "NVIDIA GB200 (per GPU, NVL72)", vendor: .nvidia,
    aliases: ["gb200-nvl72", "nvl72"],
    formFactor: "Grace Blackwell superchip, 4 GPUs per tray, 72 per NVL72 rack",
    memory: memory(186, 184.3, "derived: 99.1 % of 186 read as GiB (as B200)", "HBM3e"),
    bandwidthTBps: 8.0,
    compute: .init(
      fp16: Peak(2500, sparse: 5000), fp8: Peak(5000, sparse: 10000),
      int8: Peak(5000, sparse: 10000), fp4: Peak(10000, sparse: 20000)),
    link: .init(
      kind: .nvlinkSwitch, name: "NVLink 5 + NVLink Switch (rack)", bidirectionalGBps: 1800,
      scaleUpDomain: 72),
    gpusPerNode: 4, tdpWatts: 1200, launchYear: 2024, pricePerHour: nil,
    sources: "S1 S4 S5 S8 S31", note: "186 GB in later specs and MLPerf; 192 GB early"),
  GPUSpec(
    id: "b300", name: "NVIDIA B300 (Blackwell Ultra)", vendor: .nvidia,
    aliases: ["b300-sxm", "hgx-b300", "blackwell-ultra"], formFactor: "SXM, 8-GPU HGX board",
    memory: memory(
      288, 267.7, "measured: mem_get_info total (sglang#25225); HGX spec 270 GB", "HBM3e"),
    bandwidthTBps: 7.7,
    compute: .init(
      fp16: Peak(2250, sparse: 4500), fp8: Peak(4500, sparse: 9000),
      int8: Peak(150, sparse: 300), fp4: Peak(14000, sparse: 18000)),
    link: nvlink5, gpusPerNode: 8, tdpWatts: 1100, launchYear: 2025, pricePerHour: 7.9,
    sources: "S1 S6 S7 S35", note: "INT8 cut to 0.15 POPS dense; FP4 sparse is not 2× dense"),
  GPUSpec(
    id: "gb300", name: "NVIDIA GB300 (per GPU, NVL72)", vendor: .nvidia,
    aliases: ["gb300-nvl72", "NVIDIA GB300"],
    formFactor: "Grace Blackwell Ultra superchip, 4 GPUs per tray, 72 per NVL72 rack",
    memory: memory(
      288, 267.7, "derived: as B300's measured 267.7 GiB (same 288 GB HBM3e)", "HBM3e"),
    bandwidthTBps: 8.0,
    compute: .init(
      fp16: Peak(2500, sparse: 5000), fp8: Peak(5000, sparse: 10000),
      int8: Peak(167, sparse: 333), fp4: Peak(15000, sparse: 20000)),
    link: .init(
      kind: .nvlinkSwitch, name: "NVLink 5 + NVLink Switch (rack)", bidirectionalGBps: 1800,
      scaleUpDomain: 72),
    gpusPerNode: 4, tdpWatts: 1400, launchYear: 2025, pricePerHour: nil, sources: "S6",
    note: "GB300 NVL72 rack totals / 72 (technical brief v2.1, Table 2)", architecture: .blackwell),
  GPUSpec(
    id: "h200", name: "NVIDIA H200 SXM 141GB", vendor: .nvidia,
    aliases: ["h200-sxm", "h200-141gb", "hgx-h200", "NVIDIA H200"],
    formFactor: "SXM5, 8-GPU HGX board",
    memory: memory(
      141, 139.8, "measured: nvidia-smi 143771 MiB less the ≈616 MiB CUDA gap", "HBM3e"),
    bandwidthTBps: 4.8,
    compute: .init(
      fp16: Peak(989.5, sparse: 1979), fp8: Peak(1979, sparse: 3958),
      int8: Peak(1979, sparse: 3958)),
    link: nvlink4, gpusPerNode: 8, tdpWatts: 700, launchYear: 2024, pricePerHour: 4.75,
    sources: "S1 S13 S31 S35", note: ""),
  GPUSpec(
    id: "h200-nvl", name: "NVIDIA H200 NVL", vendor: .nvidia, aliases: ["h200nvl"],
    formFactor: "PCIe dual-slot",
    memory: memory(141, 139.8, "derived: same 141 GB HBM3e as H200 SXM", "HBM3e"),
    bandwidthTBps: 4.8,
    compute: .init(
      fp16: Peak(835.5, sparse: 1671), fp8: Peak(1670.5, sparse: 3341),
      int8: Peak(1670.5, sparse: 3341)),
    link: .init(
      kind: .nvlinkBridge, name: "NVLink bridge (2- or 4-way)", bidirectionalGBps: 900,
      scaleUpDomain: 4),
    gpusPerNode: 8, tdpWatts: 600, launchYear: 2024, pricePerHour: nil, sources: "S13",
    note: "up to 8 per MGX server over PCIe"),
  GPUSpec(
    id: "h100", name: "NVIDIA H100 SXM5 80GB", vendor: .nvidia,
    aliases: ["h100-sxm", "h100-sxm5", "h100-80gb", "hgx-h100", "NVIDIA H100 80GB HBM3"],
    formFactor: "SXM5, 8-GPU HGX board",
    memory: memory(
      80, 79.18,
      "measured on an H100: CUDA total (README, \"Catalogs\"); OOM messages show 79.11",
      "HBM3"),
    bandwidthTBps: 3.35,
    compute: .init(
      fp16: Peak(989.4, sparse: 1978.9), fp8: Peak(1978.9, sparse: 3957.8),
      int8: Peak(1978.9, sparse: 3957.8)),
    link: nvlink4, gpusPerNode: 8, tdpWatts: 700, launchYear: 2022, pricePerHour: 3.55,
    sources: "S1 S8 S9 S10 S35", note: ""),
  GPUSpec(
    id: "h100-pcie", name: "NVIDIA H100 PCIe 80GB", vendor: .nvidia,
    aliases: ["h100pcie", "H100 PCIe"],
    formFactor: "PCIe Gen5 dual-slot",
    memory: memory(80, 79.18, "derived: same 80 GB as H100 SXM", "HBM2e"),
    bandwidthTBps: 2.0,
    compute: .init(
      fp16: Peak(756, sparse: 1513), fp8: Peak(1513, sparse: 3026),
      int8: Peak(1513, sparse: 3026)),
    link: .init(
      kind: .nvlinkBridge, name: "optional NVLink bridge (2 GPUs)", bidirectionalGBps: 600,
      scaleUpDomain: 2),
    gpusPerNode: 8, tdpWatts: 350, launchYear: 2022, pricePerHour: 2.45,
    sources: "S10 S11 S12 S35", note: "bridge bandwidth weakly sourced"),
  GPUSpec(
    id: "h100-nvl", name: "NVIDIA H100 NVL 94GB", vendor: .nvidia, aliases: ["h100nvl"],
    formFactor: "PCIe dual-slot, bridged in pairs",
    memory: memory(94, 93.05, "derived: nvidia-smi 95830 MiB less ≈550 MiB CUDA gap", "HBM3"),
    bandwidthTBps: 3.9,
    compute: .init(
      fp16: Peak(835.5, sparse: 1671), fp8: Peak(1670.5, sparse: 3341),
      int8: Peak(1670.5, sparse: 3341)),
    link: .init(
      kind: .nvlinkBridge, name: "NVLink bridge (pairs)", bidirectionalGBps: 600,
      scaleUpDomain: 2),
    gpusPerNode: 8, tdpWatts: 400, launchYear: 2023, pricePerHour: 3.1, sources: "S9 S35",
    note: ""),
  GPUSpec(
    id: "h20", name: "NVIDIA H20", vendor: .nvidia, aliases: ["h20-96gb"],
    formFactor: "SXM, HGX (China market)",
    memory: memory(96, 95.04, "derived: nvidia-smi 97871 MiB less ≈550 MiB CUDA gap", "HBM3"),
    bandwidthTBps: 4.0,
    compute: .init(fp16: Peak(148), fp8: Peak(296), int8: Peak(296)),
    link: nvlink4, gpusPerNode: 8, tdpWatts: 400, launchYear: 2024, pricePerHour: nil,
    sources: "S15 S16 S35", note: "no public datasheet; secondary figures; price in CNY only"),
  gh200(
    id: "gh200", memory: "96 GB HBM3",
    aliases: ["gh200-96gb", "gh200-480gb", "NVIDIA GH200 480GB", "grace-hopper"],
    capacity: memory(
      96, 95.04, "derived: nvidia-smi 97871 MiB (as H20) less ≈550 MiB CUDA gap", "HBM3"),
    bandwidthTBps: 4.0, launchYear: 2023, pricePerHour: 1.49, sources: "S39 S35"),
  gh200(
    id: "gh200-144g", memory: "144 GB HBM3e", aliases: ["gh200-144gb", "NVIDIA GH200 144G HBM3e"],
    capacity: memory(
      144, 142.5, "measured: torch total_memory 153,008,209,920 B (vLLM issue logs)", "HBM3e"),
    bandwidthTBps: 4.9, launchYear: 2024, pricePerHour: nil, sources: "S39"),
  GPUSpec(
    id: "h20-141g", name: "NVIDIA H20 141GB (H20-3e)", vendor: .nvidia,
    aliases: ["h20-3e", "h20-141gb", "NVIDIA H20-3e"], formFactor: "SXM, HGX (China market)",
    memory: memory(141, 139.8, "derived: same 141 GB HBM3e as H200", "HBM3e"),
    bandwidthTBps: 4.8,
    compute: .init(fp16: Peak(148), fp8: Peak(296), int8: Peak(296)),
    link: nvlink4, gpusPerNode: 8, tdpWatts: 400, launchYear: 2025, pricePerHour: nil,
    sources: "S15 S16",
    note: "no public datasheet; bandwidth from secondary spec tables (unconfirmed)"),
  GPUSpec(
    id: "h800", name: "NVIDIA H800 SXM5 80GB", vendor: .nvidia, aliases: ["h800-sxm"],
    formFactor: "SXM5, HGX (China market)",
    memory: memory(80, 79.18, "derived: same 80 GB as H100 SXM", "HBM3"),
    bandwidthTBps: 3.35,
    compute: .init(fp16: Peak(989, sparse: 1979), fp8: Peak(1979, sparse: 3958)),
    link: .init(
      kind: .nvlinkSwitch, name: "NVLink 4, reduced", bidirectionalGBps: 400, scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 700, launchYear: 2023, pricePerHour: nil,
    sources: "S14 S15 S16 S35", note: "no public datasheet; price in CNY only"),
  GPUSpec(
    id: "a100", name: "NVIDIA A100 SXM4 80GB", vendor: .nvidia,
    aliases: ["a100-sxm", "a100-80gb", "a100-sxm4-80gb", "a100-sxm-80gb"],
    formFactor: "SXM4, HGX board",
    memory: memory(80, 79.25, "measured: nvidia-smi 81920 MiB less ≈768 MiB CUDA gap", "HBM2e"),
    bandwidthTBps: 2.039,
    compute: .init(fp16: Peak(312, sparse: 624), int8: Peak(624, sparse: 1248)),
    link: nvlink3, gpusPerNode: 8, tdpWatts: 400, launchYear: 2020, pricePerHour: 2.2,
    sources: "S1 S17 S35", note: "no FP8"),
  GPUSpec(
    id: "a100-40gb", name: "NVIDIA A100 SXM4 40GB", vendor: .nvidia,
    aliases: ["a100-40g", "a100-sxm4-40gb", "a100-40"], formFactor: "SXM4, HGX board",
    memory: memory(40, 39.39, "measured: deviceQuery 40339 MBytes (bottlerocket#3873)", "HBM2"),
    bandwidthTBps: 1.555,
    compute: .init(fp16: Peak(312, sparse: 624), int8: Peak(624, sparse: 1248)),
    link: nvlink3, gpusPerNode: 8, tdpWatts: 400, launchYear: 2020, pricePerHour: 1.65,
    sources: "S1 S17 S35", note: "no FP8"),
  GPUSpec(
    id: "a100-pcie", name: "NVIDIA A100 80GB PCIe", vendor: .nvidia,
    aliases: ["a100-pcie-80gb", "a100pcie"], formFactor: "PCIe Gen4 dual-slot",
    memory: memory(80, 79.25, "derived: same 80 GB as A100 SXM", "HBM2e"),
    bandwidthTBps: 1.935,
    compute: .init(fp16: Peak(312, sparse: 624), int8: Peak(624, sparse: 1248)),
    link: .init(
      kind: .nvlinkBridge, name: "NVLink bridge (2 GPUs)", bidirectionalGBps: 600,
      scaleUpDomain: 2),
    gpusPerNode: 8, tdpWatts: 300, launchYear: 2021, pricePerHour: 1.6,
    sources: "S1 S17 S35", note: "no FP8"),
  GPUSpec(
    id: "a100-pcie-40gb", name: "NVIDIA A100 40GB PCIe", vendor: .nvidia,
    aliases: ["a100-pcie-40g", "NVIDIA A100-PCIE-40GB"], formFactor: "PCIe Gen4 dual-slot",
    memory: memory(40, 39.39, "derived: same 40 GB HBM2 as A100 SXM4 40GB", "HBM2"),
    bandwidthTBps: 1.555,
    compute: .init(fp16: Peak(312, sparse: 624), int8: Peak(624, sparse: 1248)),
    link: .init(
      kind: .nvlinkBridge, name: "NVLink bridge (2 GPUs)", bidirectionalGBps: 600,
      scaleUpDomain: 2),
    gpusPerNode: 8, tdpWatts: 250, launchYear: 2020, pricePerHour: nil, sources: "S17",
    note: "no FP8"),
  GPUSpec(
    id: "l40s", name: "NVIDIA L40S", vendor: .nvidia, aliases: ["l40-s"],
    formFactor: "PCIe Gen4 dual-slot",
    memory: memory(
      48, 44.68, "derived: nvidia-smi 46068 MiB (ECC, 15/16) less ≈316 MiB CUDA gap",
      "GDDR6 ECC"),
    bandwidthTBps: 0.864,
    compute: .init(
      fp16: Peak(362.05, sparse: 733), fp8: Peak(733, sparse: 1466),
      int8: Peak(733, sparse: 1466)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 350, launchYear: 2023, pricePerHour: 1.55,
    sources: "S1 S18 S35", note: ""),
  GPUSpec(
    id: "l40", name: "NVIDIA L40", vendor: .nvidia, aliases: [], formFactor: "PCIe Gen4 dual-slot",
    memory: memory(48, 44.68, "derived: same 48 GB ECC GDDR6 as L40S", "GDDR6 ECC"),
    bandwidthTBps: 0.864,
    compute: .init(
      fp16: Peak(181.05, sparse: 362.1), fp8: Peak(362, sparse: 724),
      int8: Peak(362, sparse: 724)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 300, launchYear: 2022, pricePerHour: nil,
    sources: "S18",
    note: "362 TFLOPS, sometimes listed for L40S, is L40's sparse FP16 (L40S dense: 362.05)"),
  GPUSpec(
    id: "l4", name: "NVIDIA L4", vendor: .nvidia, aliases: [],
    formFactor: "PCIe Gen4 low-profile single-slot",
    memory: memory(
      24, 22.19, "derived: nvidia-smi 23034 MiB (ECC, 15/16) less ≈316 MiB CUDA gap", "GDDR6"),
    bandwidthTBps: 0.3,
    compute: .init(
      fp16: Peak(121, sparse: 242), fp8: Peak(242.5, sparse: 485),
      int8: Peak(242.5, sparse: 485)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 72, launchYear: 2023, pricePerHour: 0.65,
    sources: "S18 S35", note: ""),
  GPUSpec(
    id: "a10g", name: "NVIDIA A10G (AWS G5)", vendor: .nvidia, aliases: [],
    formFactor: "PCIe (AWS G5 instances)",
    memory: memory(24, 22.18, "derived: same 24 GB ECC GDDR6 as A10", "GDDR6"),
    bandwidthTBps: 0.6,
    compute: .init(fp16: Peak(70)),
    link: .init(kind: .pcie, name: "PCIe (no NVLink)", bidirectionalGBps: 64, scaleUpDomain: 1),
    gpusPerNode: 8, tdpWatts: nil, launchYear: 2021, pricePerHour: 1.0, sources: "S19 S35",
    note: "FP16 70 TFLOPS is unofficial (Baseten)"),
  GPUSpec(
    id: "a10", name: "NVIDIA A10", vendor: .nvidia, aliases: ["a10-24gb"],
    formFactor: "PCIe Gen4 single-slot",
    memory: memory(24, 22.18, "measured: OOM total capacity (OpenBMB/MiniCPM-V#640)", "GDDR6"),
    bandwidthTBps: 0.6,
    compute: .init(fp16: Peak(125, sparse: 250), int8: Peak(250, sparse: 500)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 150, launchYear: 2021, pricePerHour: 0.9,
    sources: "S19 S35", note: ""),
  GPUSpec(
    id: "t4", name: "NVIDIA T4", vendor: .nvidia, aliases: ["tesla-t4"],
    formFactor: "PCIe Gen3 low-profile single-slot",
    memory: memory(16, 14.75, "measured: CUDA total 15109 MB (hashcat#3136)", "GDDR6"),
    bandwidthTBps: 0.32,
    compute: .init(fp16: Peak(65), int8: Peak(130)),
    link: .init(
      kind: .pcie, name: "PCIe Gen3 x16 (no NVLink)", bidirectionalGBps: 32, scaleUpDomain: 1),
    gpusPerNode: 8, tdpWatts: 70, launchYear: 2018, pricePerHour: 0.5, sources: "S20 S35",
    note: "no BF16, no sparsity"),
  GPUSpec(
    id: "v100", name: "NVIDIA V100 SXM2 32GB", vendor: .nvidia,
    aliases: ["v100-32gb", "tesla-v100", "v100-sxm2", "Tesla V100-SXM2-32GB"], formFactor: "SXM2",
    memory: memory(32, 31.74, "measured: OOM total capacity (ChatGLM-Finetuning#73)", "HBM2"),
    bandwidthTBps: 0.9,
    compute: .init(fp16: Peak(125)),
    link: .init(kind: .nvlinkSwitch, name: "NVLink 2", bidirectionalGBps: 300, scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 300, launchYear: 2017, pricePerHour: nil, sources: "S2 S21 S35",
    note: "no BF16; price in CNY only"),
  GPUSpec(
    id: "rtx3090", name: "NVIDIA GeForce RTX 3090", vendor: .nvidia,
    aliases: ["rtx-3090", "3090", "geforce-rtx-3090"], formFactor: "PCIe consumer card",
    memory: memory(24, 23.70, "measured: OOM total capacity (two reports)", "GDDR6X"),
    bandwidthTBps: 0.936,
    compute: .init(fp16: Peak(71, sparse: 142), int8: Peak(284, sparse: 568)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 350, launchYear: 2020, pricePerHour: nil,
    sources: "S25 S35",
    note: "FP16 with FP32 accumulate (142 with FP16 accumulate); 2-way NVLink bridge not modelled"),
  GPUSpec(
    id: "rtx4090", name: "NVIDIA GeForce RTX 4090", vendor: .nvidia,
    aliases: ["rtx-4090", "RTX 4090", "4090", "geforce-rtx-4090"],
    formFactor: "PCIe consumer card",
    memory: memory(24, 23.65, "measured: OOM total capacity (several reports)", "GDDR6X"),
    bandwidthTBps: 1.008,
    compute: .init(
      fp16: Peak(165.2, sparse: 330.4), fp8: Peak(330.3, sparse: 660.6),
      int8: Peak(660.6, sparse: 1321.2)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 450, launchYear: 2022, pricePerHour: 0.34,
    sources: "S22 S35", note: "FP16 with FP32 accumulate (330.3 with FP16 accumulate)"),
  GPUSpec(
    id: "rtx5090", name: "NVIDIA GeForce RTX 5090", vendor: .nvidia,
    aliases: ["rtx-5090", "5090", "geforce-rtx-5090"], formFactor: "PCIe consumer card",
    memory: memory(32, 31.36, "measured: deviceQuery 32117 MBytes", "GDDR7"),
    bandwidthTBps: 1.792,
    compute: .init(
      fp16: Peak(209.5, sparse: 419), fp8: Peak(419, sparse: 838),
      fp4: Peak(1676, sparse: 3352)),
    link: .init(
      kind: .pcie, name: "PCIe Gen5 x16 (no NVLink)", bidirectionalGBps: 128, scaleUpDomain: 1),
    gpusPerNode: 8, tdpWatts: 575, launchYear: 2025, pricePerHour: 0.69, sources: "S23 S35",
    note: "FP16 with FP32 accumulate (419 with FP16 accumulate)"),
  GPUSpec(
    id: "rtx6000-ada", name: "NVIDIA RTX 6000 Ada Generation", vendor: .nvidia,
    aliases: ["rtx-6000-ada", "rtx6000ada", "6000-ada"], formFactor: "PCIe workstation dual-slot",
    memory: memory(
      48, 47.65, "derived: nvidia-smi 49140 MiB less ≈350 MiB CUDA gap", "GDDR6 ECC"),
    bandwidthTBps: 0.96,
    compute: .init(fp16: Peak(364, sparse: 728)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 300, launchYear: 2022, pricePerHour: 0.74,
    sources: "S24 S35", note: "BF16 with FP32 accumulate"),
  rtxPro6000(
    id: "rtx-pro-6000", edition: "Workstation",
    aliases: ["rtx-pro-6000-workstation", "rtxpro6000", "pro6000"],
    formFactor: "PCIe Gen5 workstation dual-slot", bandwidthTBps: 1.792,
    usableBasis: "derived: nvidia-smi 97887 MiB less ≈350 MiB CUDA gap",
    note: "FP16 with FP32 accumulate"),
  rtxPro6000(
    id: "rtx-pro-6000-server", edition: "Server",
    aliases: ["rtx-pro-6000-se", "rtxpro6000-server"],
    formFactor: "PCIe Gen5 passive dual-slot (servers)", bandwidthTBps: 1.597,
    usableBasis: "derived: as the workstation edition (same 96 GB GDDR7)",
    note: "peaks as the workstation edition; 1597 GB/s per the server datasheet"),
  GPUSpec(
    id: "rtx-a6000", name: "NVIDIA RTX A6000", vendor: .nvidia, aliases: ["a6000", "rtxa6000"],
    formFactor: "PCIe Gen4 workstation dual-slot",
    memory: memory(
      48, 47.65, "derived: nvidia-smi 49140 MiB (as RTX 6000 Ada) less ≈350 MiB CUDA gap",
      "GDDR6 ECC"),
    bandwidthTBps: 0.768,
    compute: .init(fp16: Peak(154.8, sparse: 309.7), int8: Peak(309.7, sparse: 619.4)),
    link: .init(
      kind: .nvlinkBridge, name: "NVLink bridge (pairs)", bidirectionalGBps: 112.5,
      scaleUpDomain: 2),
    gpusPerNode: 8, tdpWatts: 300, launchYear: 2020, pricePerHour: 0.49, sources: "S41 S35",
    note: "FP16 with FP32 accumulate", architecture: .ampere),
  GPUSpec(
    id: "a40", name: "NVIDIA A40", vendor: .nvidia, aliases: ["a40-48gb"],
    formFactor: "PCIe Gen4 passive dual-slot",
    memory: memory(
      48, 44.68, "derived: nvidia-smi 46068 MiB (ECC, 15/16) less ≈316 MiB CUDA gap, as L40S",
      "GDDR6 ECC"),
    bandwidthTBps: 0.696,
    compute: .init(fp16: Peak(149.7, sparse: 299.4), int8: Peak(299.3, sparse: 598.6)),
    link: .init(
      kind: .nvlinkBridge, name: "NVLink bridge (pairs)", bidirectionalGBps: 112.5,
      scaleUpDomain: 2),
    gpusPerNode: 8, tdpWatts: 300, launchYear: 2020, pricePerHour: 0.4, sources: "S41 S35",
    note: "no FP8", architecture: .ampere),
  GPUSpec(
    id: "l20", name: "NVIDIA L20", vendor: .nvidia, aliases: ["l20-48gb"],
    formFactor: "PCIe Gen4 dual-slot (China market)",
    memory: memory(48, 44.68, "derived: same 48 GB ECC GDDR6 as L40S", "GDDR6 ECC"),
    bandwidthTBps: 0.864,
    compute: .init(
      fp16: Peak(119.5, sparse: 239), fp8: Peak(239, sparse: 478), int8: Peak(239, sparse: 478)),
    link: pcie4, gpusPerNode: 8, tdpWatts: 275, launchYear: 2024, pricePerHour: nil,
    sources: "S16", note: "no public datasheet; secondary spec tables", architecture: .ada),
  GPUSpec(
    id: "mi250x", name: "AMD Instinct MI250X (per GCD)", vendor: .amd,
    aliases: ["mi250", "AMD Instinct MI250X/MI250", "AMD Instinct MI250X"],
    formFactor: "OAM with 2 GCDs; each GCD is one 64 GB GPU to software",
    memory: memory(
      64, 63.4, "derived: 99 % of the 64 GiB per GCD (ROCm lists 128 GiB per OAM)", "HBM2e"),
    bandwidthTBps: 1.6,
    compute: .init(fp16: Peak(191.5), int8: Peak(191.5)),
    link: .init(
      kind: .infinityFabric, name: "Infinity Fabric", bidirectionalGBps: 350, scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 250, launchYear: 2021, pricePerHour: nil, sources: "S1 S2 S26",
    note: "per-GCD figures: half of the OAM's 383 TFLOPS, 3.2 TB/s, 700 GB/s, 500 W"),
  GPUSpec(
    id: "mi300x", name: "AMD Instinct MI300X", vendor: .amd,
    aliases: ["mi-300x", "mi300", "AMD Instinct MI300X OAM"],
    formFactor: "OAM, 8 per platform",
    memory: memory(192, 190.1, "derived: 99 % of 192 GiB (ROCm spec table)", "HBM3"),
    bandwidthTBps: 5.3,
    compute: .init(
      fp16: Peak(1307.4, sparse: 2614.9), fp8: Peak(2614.9, sparse: 5229.8),
      int8: Peak(2614.9)),
    link: .init(
      kind: .infinityFabric, name: "Infinity Fabric (xGMI), 7 links", bidirectionalGBps: 896,
      scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 750, launchYear: 2023, pricePerHour: 2.7,
    sources: "S1 S2 S26 S31 S35", note: ""),
  GPUSpec(
    id: "mi325x", name: "AMD Instinct MI325X", vendor: .amd, aliases: ["mi-325x", "mi325"],
    formFactor: "OAM, 8 per platform",
    memory: memory(256, 253.4, "derived: 99 % of 256 GiB (ROCm)", "HBM3E"),
    bandwidthTBps: 6.0,
    compute: .init(
      fp16: Peak(1307.4, sparse: 2614.9), fp8: Peak(2614.9, sparse: 5229.8),
      int8: Peak(2600)),
    link: .init(
      kind: .infinityFabric, name: "Infinity Fabric, 7 links", bidirectionalGBps: 896,
      scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 1000, launchYear: 2024, pricePerHour: 2.1,
    sources: "S1 S26 S27 S35", note: ""),
  GPUSpec(
    id: "mi355x", name: "AMD Instinct MI355X", vendor: .amd, aliases: ["mi-355x", "mi355"],
    formFactor: "OAM, liquid-cooled platforms",
    memory: memory(288, 285.1, "derived: 99 % of 288 GiB (ROCm)", "HBM3E"),
    bandwidthTBps: 8.0,
    compute: .init(
      fp16: Peak(2500, sparse: 5000), fp8: Peak(5000, sparse: 10100), int8: Peak(5000),
      fp4: Peak(10100)),
    link: .init(
      kind: .infinityFabric, name: "Infinity Fabric, 7 links", bidirectionalGBps: 1071,
      scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 1400, launchYear: 2025, pricePerHour: nil,
    sources: "S1 S2 S26 S28 S31", note: ""),
  GPUSpec(
    id: "gaudi2", name: "Intel Gaudi 2", vendor: .intel, aliases: ["gaudi-2", "hl-225"],
    formFactor: "OAM, 8 per HLS-Gaudi2",
    memory: memory(96, 95.0, "derived: 99 % of 96 read as GiB", "HBM2E"),
    bandwidthTBps: 2.45,
    compute: .init(fp16: Peak(432), fp8: Peak(865)),
    link: .init(
      kind: .roce, name: "24× 100 GbE RoCE on-chip", bidirectionalGBps: 525, scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 600, launchYear: 2022, pricePerHour: nil, sources: "S1 S2 S29",
    note: "BF16 from the MME at 1650 MHz"),
  GPUSpec(
    id: "gaudi3", name: "Intel Gaudi 3", vendor: .intel, aliases: ["gaudi-3", "hl-325"],
    formFactor: "OAM, 8 per HLS-3",
    memory: memory(128, 126.7, "derived: 99 % of 128 read as GiB", "HBM2e"),
    bandwidthTBps: 3.7,
    compute: .init(fp16: Peak(1677), fp8: Peak(1677)),
    link: .init(
      kind: .roce, name: "24× 200 GbE RoCE on-chip", bidirectionalGBps: 1050, scaleUpDomain: 8),
    gpusPerNode: 8, tdpWatts: 900, launchYear: 2024, pricePerHour: nil, sources: "S1 S29",
    note: "BF16 1677 at the 1600 MHz shipping clock (whitepaper 1835 at 1750 MHz)"),
  GPUSpec(
    id: "tpu-v5e", name: "Google Cloud TPU v5e (per chip)", vendor: .google,
    aliases: ["v5e", "tpu-v5-lite", "v5litepod"], formFactor: "TPU chip, 8 per host (4×2)",
    memory: memory(16, 15.75, "derived: 16 GiB HBM per chip less ≈0.25 GiB runtime", "HBM2e"),
    bandwidthTBps: 0.819,
    compute: .init(fp16: Peak(197), int8: Peak(393)),
    link: .init(kind: .ici, name: "ICI (2D torus)", bidirectionalGBps: 400, scaleUpDomain: 256),
    gpusPerNode: 8, tdpWatts: nil, launchYear: 2023, pricePerHour: 1.2, sources: "S30 S35",
    note: "vLLM TPU only (vllm-project/tpu-inference); bf16 and int8", architecture: .tpu),
  GPUSpec(
    id: "tpu-v6e", name: "Google Cloud TPU v6e Trillium (per chip)", vendor: .google,
    aliases: ["v6e", "trillium"], formFactor: "TPU chip, 8 per host (4×2)",
    memory: memory(32, 31.75, "derived: 32 GiB HBM per chip less ≈0.25 GiB runtime", "HBM3"),
    bandwidthTBps: 1.638,
    compute: .init(fp16: Peak(918), int8: Peak(1836)),
    link: .init(kind: .ici, name: "ICI (2D torus)", bidirectionalGBps: 800, scaleUpDomain: 256),
    gpusPerNode: 8, tdpWatts: nil, launchYear: 2024, pricePerHour: 2.7, sources: "S30 S35",
    note: "vLLM TPU only (vllm-project/tpu-inference); bf16 and int8", architecture: .tpu),
]
