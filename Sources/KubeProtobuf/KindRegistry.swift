/// Maps an envelope's apiVersion and kind to the message table that decodes its `raw` bytes.
enum KindRegistry {
    private static let schemas: [String: MessageSchema] = [
        key("v1", "ConfigMap"): CoreV1.configMap,
        key("v1", "Secret"): CoreV1.secret,
        key("v1", "Namespace"): CoreV1.namespace,
        key("v1", "ServiceAccount"): CoreV1.serviceAccount,
        key("v1", "Service"): CoreV1.service,
        key("v1", "Pod"): CoreV1.pod,
        key("apps/v1", "Deployment"): AppsV1.deployment,
        key("autoscaling/v1", "HorizontalPodAutoscaler"): AutoscalingV1.horizontalPodAutoscaler,
        key("autoscaling/v1", "Scale"): AutoscalingV1.scale,
        key("autoscaling/v2", "HorizontalPodAutoscaler"): AutoscalingV2.horizontalPodAutoscaler,
        key("authentication.k8s.io/v1", "SelfSubjectReview"): AuthenticationV1.selfSubjectReview,
    ]

    static func schema(apiVersion: String, kind: String) -> MessageSchema? {
        schemas[key(apiVersion, kind)]
    }

    /// Every registered pair, sorted by apiVersion then kind.
    static var all: [(apiVersion: String, kind: String)] {
        schemas.keys.sorted().map { pair in
            let parts = pair.split(separator: " ", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }
    }

    /// apiVersions and kinds never contain a space, so "apiVersion kind" is unambiguous.
    private static func key(_ apiVersion: String, _ kind: String) -> String { apiVersion + " " + kind }
}
