// Field numbers from k8s.io/api core/v1/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/core/v1/generated.proto). Presence follows the Go JSON tags.

/// core/v1 Volume with the volume sources a workload commonly uses.
extension CoreV1 {
    /// `Volume`: the `VolumeSource` is embedded with `json:",inline"`.
    static let volume = MessageSchema("Volume", [
        .string(1, "name"),
        .inline(2, "volumeSource", volumeSource),
    ])

    /// `VolumeSource`, limited to the non-deprecated sources; the in-tree cloud and storage-vendor
    /// sources (gcePersistentDisk, awsElasticBlockStore, gitRepo, iscsi, rbd, cinder, ...) and
    /// `ephemeral` are not tabled and are skipped.
    static let volumeSource = MessageSchema("VolumeSource", [
        .message(1, "hostPath", hostPathVolumeSource),
        .message(2, "emptyDir", emptyDirVolumeSource),
        .message(6, "secret", secretVolumeSource),
        .message(7, "nfs", nfsVolumeSource),
        .message(10, "persistentVolumeClaim", persistentVolumeClaimVolumeSource),
        .message(16, "downwardAPI", downwardAPIVolumeSource),
        .message(19, "configMap", configMapVolumeSource),
        .message(26, "projected", projectedVolumeSource),
        .message(28, "csi", csiVolumeSource),
        .message(30, "image", imageVolumeSource),
    ])

    static let hostPathVolumeSource = MessageSchema("HostPathVolumeSource", [
        .string(1, "path"),
        .string(2, "type"),
    ])

    static let emptyDirVolumeSource = MessageSchema("EmptyDirVolumeSource", [
        .string(1, "medium", .omitEmpty),
        .quantity(2, "sizeLimit"),
    ])

    static let secretVolumeSource = MessageSchema("SecretVolumeSource", [
        .string(1, "secretName", .omitEmpty),
        .messages(2, "items", keyToPath),
        .int32(3, "defaultMode"),
        .bool(4, "optional"),
    ])

    static let nfsVolumeSource = MessageSchema("NFSVolumeSource", [
        .string(1, "server"),
        .string(2, "path"),
        .bool(3, "readOnly", .omitEmpty),
    ])

    static let persistentVolumeClaimVolumeSource = MessageSchema("PersistentVolumeClaimVolumeSource", [
        .string(1, "claimName"),
        .bool(2, "readOnly", .omitEmpty),
    ])

    static let downwardAPIVolumeSource = MessageSchema("DownwardAPIVolumeSource", [
        .messages(1, "items", downwardAPIVolumeFile),
        .int32(2, "defaultMode"),
    ])

    static let downwardAPIVolumeFile = MessageSchema("DownwardAPIVolumeFile", [
        .string(1, "path"),
        .message(2, "fieldRef", objectFieldSelector),
        .message(3, "resourceFieldRef", resourceFieldSelector),
        .int32(4, "mode"),
    ])

    static let configMapVolumeSource = MessageSchema("ConfigMapVolumeSource", [
        .inline(1, "localObjectReference", localObjectReference),
        .messages(2, "items", keyToPath),
        .int32(3, "defaultMode"),
        .bool(4, "optional"),
    ])

    static let keyToPath = MessageSchema("KeyToPath", [
        .string(1, "key"),
        .string(2, "path"),
        .int32(3, "mode"),
    ])

    static let projectedVolumeSource = MessageSchema("ProjectedVolumeSource", [
        .messages(1, "sources", volumeProjection),
        .int32(2, "defaultMode"),
    ])

    /// `VolumeProjection` (podCertificate 6, feature-gated, is not tabled and is skipped).
    static let volumeProjection = MessageSchema("VolumeProjection", [
        .message(1, "secret", projection("SecretProjection")),
        .message(2, "downwardAPI", downwardAPIProjection),
        .message(3, "configMap", projection("ConfigMapProjection")),
        .message(4, "serviceAccountToken", serviceAccountTokenProjection),
        .message(5, "clusterTrustBundle", clusterTrustBundleProjection),
    ])

    /// `SecretProjection` / `ConfigMapProjection`: an inlined `LocalObjectReference`, items, optional.
    static func projection(_ name: String) -> MessageSchema {
        MessageSchema(name, [
            .inline(1, "localObjectReference", localObjectReference),
            .messages(2, "items", keyToPath),
            .bool(4, "optional"),
        ])
    }

    static let downwardAPIProjection = MessageSchema("DownwardAPIProjection", [
        .messages(1, "items", downwardAPIVolumeFile),
    ])

    static let serviceAccountTokenProjection = MessageSchema("ServiceAccountTokenProjection", [
        .string(1, "audience", .omitEmpty),
        .int64(2, "expirationSeconds"),
        .string(3, "path"),
    ])

    static let clusterTrustBundleProjection = MessageSchema("ClusterTrustBundleProjection", [
        .string(1, "name"),
        .string(2, "signerName"),
        .message(3, "labelSelector", MetaV1.labelSelector),
        .bool(5, "optional"),
        .string(4, "path"),
    ])

    static let csiVolumeSource = MessageSchema("CSIVolumeSource", [
        .string(1, "driver"),
        .bool(2, "readOnly"),
        .string(3, "fsType"),
        .map(4, "volumeAttributes", .string),
        .message(5, "nodePublishSecretRef", localObjectReference),
    ])

    static let imageVolumeSource = MessageSchema("ImageVolumeSource", [
        .string(1, "reference", .omitEmpty),
        .string(2, "pullPolicy", .omitEmpty),
    ])
}
