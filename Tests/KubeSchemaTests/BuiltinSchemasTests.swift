import Foundation
import JSON
import KubeSchema
import Testing

@Suite struct BuiltinSchemasTests {
    @Test func resourceLoadsAndStaysSmall() throws {
        #expect(BuiltinSchemas.loadError == nil)
        #expect(BuiltinSchemas.definitions.count > 100)
        let file = Fixtures.repositoryRoot.appendingPathComponent("Sources/KubeSchema/Resources/builtin-definitions.json")
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? .max
        #expect(size < 1 << 20)
    }

    @Test(arguments: [
        ("", "v1", "Namespace", "io.k8s.api.core.v1.Namespace"),
        ("", "v1", "ConfigMap", "io.k8s.api.core.v1.ConfigMap"),
        ("", "v1", "Secret", "io.k8s.api.core.v1.Secret"),
        ("", "v1", "ServiceAccount", "io.k8s.api.core.v1.ServiceAccount"),
        ("", "v1", "Service", "io.k8s.api.core.v1.Service"),
        ("", "v1", "Pod", "io.k8s.api.core.v1.Pod"),
        ("", "v1", "Event", "io.k8s.api.core.v1.Event"),
        ("events.k8s.io", "v1", "Event", "io.k8s.api.events.v1.Event"),
        ("apps", "v1", "Deployment", "io.k8s.api.apps.v1.Deployment"),
        ("apps", "v1", "ReplicaSet", "io.k8s.api.apps.v1.ReplicaSet"),
        ("autoscaling", "v2", "HorizontalPodAutoscaler", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler"),
        ("autoscaling", "v1", "Scale", "io.k8s.api.autoscaling.v1.Scale"),
        ("coordination.k8s.io", "v1", "Lease", "io.k8s.api.coordination.v1.Lease"),
        ("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
         "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"),
        ("", "v1", "Status", "io.k8s.apimachinery.pkg.apis.meta.v1.Status"),
        ("meta.k8s.io", "v1", "DeleteOptions", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
    ])
    func everyServedKindIsBundled(group: String, version: String, kind: String, name: String) throws {
        #expect(BuiltinSchemas.definitionName(group: group, version: version, kind: kind) == name)
        let schema = try #require(BuiltinSchemas.schema(group: group, version: version, kind: kind))
        #expect(schema.type == "object")
        #expect(schema.properties["metadata"] != nil || kind == "DeleteOptions")
    }

    @Test func unknownKindsAreNil() {
        #expect(BuiltinSchemas.schema(group: "apps", version: "v1", kind: "StatefulSet") == nil)
        #expect(BuiltinSchemas.definitionName(group: "serving.example.dev", version: "v1alpha1", kind: "ModelDeployment") == nil)
    }

    @Test func deploymentContainersAreAListMapMergedByName() throws {
        let deployment = try #require(BuiltinSchemas.schema(group: "apps", version: "v1", kind: "Deployment"))
        #expect(deployment === BuiltinSchemas.schema(group: "apps", version: "v1", kind: "Deployment"))
        let podSpec = try #require(deployment.properties["spec"]?.properties["template"]?.properties["spec"])
        let containers = try #require(podSpec.properties["containers"])
        #expect(containers.type == "array")
        #expect(containers.patchMergeKey == "name")
        #expect(containers.patchStrategy == "merge")
        #expect(containers.listType == "map")
        #expect(containers.listMapKeys == ["name"])
        let container = try #require(containers.items)
        #expect(container.required == ["name"])
        #expect(container.properties["ports"]?.items?.properties["containerPort"]?.type == "integer")
        #expect(container.properties["resources"]?.properties["limits"]?.additionalProperties?.format == "quantity")
        #expect(container.properties["ports"]?.items?.properties["name"]?.type == "string")
        let probe = try #require(container.properties["livenessProbe"]?.properties["httpGet"]?.properties["port"])
        #expect(probe.intOrString)
        #expect(deployment.groupVersionKinds == [.init(group: "apps", version: "v1", kind: "Deployment")])
        #expect(deployment.properties["metadata"]?.properties["labels"]?.additionalProperties?.type == "string")
    }

    @Test func referencesUseComponentStyle() throws {
        let deployment = try #require(BuiltinSchemas.definitions["io.k8s.api.apps.v1.Deployment"])
        #expect(deployment[path: ["properties", "spec", "$ref"]] == "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec")
        #expect(deployment[path: ["properties", "kind", "enum"]] == nil)
        #expect(BuiltinSchemas.definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] == nil)
    }

    @Test func recursiveCRDSchemaPropsTerminate() throws {
        let crd = try #require(BuiltinSchemas.schema(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition"))
        let version = try #require(crd.properties["spec"]?.properties["versions"]?.items)
        let props = try #require(version.properties["schema"]?.properties["openAPIV3Schema"])
        #expect(props.properties["x-kubernetes-validations"] != nil)
        #expect(props.properties["properties"]?.additionalProperties?.preserveUnknownFields == true)
    }

    @Test func builtinObjectsValidateAndQuantitiesAcceptNumbers() throws {
        let deployment = try #require(BuiltinSchemas.schema(group: "apps", version: "v1", kind: "Deployment"))
        let object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "labels": ["app": "web"], "annotations": nil],
            "spec": [
                "replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": ["app": "web"]],
                    "spec": ["containers": [[
                        "name": "app", "image": "nginx", "ports": [["containerPort": 80]],
                        "resources": ["limits": ["cpu": 1, "memory": "128Mi"]],
                        "livenessProbe": ["httpGet": ["port": "http"]],
                    ]]],
                ],
            ],
        ]
        #expect(SchemaValidator.validate(object, schema: deployment).isEmpty)
        var bad = object
        bad.set(path: ["spec", "replicas"], to: "two")
        bad.set(path: ["spec", "template", "spec", "containers"], to: [["name": "a", "resources": ["limits": ["cpu": "1x"]]]])
        #expect(SchemaValidator.validate(bad, schema: deployment).map(\.description) == [
            "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
            "spec.template.spec.containers[0].resources.limits.cpu: Invalid value: \"1x\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        ])
    }

    @Test func deploymentUnknownFieldsArePruned() throws {
        let deployment = try #require(BuiltinSchemas.schema(group: "apps", version: "v1", kind: "Deployment"))
        var object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "bogusMeta": 1, "managedFields": [["manager": "m", "fieldsV1": ["f:spec": ["f:replicas": [:]]]]]],
            "spec": [
                "bogus": true,
                "template": ["spec": ["containers": [["name": "app", "unknownField": 1, "env": [["name": "A", "value": "1"]]]]]],
            ],
        ]
        let pruned = SchemaPruner.prune(&object, schema: deployment, isRoot: true)
        #expect(pruned == ["metadata.bogusMeta", "spec.bogus", "spec.template.spec.containers[0].unknownField"])
        #expect(object[path: ["spec", "bogus"]] == nil)
        #expect(object[path: ["spec", "template", "spec", "containers"]] == [["name": "app", "env": [["name": "A", "value": "1"]]]])
        #expect(object["metadata"]?["managedFields"] == [["manager": "m", "fieldsV1": ["f:spec": ["f:replicas": [:]]]]])
    }
}
