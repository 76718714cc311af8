import Foundation
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// The JSON Schema files in `schemas/` (written by scripts/json-schemas.py) against every JSON
/// golden and the catalog listings: what the README promises programs, checked on what the
/// tool prints.
@Suite("JSON schemas")
struct JSONSchemaTests {
  static let directory = repositoryRoot.appendingPathComponent("schemas")

  static func node(_ url: URL) throws -> JSONNode {
    let bytes = try [UInt8](Data(contentsOf: url))
    return try JSONParser.parse(bytes).get()
  }

  static func schema(_ command: String) throws -> JSONNode {
    try node(directory.appendingPathComponent("\(command).schema.json"))
  }

  // Every JSON golden is valid under its command's schema (the golden's name starts with it).
  @Test func goldensMatchTheirSchemas() throws {
    let golden = repositoryRoot.appendingPathComponent("Fixtures/golden")
    let files = try FileManager.default.contentsOfDirectory(atPath: golden.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.count >= 14)
    for file in files {
      let command = String(file.prefix { $0 != "-" && $0 != "." })
      let errors = SchemaValidator.errors(
        try Self.node(golden.appendingPathComponent(file)), try Self.schema(command))
      #expect(errors.isEmpty, "\(file): \(errors.prefix(5).joined(separator: "; "))")
    }
  }

  // Commands without a JSON golden: their output now, under their schemas.
  @Test(arguments: [["gpus"], ["engines"], ["models"]])
  func listingsMatchTheirSchemas(arguments: [String]) throws {
    let outcome = runCLI(arguments: arguments + ["--format", "json"])
    let document = try JSONParser.parse(Array(outcome.stdout.utf8)).get()
    let errors = SchemaValidator.errors(document, try Self.schema(arguments[0]))
    #expect(errors.isEmpty, "\(errors.prefix(5).joined(separator: "; "))")
  }

  // The validator itself: each keyword rejects what it should, with the path of the value.
  @Test func validatorRejects() throws {
    let schema = try JSONParser.parse(
      Array(
        """
        {"type": "object", "required": ["a"], "additionalProperties": false,
         "properties": {"a": {"type": ["number", "null"]}, "b": {"type": "array",
         "items": {"type": "string"}}, "c": {"const": 1},
         "d": {"type": "object", "additionalProperties": {"type": "boolean"}}}}
        """.utf8)
    ).get()
    func errors(_ text: String) throws -> [String] {
      SchemaValidator.errors(try JSONParser.parse(Array(text.utf8)).get(), schema)
    }
    #expect(try errors(#"{"a": 1, "b": ["x"], "c": 1, "d": {"k": true}}"#).isEmpty)
    #expect(try errors(#"{"a": null}"#).isEmpty)
    #expect(try errors(#"{}"#) == ["$: missing required 'a'"])
    #expect(try errors(#"{"a": "1"}"#) == ["$.a: string, expected number or null"])
    #expect(try errors(#"{"a": 1, "e": 2}"#) == ["$: unexpected field 'e'"])
    #expect(try errors(#"{"a": 1, "b": [3]}"#) == ["$.b[0]: number, expected string"])
    #expect(try errors(#"{"a": 1, "c": 2}"#) == ["$.c: 2 is not the constant 1"])
    #expect(try errors(#"{"a": 1, "d": {"k": 0}}"#) == ["$.d.k: number, expected boolean"])
  }
}

/// A JSON Schema (draft 2020-12) validator for the keywords the shipped schemas use: `type` (a
/// name or a list), `const`, `properties`, `required`, `additionalProperties` (a boolean or a
/// schema), `items`; annotations (`title`, `description`, `$id`) are ignored.
enum SchemaValidator {
  static func errors(_ value: JSONNode, _ schema: JSONNode, path: String = "$") -> [String] {
    var errors: [String] = []
    if let type = schema["type"] {
      let allowed: [String] =
        switch type {
        case .string(let name): [name]
        case .array(let names): names.compactMap(\.string)
        default: []
        }
      let actual = kind(value)
      let accepted = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
      if !accepted {
        return [
          "\(path): \(actual == "integer" ? "number" : actual), expected \(allowed.joined(separator: " or "))"
        ]
      }
    }
    if let constant = schema["const"], constant != value {
      errors.append("\(path): \(text(value)) is not the constant \(text(constant))")
    }
    if case .object(let pairs) = value {
      let properties = schema["properties"]
      if case .array(let required) = schema["required"] {
        for key in required.compactMap(\.string) where value[key] == nil {
          errors.append("\(path): missing required '\(key)'")
        }
      }
      for (key, member) in pairs {
        if let property = properties?[key] {
          errors += Self.errors(member, property, path: "\(path).\(key)")
        } else if let additional = schema["additionalProperties"] {
          if case .bool(false) = additional {
            errors.append("\(path): unexpected field '\(key)'")
          } else if case .object = additional {
            errors += Self.errors(member, additional, path: "\(path).\(key)")
          }
        }
      }
    }
    if case .array(let items) = value, let itemSchema = schema["items"] {
      for (index, item) in items.enumerated() {
        errors += Self.errors(item, itemSchema, path: "\(path)[\(index)]")
      }
    }
    return errors
  }

  static func kind(_ value: JSONNode) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .number(let number, _): number.rounded() == number ? "integer" : "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  static func text(_ value: JSONNode) -> String {
    switch value {
    case .number(_, let written): written
    case .string(let string): "\"\(string)\""
    default: kind(value)
    }
  }
}
