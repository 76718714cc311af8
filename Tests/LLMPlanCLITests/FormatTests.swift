import LLMPlanKit
import Testing

@testable import LLMPlanCLI

@Suite("Number formatting")
struct FormatTests {
  @Test func fixed() {
    #expect(Format.fixed(131.4158, 2) == "131.42")
    #expect(Format.fixed(0.125, 2) == "0.13")  // half away from zero
    #expect(Format.fixed(-1.05, 1) == "-1.1")
    #expect(Format.fixed(-0.001, 2) == "0.00")
    #expect(Format.fixed(1234567.891, 1, grouped: true) == "1,234,567.9")
    #expect(Format.fixed(5, 0) == "5")
  }

  @Test func integerAndNumber() {
    #expect(Format.integer(70_553_706_496) == "70,553,706,496")
    #expect(Format.integer(-1000) == "-1,000")
    #expect(Format.number(0.90) == "0.9")
    #expect(Format.number(79.18) == "79.18")
    #expect(Format.number(1800) == "1800")
  }

  @Test func bytes() {
    #expect(Format.gib(.gib(2.5)) == "2.50 GiB")
    #expect(Format.gb(.gb(168)) == "168.00 GB")
    #expect(Bytes.gib(1).value == 1_073_741_824)
  }
}
