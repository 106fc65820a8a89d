// Field numbers from k8s.io/apimachinery pkg/apis/meta/v1/generated.proto (read from
// spotmaxtech/k8s-apimachinery-v0260, an unmodified v0.26.0 copy, and cross-checked against
// kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto).
// Presence follows the Go types' JSON tags: `.omitEmpty` marks non-pointer `omitempty` fields.

/// apimachinery meta/v1 messages shared by every kind.
enum MetaV1 {
    /// `ObjectMeta` (clusterName 15 and initializers 16 were removed upstream and are skipped).
    static let objectMeta = MessageSchema("ObjectMeta", [
        .string(1, "name", .omitEmpty),
        .string(2, "generateName", .omitEmpty),
        .string(3, "namespace", .omitEmpty),
        .string(4, "selfLink", .omitEmpty),
        .string(5, "uid", .omitEmpty),
        .string(6, "resourceVersion", .omitEmpty),
        .int64(7, "generation", .omitEmpty),
        .time(8, "creationTimestamp"),
        .time(9, "deletionTimestamp"),
        .int64(10, "deletionGracePeriodSeconds"),
        .map(11, "labels", .string),
        .map(12, "annotations", .string),
        .messages(13, "ownerReferences", ownerReference),
        .strings(14, "finalizers"),
        .messages(17, "managedFields", managedFieldsEntry),
    ])

    /// `OwnerReference`: apiVersion, kind, name and uid have no `omitempty`.
    static let ownerReference = MessageSchema("OwnerReference", [
        .string(5, "apiVersion"),
        .string(1, "kind"),
        .string(3, "name"),
        .string(4, "uid"),
        .bool(6, "controller"),
        .bool(7, "blockOwnerDeletion"),
    ])

    /// `ManagedFieldsEntry`, with `FieldsV1` {1 Raw} decoded as the JSON it holds.
    static let managedFieldsEntry = MessageSchema("ManagedFieldsEntry", [
        .string(1, "manager", .omitEmpty),
        .string(2, "operation", .omitEmpty),
        .string(3, "apiVersion", .omitEmpty),
        .time(4, "time"),
        .string(6, "fieldsType", .omitEmpty),
        .special(7, "fieldsV1", .fieldsV1),
        .string(8, "subresource", .omitEmpty),
    ])

    /// `LabelSelector`.
    static let labelSelector = MessageSchema("LabelSelector", [
        .map(1, "matchLabels", .string),
        .messages(2, "matchExpressions", labelSelectorRequirement),
    ])

    /// `LabelSelectorRequirement`: key and operator have no `omitempty`.
    static let labelSelectorRequirement = MessageSchema("LabelSelectorRequirement", [
        .string(1, "key"),
        .string(2, "operator"),
        .strings(3, "values"),
    ])
}
