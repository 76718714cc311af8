/// One request of a serving run: when it arrives and how many tokens it brings and wants.
public struct TracedRequest: Sendable, Hashable {
  /// Seconds from the start of the run.
  public let arrival: Double
  public let inputTokens: Int
  public let outputTokens: Int
  /// Arrives with its prompt's KV and first output token already made (a decode pool's
  /// request, handed over by a prefill pool).
  public let prefilled: Bool

  public init(arrival: Double, inputTokens: Int, outputTokens: Int, prefilled: Bool = false) {
    self.arrival = arrival
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.prefilled = prefilled
  }
}

/// Requests arriving as a Poisson process: exponential gaps of mean 1 / `rate` seconds drawn
/// from a seeded generator, so the same seed gives the same run on every machine; `rate`
/// `nil` means every request arrives at time 0 (the engines' own benchmarks at an infinite
/// request rate).
public enum Arrivals {
  public static func poisson(
    count: Int, rate: Double?, inputTokens: Int, outputTokens: Int, seed: UInt64
  ) -> [TracedRequest] {
    var generator = SplitMix64(seed: seed)
    var time = 0.0
    var requests: [TracedRequest] = []
    requests.reserveCapacity(max(0, count))
    for _ in 0..<max(0, count) {
      if let rate, rate > 0 {
        // Inverse transform: −ln(U) / rate with U uniform in (0, 1].
        time += -naturalLog(generator.nextUnit()) / rate
      }
      requests.append(
        TracedRequest(arrival: time, inputTokens: inputTokens, outputTokens: outputTokens))
    }
    return requests
  }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a small generator whose stream is fixed by its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in (0, 1]: 53 random bits, never 0.
  public mutating func nextUnit() -> Double {
    Double((next() >> 11) + 1) / 9_007_199_254_740_992
  }
}

/// ln(x) for x > 0 without Foundation: x = m · 2^e with m in [1, 2), ln m = 2 atanh((m − 1) /
/// (m + 1)) by its series (|z| ≤ 1/3, so 20 terms reach double precision).
func naturalLog(_ x: Double) -> Double {
  guard x > 0, x.isFinite else { return x == 0 ? -.infinity : .nan }
  let e = Double(x.exponent)
  let m = x.significand
  let z = (m - 1) / (m + 1)
  let z2 = z * z
  var term = z
  var sum = 0.0
  for k in 0..<20 {
    sum += term / Double(2 * k + 1)
    term *= z2
  }
  return 2 * sum + e * 0.693_147_180_559_945_3
}
