import LLMPlanKit
import LLMPlanTestSupport
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

/// RFC 4180 and spreadsheet safety (README, "Output formats").
@Suite("CSV")
struct CSVTests {
  // CRLF after every record, the last included; a field with a comma, a quote or a line break
  // is quoted, its quotes doubled (RFC 4180 §2, rules 1, 6 and 7).
  @Test func quotingAndLineEnds() {
    var csv = CSV(header: ["name", "note"])
    csv.append(["a,b", "say \"hi\""])
    csv.append(["two\nlines", "plain"])
    #expect(
      csv.rendered()
        == "name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",plain\r\n")
  }

  // Lists are one field with spaces: "27 27 26" stays text in a spreadsheet, "27/27/26" would
  // become a date.
  @Test func listsAreSpaceSeparated() {
    #expect(CSV.list([27, 27, 26]) == "27 27 26")
    #expect(CSV.list([]) == "")
  }

  // A field a spreadsheet would run as a formula gets a leading apostrophe; numbers, negative
  // ones included, stay numbers.
  @Test func formulasAreDefused() {
    #expect(CSV.field("=1+1") == "'=1+1")
    #expect(CSV.field("+cmd") == "'+cmd")
    #expect(CSV.field("@SUM(A1)") == "'@SUM(A1)")
    #expect(CSV.field("-x") == "'-x")
    #expect(CSV.field("-1.5") == "-1.5")
    #expect(CSV.field("-.5") == "-.5")
    #expect(CSV.field("=a,b") == "\"'=a,b\"")
    #expect(CSV.field("llama-3-70b") == "llama-3-70b")
  }

  // Every CSV the CLI writes ends its records with CRLF and has no slash-separated list.
  @Test func layoutsCSVIsSpreadsheetSafe() {
    let outcome = runCLI(arguments: [
      "layouts", "llama3-70b", "--gpu", "h100", "--gpus", "8", "--format", "csv",
    ])
    #expect(outcome.stdout.hasSuffix("\r\n"))
    let records = outcome.stdout.split(separator: "\r\n")
    #expect(records.count > 2)
    let header = csvFields(records[0])
    let stages = header.firstIndex(of: "stage_layers")!
    for record in records.dropFirst() {
      #expect(!csvFields(record)[stages].contains("/"))
    }
  }
}
