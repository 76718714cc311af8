#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A problem with an input file: which file, where in it, and what is wrong. One line on
/// stderr, exit code 2.
struct InputError: Error, Sendable, Equatable {
  let message: String

  init(_ path: String, _ problem: String) { message = "\(path): \(problem)" }
  init(_ path: String, offset: Int, _ problem: String) {
    message = "\(path): byte \(offset): \(problem)"
  }
}

/// Files and directories as the inputs need them: whole small files, byte ranges of large
/// ones, directory listings. POSIX calls only; nothing is read that is not asked for.
enum InputFile {
  enum Kind { case file, directory }

  /// What is at `path`, or `nil` when nothing is.
  static func kind(_ path: String) -> Kind? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
  }

  /// The size of the file at `path` in bytes.
  static func size(_ path: String) throws(InputError) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { throw InputError(path, "cannot be read (\(reason()))") }
    return Int(info.st_size)
  }

  /// The whole file, refused when larger than `limit` bytes.
  static func contents(_ path: String, limit: Int) throws(InputError) -> [UInt8] {
    let size = try size(path)
    guard size <= limit else {
      throw InputError(path, "is \(size) bytes; more than the \(limit) bytes such a file can be")
    }
    return try bytes(path, offset: 0, count: size)
  }

  /// `count` bytes from `offset`; fewer only when the file ends first.
  static func bytes(_ path: String, offset: Int, count: Int) throws(InputError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw InputError(path, "cannot be opened (\(reason()))") }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: max(0, count))
    var filled = 0
    while filled < buffer.count {
      let got = buffer.withUnsafeMutableBytes { raw in
        pread(descriptor, raw.baseAddress! + filled, raw.count - filled, off_t(offset + filled))
      }
      if got < 0 { throw InputError(path, "cannot be read (\(reason()))") }
      if got == 0 { break }
      filled += got
    }
    return filled == buffer.count ? buffer : Array(buffer[..<filled])
  }

  /// The names in a directory, sorted, without `.` and `..`.
  static func names(in directory: String) throws(InputError) -> [String] {
    guard let handle = opendir(directory) else {
      throw InputError(directory, "cannot be listed (\(reason()))")
    }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) {
          String(cString: $0)
        }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// `directory/name`.
  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  private static func reason() -> String { String(cString: strerror(errno)) }
}
