/// Request signing with AWS Signature Version 4, done by libcurl (`CURLOPT_AWS_SIGV4`).
///
/// libcurl adds `X-Amz-Date` and an `Authorization: AWS4-HMAC-SHA256 ...` header whose signature
/// covers the method, path, query, the `Host` header, `X-Amz-Date` and every header the request
/// itself carries (so `x-amz-security-token` and `x-amz-content-sha256` given as request headers are
/// signed too). libcurl 7.88 hashes the request body as the payload hash but does not send it; S3
/// requires the `x-amz-content-sha256` header, which the caller adds (for a GET: the SHA-256 of the
/// empty string).
public struct AWSSigV4: Sendable, Equatable {
    /// libcurl's provider string, `provider1[:provider2[:region[:service]]]`, e.g. `aws:amz:us-east-1:s3`.
    public var provider: String
    /// The access key id (AWS_ACCESS_KEY_ID).
    public var accessKeyID: String
    /// The secret access key (AWS_SECRET_ACCESS_KEY); never sent, only used to sign.
    public var secretAccessKey: String

    /// Signing for AWS `service` in `region` (provider `aws:amz:REGION:SERVICE`) with these credentials.
    public init(region: String, service: String, accessKeyID: String, secretAccessKey: String) {
        self.provider = "aws:amz:\(region):\(service)"
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }
}
