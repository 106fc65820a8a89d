// Field numbers from k8s.io/api authentication/v1/generated.proto. `UserInfo.extra` (field 4, a map of
// ExtraValue messages) is not decoded: clients send reviews with an empty status.

/// authentication.k8s.io/v1 SelfSubjectReview, what `kubectl auth whoami` sends.
enum AuthenticationV1 {
    static let selfSubjectReview = MessageSchema("SelfSubjectReview", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "status", selfSubjectReviewStatus),
    ])

    static let selfSubjectReviewStatus = MessageSchema("SelfSubjectReviewStatus", [
        .message(1, "userInfo", userInfo),
    ])

    static let userInfo = MessageSchema("UserInfo", [
        .string(1, "username", .omitEmpty),
        .string(2, "uid", .omitEmpty),
        .strings(3, "groups"),
    ])
}
