import Foundation
import KubeTesting
import JSON
import Testing

/// The real kubectl against `stockade apiserver`: discovery and `apply` in its three modes.
@Suite struct KubectlApplyTests {
    @Test func discoveryListsBuiltInsAndCRDGroupsOnceEstablished() throws {
        let server = try TestAPIServer()
        let resources = try server.kubectl("api-resources")
        #expect(resources.succeeded, "\(resources.stderr)")
        for expected in ["deployments", "horizontalpodautoscalers", "leases", "customresourcedefinitions", "configmaps", "events"] {
            #expect(resources.stdout.contains(expected))
        }
        #expect(!resources.stdout.contains("widgets"))
        #expect(try server.kubectl("apply", "-f", Fixture.path("crd.yaml")).succeeded)
        let versions = try server.kubectl("api-versions")
        #expect(versions.stdout.split(separator: "\n").contains("test.stockade.dev/v1"))
        #expect(versions.stdout.split(separator: "\n").contains("apps/v1"))
        let after = try server.kubectl("api-resources", "--api-group=test.stockade.dev")
        #expect(after.stdout.contains("widgets") && after.stdout.contains("wd"))
    }

    @Test func applyCreatesLeavesUnchangedAndConfigures() throws {
        let server = try TestAPIServer()
        let crd = try server.kubectl("apply", "-f", Fixture.path("crd.yaml"))
        #expect(crd.stdout.contains("customresourcedefinition.apiextensions.k8s.io/widgets.test.stockade.dev created"), "\(crd.stderr)")
        #expect(try server.kubectl("apply", "-f", Fixture.path("crd.yaml")).stdout.contains("unchanged"))
        let crdChanged = try Fixture.text("crd.yaml").replacingOccurrences(of: "A Widget serves a model.", with: "A Widget serves one model.")
        #expect(try server.kubectl("apply", "-f", "-", stdin: crdChanged).stdout.contains("widgets.test.stockade.dev configured"))

        let web = try server.kubectl("apply", "-f", Fixture.path("web.yaml"))
        #expect(web.stdout.contains("deployment.apps/web created") && web.stdout.contains("service/web created"), "\(web.stderr)")
        let again = try server.kubectl("apply", "-f", Fixture.path("web.yaml"))
        #expect(again.stdout.contains("deployment.apps/web unchanged") && again.stdout.contains("service/web unchanged"))
        let changed = try Fixture.text("web.yaml").replacingOccurrences(of: "replicas: 2", with: "replicas: 3")
        let configured = try server.kubectl("apply", "-f", "-", stdin: changed)
        #expect(configured.stdout.contains("deployment.apps/web configured") && configured.stdout.contains("service/web unchanged"))
        #expect(try server.kubectl("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").stdout == "3")
        let newPort = changed.replacingOccurrences(of: "  - port: 80", with: "  - port: 8080")
        let servicePort = try server.kubectl("apply", "-f", "-", stdin: newPort)
        #expect(servicePort.stdout.contains("service/web configured"), "\(servicePort.stderr)")
        #expect(try server.kubectl("get", "svc", "web", "-o", "jsonpath={.spec.ports[0].port}").stdout == "8080")

        let widget = try server.kubectl("apply", "-f", Fixture.path("widget.yaml"))
        #expect(widget.stdout.contains("widget.test.stockade.dev/llama created"), "\(widget.stderr)")
        #expect(try server.kubectl("apply", "-f", Fixture.path("widget.yaml")).stdout.contains("unchanged"))
        let edited = try Fixture.text("widget.yaml").replacingOccurrences(of: "weight: 10", with: "weight: 30")
        #expect(try server.kubectl("apply", "-f", "-", stdin: edited).stdout.contains("configured"))
        // Schema defaults were applied on create; the edit bumped the generation.
        let object = try JSONValue.parse(try server.kubectl("get", "wd", "llama", "-o", "json").stdout)
        #expect(object[path: ["spec", "runtime"]] == "vllm")
        #expect(object[path: ["spec", "weight"]] == 30)
        #expect(object[path: ["metadata", "generation"]] == 2)
    }

    @Test func serverSideApplyConflictsWithAnotherManagerUntilForced() throws {
        let server = try TestAPIServer()
        let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  level: \"1\"\n"
        let first = try server.kubectl("apply", "--server-side", "-f", "-", stdin: manifest)
        #expect(first.stdout.contains("configmap/shared serverside-applied"), "\(first.stderr)")
        let other = manifest.replacingOccurrences(of: "\"1\"", with: "\"2\"")
        let conflict = try server.kubectl("apply", "--server-side", "--field-manager=tuner", "-f", "-", stdin: other)
        #expect(!conflict.succeeded)
        #expect(conflict.stderr.contains("Apply failed with 1 conflict: conflict with \"kubectl\": .data.level"))
        #expect(try server.kubectl("get", "cm", "shared", "-o", "jsonpath={.data.level}").stdout == "1")
        let forced = try server.kubectl("apply", "--server-side", "--field-manager=tuner", "--force-conflicts", "-f", "-", stdin: other)
        #expect(forced.succeeded, "\(forced.stderr)")
        let object = try JSONValue.parse(try server.kubectl("get", "cm", "shared", "-o", "json", "--show-managed-fields").stdout)
        #expect(object[path: ["data", "level"]] == "2")
        let managers = (object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue }
        #expect(managers == ["tuner"])
    }

    @Test func serverSideApplyOfBuiltInWorkloadsWithDefaultedKeys() throws {
        let server = try TestAPIServer()
        let applied = try server.kubectl("apply", "--server-side", "-f", Fixture.path("web.yaml"))
        #expect(applied.succeeded, "\(applied.stderr)")
        #expect(applied.stdout.contains("deployment.apps/web serverside-applied") && applied.stdout.contains("service/web serverside-applied"))
        let before = try server.kubectl("get", "deploy", "web", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        #expect(try server.kubectl("apply", "--server-side", "-f", Fixture.path("web.yaml")).succeeded)
        let after = try server.kubectl("get", "deploy", "web", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        #expect(before == after, "re-applying the same manifest changes nothing")
        #expect(try server.kubectl("get", "svc", "web", "-o", "jsonpath={.spec.ports[0].protocol}").stdout == "TCP")
    }

    @Test func invalidCustomResourceIsRejectedNamingTheFieldsAndNotStored() throws {
        let server = try TestAPIServer()
        #expect(try server.kubectl("apply", "-f", Fixture.path("crd.yaml")).succeeded)
        let bad = "apiVersion: test.stockade.dev/v1\nkind: Widget\nmetadata:\n  name: bad\nspec:\n  runtime: foo\n  weight: 150\n"
        let result = try server.kubectl("apply", "-f", "-", stdin: bad)
        #expect(!result.succeeded)
        #expect(result.stderr.contains("spec.runtime: Unsupported value: \"foo\""))
        #expect(result.stderr.contains("spec.weight: Invalid value: 150"))
        #expect(result.stderr.contains("spec.model: Required value"))
        let get = try server.kubectl("get", "wd", "bad")
        #expect(get.stderr.contains("widgets.test.stockade.dev \"bad\" not found"))
        let cel = "apiVersion: test.stockade.dev/v1\nkind: Widget\nmetadata:\n  name: cel\nspec:\n  model: m\n  weight: 1\n  replicas: 2\n  minReplicas: 3\n"
        let celResult = try server.kubectl("apply", "-f", "-", stdin: cel)
        #expect(celResult.stderr.contains("spec.minReplicas: Invalid value: minReplicas must be less than or equal to replicas"), "\(celResult.stderr)")
    }
}
