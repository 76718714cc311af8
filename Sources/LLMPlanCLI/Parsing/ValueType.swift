import LLMPlanKit

/// What an option's text must be and what it becomes: the one place a kind of value is
/// parsed, checked, shown in help and offered for completion.
struct ValueType<Value: Sendable>: Sendable {
  /// Placeholder in help: `N`, `TOKENS`, `GPU`.
  let placeholder: String
  /// Turns the text into a value, or says what is wrong with it, quoting it
  /// ("'abc' is not a whole number"); the reader puts the option's name in front. Names of GPUs
  /// and models are looked up in the invocation's catalogs.
  let parse: @Sendable (String, InputContext) -> Result<Value, ValueProblem>
  /// How a value is written in help (defaults).
  let show: @Sendable (Value) -> String
  /// Whether the option takes no value.
  var isFlag = false
  /// The valid slugs, for help and completions; empty when free-form.
  var choices: [String] = []
  /// An example value and the command that lists the valid ones, for "needs --gpu GPU".
  var example: String?
  var listing: String?
  /// The valid values in words, for help: "1 to 1,024", "above 0, at most 1".
  var range: String?

  init(
    placeholder: String,
    parse: @escaping @Sendable (String, InputContext) -> Result<Value, ValueProblem>,
    show: @escaping @Sendable (Value) -> String, isFlag: Bool = false, choices: [String] = [],
    example: String? = nil, listing: String? = nil, range: String? = nil
  ) {
    self.placeholder = placeholder
    self.parse = parse
    self.show = show
    self.isFlag = isFlag
    self.choices = choices
    self.example = example
    self.listing = listing
    self.range = range
  }

  /// A value that does not depend on the catalogs.
  init(
    placeholder: String, parse: @escaping @Sendable (String) -> Result<Value, ValueProblem>,
    show: @escaping @Sendable (Value) -> String, isFlag: Bool = false, choices: [String] = [],
    example: String? = nil, listing: String? = nil, range: String? = nil
  ) {
    self.init(
      placeholder: placeholder, parse: { raw, _ in parse(raw) }, show: show, isFlag: isFlag,
      choices: choices, example: example, listing: listing, range: range)
  }
}

/// What parsing a value may look up: the GPU and model catalogs of this invocation (built-in,
/// with `--gpu-catalog`'s additions).
struct InputContext: Sendable {
  var gpus = GPUCatalog.builtin
  var models = ModelCatalog.builtin
}

/// What is wrong with an option's text.
struct ValueProblem: Error, Sendable {
  let message: String
  init(_ message: String) { self.message = message }
}

/// "; did you mean 'x'?" when a close spelling exists (`prefix` goes before the suggestion).
func didYouMean(_ name: String, _ candidates: [(String, [String])], prefix: String = "")
  -> String
{
  NameKey.suggestion(for: name, among: candidates.map { (id: $0.0, names: $0.1) })
    .map { "; did you mean '\(prefix)\($0)'?" } ?? ""
}

extension ValueType where Value == Bool {
  /// An option without a value: present or not.
  static var flag: ValueType {
    ValueType(
      placeholder: "", parse: { _ in .success(true) }, show: { $0 ? "on" : "off" }, isFlag: true)
  }
}

