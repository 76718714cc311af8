/// `llmplan man`: the manual page in roff (`man -l llmplan.1`), generated from the command
/// declarations, as the help is.
enum ManPage {
  /// Text safe in roff: backslashes as `\e`, hyphens as `\-`, non-ASCII as `\[uXXXX]`, and a
  /// line never starting with a control character (`.` or `'`).
  static func roff(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\e"
      case "-": out += "\\-"
      default:
        if scalar.isASCII {
          out.unicodeScalars.append(scalar)
        } else {
          // Non-ASCII as groff's Unicode escape, so no input encoding is assumed.
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
        }
      }
    }
    if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
    return out
  }

  static func page() -> String {
    var out = """
      .TH LLMPLAN 1 "" "llmplan \(LLMPlan.version)" "User Commands"
      .SH NAME
      llmplan \\- how many GPUs, of which kind, laid out how, a large language model needs
      .SH SYNOPSIS
      .B llmplan
      .I COMMAND
      .RI [ ARGUMENT ]
      .RI [ options ]
      .SH DESCRIPTION
      An offline capacity planner: memory per GPU under each serving engine's rules, layouts
      (TP \\(mu PP \\(mu DP \\(mu EP), speed calibrated against published measurements, serving
      simulation, and sizing checks for CI. Every figure names its unit (GB = 10^9 bytes,
      GiB = 2^30 bytes).
      .SH COMMANDS

      """
    for spec in ShellCompletion.specs {
      let positional =
        spec.positional.map { " " + ($0.isOptional ? "[\($0.placeholder)]" : $0.placeholder) } ?? ""
      out += ".SS \(roff(spec.name + positional))\n\(roff(spec.summary))\n"
      if let positional = spec.positional {
        out += ".PP\n\\fI\(roff(positional.placeholder))\\fR: \(roff(positional.meaning))\n"
      }
      for option in spec.options {
        out += ".TP\n.B \(roff(option.label))\n\(roff(option.helpText))\n"
      }
      for paragraph in spec.details.split(separator: "\n\n") where !paragraph.isEmpty {
        out += ".PP\n" + roff(paragraph.split(separator: "\n").joined(separator: " ")) + "\n"
      }
      if !spec.examples.isEmpty {
        out += ".PP\nExamples:\n.nf\n"
        for example in spec.examples { out += roff(example) + "\n" }
        out += ".fi\n"
      }
    }
    for (name, summary) in ShellCompletion.extraCommands {
      out += ".SS \(roff(name))\n\(roff(summary))\n"
    }
    out += """
      .SH EXIT STATUS
      .TP
      .B 0
      answered; it fits (every requirement met)
      .TP
      .B 1
      answered; it does not fit, misses a latency target or fails a requirement
      .TP
      .B 2
      usage or input error: one line per problem on standard error
      .SH ENVIRONMENT
      .TP
      .B NO_COLOR
      no colour, unless \\-\\-color always
      .SH SEE ALSO
      The README of the llmplan repository: formulas, engine rules, calibration and JSON schemas.

      """
    return out
  }
}
