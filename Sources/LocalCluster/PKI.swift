import Crypto
import Foundation
import SwiftASN1
import X509

/// The credentials of an embedded API server, kept in its data directory so that a restart serves the
/// same CA, certificate and token (and existing kubeconfigs keep working).
///
/// Files: `ca.crt`, `ca.key`, `apiserver.crt`, `apiserver.key`, `token`, and an admin client certificate
/// `admin.crt` + `admin.key` (CN `stockade-admin`, O `system:masters`) for x509 authentication (keys and
/// token mode 0600).
struct PKI {
    let caCertificatePEM: String
    let serverCertificatePEM: String
    let serverKeyPEM: String
    let token: String
    /// The username of the admin client certificate.
    static let adminUser = "stockade-admin"

    /// Loads the credentials from `directory`, creating any that are missing.
    static func loadOrCreate(in directory: String) throws -> PKI {
        let fm = FileManager.default
        func path(_ name: String) -> String { directory + "/" + name }
        func read(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }
        func write(_ name: String, _ contents: String, secret: Bool) throws {
            let target = path(name)
            try contents.write(toFile: target + ".tmp", atomically: false, encoding: .utf8)
            try fm.setAttributes([.posixPermissions: secret ? 0o600 : 0o644], ofItemAtPath: target + ".tmp")
            if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
            try fm.moveItem(atPath: target + ".tmp", toPath: target)
        }

        var caKey: P256.Signing.PrivateKey
        var caPEM: String
        if let keyPEM = read("ca.key"), let certPEM = read("ca.crt") {
            caKey = try P256.Signing.PrivateKey(pemRepresentation: keyPEM)
            caPEM = certPEM
        } else {
            caKey = P256.Signing.PrivateKey()
            caPEM = try makeCA(key: caKey).serializeAsPEM().pemString
            try write("ca.key", caKey.pemRepresentation, secret: true)
            try write("ca.crt", caPEM, secret: false)
        }
        let serverPEM: String
        let serverKey: String
        if let certPEM = read("apiserver.crt"), let keyPEM = read("apiserver.key") {
            serverPEM = certPEM
            serverKey = keyPEM
        } else {
            let key = P256.Signing.PrivateKey()
            let ca = try Certificate(pemEncoded: caPEM)
            serverPEM = try makeServerCertificate(key: key, ca: ca, caKey: caKey).serializeAsPEM().pemString
            serverKey = key.pemRepresentation
            try write("apiserver.key", serverKey, secret: true)
            try write("apiserver.crt", serverPEM, secret: false)
        }
        let token: String
        if let existing = read("token")?.trimmingCharacters(in: .whitespacesAndNewlines), !existing.isEmpty {
            token = existing
        } else {
            var generator = SystemRandomNumberGenerator()
            token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
            try write("token", token + "\n", secret: true)
        }
        if read("admin.crt") == nil || read("admin.key") == nil {
            let key = P256.Signing.PrivateKey()
            let ca = try Certificate(pemEncoded: caPEM)
            try write("admin.key", key.pemRepresentation, secret: true)
            try write("admin.crt", try makeClientCertificate(user: adminUser, groups: ["system:masters"], key: key, ca: ca, caKey: caKey)
                .serializeAsPEM().pemString, secret: false)
        }
        return PKI(caCertificatePEM: caPEM, serverCertificatePEM: serverPEM, serverKeyPEM: serverKey, token: token)
    }

    /// A client certificate for x509 authentication: CN is the user, each O a group (kube-apiserver's mapping).
    static func makeClientCertificate(user: String, groups: [String], key: P256.Signing.PrivateKey, ca: Certificate,
                                      caKey: P256.Signing.PrivateKey) throws -> Certificate {
        let subject = try DistinguishedName(groups.map { RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationName, utf8String: $0)) }
            + [RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: user))])
        return try issueLeaf(subject: subject, key: key, ca: ca, caKey: caKey, extensions: try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
            try ExtendedKeyUsage([.clientAuth])
        })
    }

    /// A two-year certificate for `key`, signed by the CA.
    static func issueLeaf(subject: DistinguishedName, key: P256.Signing.PrivateKey, ca: Certificate, caKey: P256.Signing.PrivateKey,
                          extensions: Certificate.Extensions) throws -> Certificate {
        let now = Date()
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(2 * 365 * 86400),
            issuer: ca.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: .init(caKey))
    }

    static func makeCA(key: P256.Signing.PrivateKey) throws -> Certificate {
        let name = try DistinguishedName { CommonName("stockade-ca") }
        let now = Date()
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(key.publicKey))
            },
            issuerPrivateKey: .init(key))
    }

    static func makeServerCertificate(key: P256.Signing.PrivateKey, ca: Certificate, caKey: P256.Signing.PrivateKey) throws -> Certificate {
        try issueLeaf(subject: try DistinguishedName { CommonName("stockade-apiserver") }, key: key, ca: ca, caKey: caKey,
                      extensions: try Certificate.Extensions {
                          Critical(BasicConstraints.notCertificateAuthority)
                          Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                          try ExtendedKeyUsage([.serverAuth])
                          SubjectAlternativeNames([
                              .dnsName("localhost"),
                              .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                              .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
                          ])
                      })
    }
}