extension ValueType where Value == Int {
  /// A whole number in `range` (``NumberText/integer(_:grouping:)``: `8192`, `8,192` or
  /// `8_192`); with `k` allowed, also `8k` (× 1,024). `limitReason` follows the maximum in the
  /// message for a value above it.
  static func integer(
    _ range: ClosedRange<Int>, placeholder: String = "N", allowK: Bool = false,
    limitReason: String = ""
  ) -> ValueType {
    let bounds = "\(Format.integer(range.lowerBound)) to \(Format.integer(range.upperBound))"
    return ValueType(
      placeholder: placeholder,
      parse: { raw in
        var text = raw
        var multiplier = 1
        if allowK, text.hasSuffix("k") || text.hasSuffix("K") {
          multiplier = 1024
          text.removeLast()
        }
        guard let digits = NumberText.integer(text) else {
          return .failure(
            ValueProblem(
              "'\(raw)' is not a whole number from \(bounds) (digits, grouped in threes if at all: 8192, 8,192\(allowK ? " or 8k" : ""))"
            ))
        }
        guard let value = Int(digits) else {
          return .failure(
            ValueProblem(
              digits.hasPrefix("-")
                ? "'\(raw)' must be at least \(Format.integer(range.lowerBound))"
                : "'\(raw)' is too large; at most \(Format.integer(range.upperBound))\(limitReason)"
            ))
        }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: multiplier)
        if overflow || scaled > range.upperBound {
          return .failure(
            ValueProblem(
              "'\(raw)' is too large; at most \(Format.integer(range.upperBound))\(limitReason)"))
        }
        if scaled < range.lowerBound {
          return .failure(
            ValueProblem("'\(raw)' must be at least \(Format.integer(range.lowerBound))"))
        }
        return .success(scaled)
      }, show: { Format.integer($0) }, range: bounds + (allowK ? ", or 8k" : ""))
  }

  /// Tokens: a whole number or `8k`, in `range`.
  static func tokens(_ range: ClosedRange<Int>, placeholder: String = "TOKENS") -> ValueType {
    integer(
      range, placeholder: placeholder, allowK: true,
      limitReason: " tokens, beyond any model's context")
  }
}

extension ValueType where Value == Double {
  /// A number (``NumberText/decimal(_:)``) checked by `isValid`; `problem` follows the quoted
  /// text when it is not one, and says the valid range (`range`, for help).
  static func number(
    placeholder: String, range: String, problem: String,
    _ isValid: @escaping @Sendable (Double) -> Bool
  ) -> ValueType {
    ValueType(
      placeholder: placeholder,
      parse: { raw in
        guard let value = NumberText.decimal(raw), isValid(value) else {
          return .failure(ValueProblem("'\(raw)' \(problem)"))
        }
        return .success(value)
      }, show: { Format.number($0, maxDecimals: 4) }, range: range)
  }

  /// A memory fraction in (0, 1].
  static var fraction: ValueType {
    number(
      placeholder: "F", range: "above 0, at most 1",
      problem: "must be a fraction above 0 and at most 1 (e.g. 0.9)"
    ) { $0 > 0 && $0 <= 1 }
  }

  /// USD per GPU-hour, above 0 and at most 10,000.
  static var price: ValueType {
    number(
      placeholder: "USD", range: "above 0, at most 10,000",
      problem: "is not a price in USD per GPU-hour above 0 and at most 10,000 (e.g. 2.99)"
    ) { $0 > 0 && $0 <= 10_000 }
  }
}

extension ValueType {
  /// One of the cases of `Choice`, by raw value (case-insensitive), with a did-you-mean.
  static func choice(_ cases: [Value], placeholder: String) -> ValueType
  where Value: RawRepresentable, Value.RawValue == String {
    let names = cases.map(\.rawValue)
    return ValueType(
      placeholder: placeholder,
      parse: { raw in
        let key = raw.lowercased()
        if let match = cases.first(where: { $0.rawValue == key }) { return .success(match) }
        return .failure(
          ValueProblem(
            "'\(raw)' is not one of \(names.joined(separator: ", "))\(didYouMean(key, names.map { ($0, [$0]) }))"
          ))
      }, show: { $0.rawValue }, choices: names)
  }

  /// A comma-separated list of `element` values (`1k,4k,32768`), at most `limit` of them;
  /// the first bad one is reported.
  static func list<Element>(
    _ element: ValueType<Element>, placeholder: String? = nil, limit: Int = 64
  ) -> ValueType where Value == [Element] {
    ValueType(
      placeholder: placeholder ?? "\(element.placeholder),…",
      parse: { raw, context in
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= limit else {
          return .failure(
            ValueProblem(
              "'\(raw)' has \(Format.integer(parts.count)) values; at most \(Format.integer(limit))"
            ))
        }
        var values: [Element] = []
        for part in parts {
          switch element.parse(String(part), context) {
          case .success(let value): values.append(value)
          case .failure(let problem): return .failure(problem)
          }
        }
        return .success(values)
      }, show: { $0.map(element.show).joined(separator: ",") }, choices: element.choices,
      example: element.example, listing: element.listing,
      range: "up to \(Format.integer(limit)) values" + (element.range.map { ", each \($0)" } ?? ""))
  }
}

