internal import Foundation
import Curl
import KubeCore

/// What one request carries to authenticate: a bearer token and/or a client certificate from a plugin.
struct RequestCredentials: Sendable {
    var bearerToken: String?
    var clientCertificate: TLSConfiguration.PEM?
    var clientKey: TLSConfiguration.PEM?
}

/// Supplies credentials per request: a fixed token; a token file re-read whenever its modification time,
/// size or inode changes; or an exec plugin's credential cached until its `expirationTimestamp` (one
/// plugin run at a time, shared by concurrent requests). `invalidate()` (after a 401) forgets cached
/// credentials so the next request reads or runs them again.
actor CredentialProvider {
    private let authentication: Authentication
    private var fileCache: (stamp: FileStamp, token: String)?
    private var execCache: ExecCredential?
    private var execInFlight: Task<Result<ExecCredential, ExecCredentialError>, Never>?

    struct FileStamp: Equatable {
        var modified: Date?
        var size: Int?
        var inode: Int?
    }

    init(_ authentication: Authentication) {
        self.authentication = authentication
    }

    /// Whether `invalidate()` can produce different credentials (so a 401 is worth one retry).
    nonisolated var canRefresh: Bool {
        switch authentication {
        case .tokenFile, .exec: true
        case .none, .token: false
        }
    }

    func credentials(for request: APIRequest) async throws(KubeAPIError) -> RequestCredentials {
        switch authentication {
        case .none:
            return RequestCredentials()
        case .token(let token):
            return RequestCredentials(bearerToken: token)
        case .tokenFile(let path):
            return RequestCredentials(bearerToken: try readTokenFile(path, request: request))
        case .exec(let config):
            let credential = try await execCredential(config, request: request)
            return RequestCredentials(
                bearerToken: credential.token, clientCertificate: credential.clientCertificate.map { .data($0) },
                clientKey: credential.clientKey.map { .data($0) })
        }
    }

    func invalidate() {
        fileCache = nil
        execCache = nil
    }

    private func readTokenFile(_ path: String, request: APIRequest) throws(KubeAPIError) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let stamp = FileStamp(
            modified: attributes?[.modificationDate] as? Date, size: (attributes?[.size] as? NSNumber)?.intValue,
            inode: (attributes?[.systemFileNumber] as? NSNumber)?.intValue)
        if let fileCache, fileCache.stamp == stamp { return fileCache.token }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw credentialError("cannot read token file \(path)", request)
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw credentialError("token file \(path) is empty", request) }
        fileCache = (stamp, token)
        return token
    }

    private func execCredential(_ config: ExecPluginConfig, request: APIRequest) async throws(KubeAPIError)
        -> ExecCredential
    {
        if let cached = execCache, cached.expiration.map({ $0 > Date() }) ?? true { return cached }
        let task: Task<Result<ExecCredential, ExecCredentialError>, Never>
        if let execInFlight {
            task = execInFlight
        } else {
            task = Task { () -> Result<ExecCredential, ExecCredentialError> in
                do throws(ExecCredentialError) {
                    return .success(try await ExecCredentialRunner.run(config))
                } catch {
                    return .failure(error)
                }
            }
            execInFlight = task
        }
        let result = await task.value
        if execInFlight == task { execInFlight = nil }
        switch result {
        case .success(let credential):
            execCache = credential
            return credential
        case .failure(let error):
            throw credentialError(error.description, request)
        }
    }

    private func credentialError(_ message: String, _ request: APIRequest) -> KubeAPIError {
        KubeAPIError(
            kind: .credentials, httpStatus: 0, reason: "Credentials", message: message,
            method: request.method.rawValue, resource: request.resource, objectKey: request.objectKey)
    }
}
