#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the program knows of the world it runs in, and what it hands back to it.
public struct Terminal: Sendable {
  /// Environment variables that change output (`NO_COLOR`, `TERM`).
  public var environment: [String: String]
  /// Whether standard output is a terminal (colour only then).
  public var isTTY: Bool
  /// Columns of the terminal standard output is, when it is one and says.
  public var columns: Int?

  public init(environment: [String: String] = [:], isTTY: Bool = false, columns: Int? = nil) {
    self.environment = environment
    self.isTTY = isTTY
    self.columns = columns
  }

  /// The process's own terminal.
  public static func current() -> Terminal {
    var environment: [String: String] = [:]
    for key in ["NO_COLOR", "TERM", "COLUMNS"] {
      if let value = getenv(key) { environment[key] = String(cString: value) }
    }
    let isTTY = isatty(1) == 1
    var columns: Int?
    if isTTY {
      var size = winsize()
      if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { columns = Int(size.ws_col) }
    }
    return Terminal(environment: environment, isTTY: isTTY, columns: columns)
  }

  /// The width output is laid out in: `COLUMNS` (20 to 1,000) when set, else the terminal's
  /// own, else 100 (a pipe, a file, a CI log).
  public var width: Int {
    if let text = environment["COLUMNS"], let value = Int(text), (20...1000).contains(value) {
      return value
    }
    return columns.map { min(max($0, 20), 1000) } ?? 100
  }
}

/// Everything one run produced: text for stdout and stderr and the exit code.
public struct Outcome: Sendable, Equatable {
  public var stdout: String
  public var stderr: String
  public var code: ExitCode

  public init(stdout: String = "", stderr: String = "", code: ExitCode = .success) {
    self.stdout = stdout
    self.stderr = stderr
    self.code = code
  }

  /// Writes the streams and ends the process with the exit code.
  public func deliver() -> Never {
    writeAll(stdout, to: 1)
    writeAll(stderr, to: 2)
    exit(code.rawValue)
  }
}

/// llmplan's three exit codes.
public enum ExitCode: Int32, Sendable {
  /// Answered; it fits.
  case success = 0
  /// Answered; it does not fit, or a threshold failed (the CI gate).
  case doesNotFit = 1
  /// Usage or input error.
  case usage = 2
}

private func writeAll(_ text: String, to descriptor: Int32) {
  var bytes = Array(text.utf8)
  var offset = 0
  while offset < bytes.count {
    let written = bytes.withUnsafeMutableBytes { buffer in
      write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
    }
    if written <= 0 { return }
    offset += written
  }
}
