import CCrypto
import Foundation

/// SHA-256 digests from the system's libcrypto, computed over whole buffers or streamed.
public final class SHA256 {
    private let context: OpaquePointer
    private var isFinished = false

    public init() {
        guard let context = EVP_MD_CTX_new() else {
            preconditionFailure("libcrypto could not allocate a digest context")
        }
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "libcrypto rejected SHA-256 initialisation")
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds bytes to the digest.
    public func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
        precondition(!isFinished, "SHA256.update called after finalizeHex")
        bytes.withUnsafeBytes { buffer in
            _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
    }

    /// Ends the digest and returns it as 64 lower-case hex digits; no more bytes can be added.
    public func finalizeHex() -> String {
        precondition(!isFinished, "SHA256.finalizeHex called twice")
        isFinished = true
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return digest.prefix(Int(length)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The hex digest of `bytes`.
    public static func hex<Bytes: ContiguousBytes>(of bytes: Bytes) -> String {
        let hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The hex digest of a file, read in 1 MiB pieces.
    public static func hex(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        let hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
        }
        return hasher.finalizeHex()
    }
}
