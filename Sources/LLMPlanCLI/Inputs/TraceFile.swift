import LLMPlanKit

/// `serve --trace FILE`: requests as recorded, one per line.
///
/// - JSONL: one object per line, `{"arrival_s": 0.42, "input_tokens": 1800,
///   "output_tokens": 250}` (other keys are ignored);
/// - CSV: the header `arrival_s,input_tokens,output_tokens`, then one row per request.
///
/// Arrival times are seconds from the start, non-negative and in order; token counts whole
/// numbers from 1 to 16,777,216. Blank lines are skipped. Every problem names its line.
enum TraceFile {
  /// Largest trace read: 100,000 requests of a few dozen bytes.
  static let byteLimit = 16 << 20

  static func read(_ path: String) throws(InputError) -> [TracedRequest] {
    let bytes = try InputFile.contents(path, limit: byteLimit)
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .map { (number: $0.offset + 1, text: $0.element.trimmingSuffix("\r")) }
    lines = lines.filter { !$0.text.allSatisfy(\.isWhitespace) }
    guard let first = lines.first else {
      throw InputError(
        path,
        "has no requests (JSONL objects or a CSV with the header arrival_s,input_tokens,output_tokens)"
      )
    }
    let isCSV = !first.text.drop { $0 == " " }.hasPrefix("{")
    if isCSV {
      let header = first.text.split(separator: ",").map {
        $0.trimmingCharacters(" \"").lowercased()
      }
      guard header == ["arrival_s", "input_tokens", "output_tokens"] else {
        throw InputError(
          path,
          "line \(first.number): the CSV header must be arrival_s,input_tokens,output_tokens (or give JSONL objects)"
        )
      }
      lines.removeFirst()
    }
    guard lines.count <= Planner.serveRequestLimit else {
      throw InputError(
        path,
        "has \(lines.count) requests; at most \(Planner.serveRequestLimit) are simulated")
    }
    var requests: [TracedRequest] = []
    requests.reserveCapacity(lines.count)
    var previous = 0.0
    for line in lines {
      func fail(_ problem: String) -> InputError {
        InputError(path, "line \(line.number): \(problem)")
      }
      var fields: [String: Double] = [:]
      if isCSV {
        let cells = line.text.split(separator: ",", omittingEmptySubsequences: false)
        guard cells.count == 3 else {
          throw fail("\(cells.count) fields; a row is arrival_s,input_tokens,output_tokens")
        }
        for (key, cell) in zip(["arrival_s", "input_tokens", "output_tokens"], cells) {
          let trimmed = String(cell.trimmingCharacters(" \""))
          guard let value = Double(trimmed), value.isFinite else {
            throw fail("\(key) '\(trimmed.prefix(40))' is not a number")
          }
          fields[key] = value
        }
      } else {
        guard case .success(let node) = JSONParser.parse(Array(line.text.utf8)),
          case .object = node
        else {
          throw fail(
            "not a JSON object like {\"arrival_s\": 0.42, \"input_tokens\": 1800, \"output_tokens\": 250}"
          )
        }
        for key in ["arrival_s", "input_tokens", "output_tokens"] {
          guard let value = node[key] else { throw fail("missing \(key)") }
          guard let number = value.number, number.isFinite else {
            throw fail("\(key) is not a number")
          }
          fields[key] = number
        }
      }
      let arrival = fields["arrival_s"]!
      guard arrival >= 0 else { throw fail("arrival_s \(arrival) is negative") }
      guard arrival >= previous else {
        throw fail(
          "arrival_s \(arrival) is earlier than the line before (\(previous)); sort the trace by arrival"
        )
      }
      previous = arrival
      var tokens: [Int] = []
      for key in ["input_tokens", "output_tokens"] {
        let value = fields[key]!
        guard value.rounded() == value, value >= 1, value <= Double(Limits.context) else {
          throw fail(
            "\(key) \(Format.number(value, maxDecimals: 3)) must be a whole number from 1 to \(Format.integer(Limits.context))"
          )
        }
        tokens.append(Int(value))
      }
      requests.append(
        TracedRequest(arrival: arrival, inputTokens: tokens[0], outputTokens: tokens[1]))
    }
    return requests
  }
}

extension Substring {
  fileprivate func trimmingSuffix(_ character: Character) -> Substring {
    last == character ? dropLast() : self
  }

  fileprivate func trimmingCharacters(_ set: String) -> Substring {
    var slice = self
    while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
    return slice
  }
}