extension ValueType where Value == String {
  /// A file or directory path (read later, by the command that needs it).
  static var path: ValueType {
    ValueType(
      placeholder: "FILE",
      parse: { raw in raw.isEmpty ? .failure(ValueProblem("'' is not a path")) : .success(raw) },
      show: { $0 })
  }
}

extension ValueType where Value == Precision {
  /// A weight format (`bf16`, `fp8`, `awq`, `q4_k`), or with `kvCache` a KV-cache format.
  static func precision(kvCache: Bool = false) -> ValueType {
    let formats = kvCache ? EngineRegistry.kvFormats : Precision.all
    return ValueType(
      placeholder: "P",
      parse: { raw in
        if let precision = Precision.named(raw, in: formats) { return .success(precision) }
        let hint = didYouMean(raw, formats.map { ($0.id, [$0.id] + $0.aliases) })
        return .failure(
          ValueProblem(
            "unknown precision '\(raw)'\(hint) (known: \(formats.map(\.id).joined(separator: ", ")))"
          ))
      }, show: \.id, choices: formats.map(\.id))
  }
}

extension ValueType {
  /// An entry of the catalog `catalog` picks from the context (`kind`: "GPU", "model"), by any
  /// of its spellings, with a did-you-mean and the command that lists the entries.
  static func entry<Catalog: NamedCatalog>(
    of catalog: @escaping @Sendable (InputContext) -> Catalog, kind: String, listing: String,
    example: String, ids: [String]
  ) -> ValueType where Catalog.Entry == Value {
    ValueType(
      placeholder: kind.uppercased(),
      parse: { raw, context in
        let catalog = catalog(context)
        if let value = catalog.entry(named: raw) { return .success(value) }
        if kind == "GPU", raw.uppercased().contains("MIG") {
          return .failure(
            ValueProblem(
              "unknown GPU '\(raw)': a MIG slice is not in the catalog; define it with --gpu-catalog (README, \"GPU catalog files\")"
            ))
        }
        let hint = catalog.suggestion(for: raw).map { "; did you mean '\($0)'?" } ?? ""
        return .failure(ValueProblem("unknown \(kind) '\(raw)'\(hint) (see '\(listing)')"))
      }, show: Catalog.id, choices: ids, example: example, listing: listing)
  }
}

extension ValueType where Value == GPUSpec {
  /// A GPU of the catalog, by id, alias or product name.
  static var gpu: ValueType {
    entry(
      of: \.gpus, kind: "GPU", listing: "llmplan gpus", example: "h100",
      ids: GPUCatalog.builtin.gpus.map(\.id))
  }
}

extension ValueType where Value == ModelSpec {
  /// A model: a path to its `config.json`, checkpoint directory or `.gguf` file, or a catalog
  /// name (id, alias, Hugging Face id, with the organisation and repo suffixes people type).
  static var model: ValueType {
    ValueType(
      placeholder: "MODEL",
      parse: { raw, context in
        if ModelFile.isPath(raw) {
          do throws(InputError) {
            return .success(try ModelFile.load(raw))
          } catch {
            return .failure(ValueProblem(error.message))
          }
        }
        if let model = context.models.model(named: raw) { return .success(model) }
        if let resolved = context.models.resolve(raw) { return .success(resolved.model) }
        let hint = context.models.suggestion(for: raw).map { "; did you mean '\($0)'?" } ?? ""
        return .failure(
          ValueProblem(
            "unknown model '\(raw)'\(hint) (see 'llmplan models', or pass the path of its config.json, checkpoint directory or .gguf file)"
          ))
      }, show: \.id, choices: ModelCatalog.builtin.models.map(\.id), example: "llama3-70b",
      listing: "llmplan models")
  }
}
