import Foundation
import KubeTesting
import JSON
import Testing

/// Deletion through the real kubectl: finalizers and the three cascade modes.
@Suite struct KubectlDeleteTests {
    /// A Deployment `web` owning two ConfigMaps (blockOwnerDeletion).
    static func serverWithDependents() throws -> TestAPIServer {
        let server = try TestAPIServer()
        #expect(try server.kubectl("apply", "-f", Fixture.path("web.yaml")).succeeded)
        let uid = try server.kubectl("get", "deploy", "web", "-o", "jsonpath={.metadata.uid}").stdout
        for name in ["dep-a", "dep-b"] {
            let manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: \(name)
              ownerReferences:
              - {apiVersion: apps/v1, kind: Deployment, name: web, uid: \(uid), controller: true, blockOwnerDeletion: true}
            """
            #expect(try server.kubectl("apply", "-f", "-", stdin: manifest).succeeded)
        }
        return server
    }

    static func names(_ server: TestAPIServer, _ resource: String) throws -> [String] {
        try server.kubectl("get", resource, "-o", "name").stdout.split(separator: "\n").map(String.init)
    }

    /// Polls (every 50 ms, at most `seconds`) until `condition` holds.
    static func eventually(seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }

    @Test func finalizerHoldsTheObjectUntilRemoved() throws {
        let server = try TestAPIServer()
        #expect(try server.kubectl("apply", "-f", "-", stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\n").succeeded)
        let delete = try server.kubectl("delete", "cm", "held", "--wait=false")
        #expect(delete.succeeded, "\(delete.stderr)")
        let object = try JSONValue.parse(try server.kubectl("get", "cm", "held", "-o", "json").stdout)
        #expect(object[path: ["metadata", "deletionTimestamp"]] != nil)
        #expect(object[path: ["metadata", "finalizers"]] == ["example.com/hold"])
        let adding = try server.kubectl("patch", "cm", "held", "--type", "json", "-p", #"[{"op":"add","path":"/metadata/finalizers/-","value":"example.com/more"}]"#)
        #expect(!adding.succeeded && adding.stderr.contains("no new finalizers can be added"))
        #expect(try server.kubectl("patch", "cm", "held", "--type", "json", "-p", #"[{"op":"remove","path":"/metadata/finalizers"}]"#).succeeded)
        #expect(try server.kubectl("get", "cm", "held").stderr.contains("not found"))
    }

    @Test func backgroundCascadeDeletesDependentsAfterTheOwner() throws {
        let server = try Self.serverWithDependents()
        #expect(try server.kubectl("delete", "deploy", "web", "--cascade=background").succeeded)
        #expect(try Self.names(server, "deploy").isEmpty)
        #expect(try Self.eventually { try Self.names(server, "cm").isEmpty })
    }

    @Test func foregroundCascadeDeletesDependentsFirst() throws {
        let server = try Self.serverWithDependents()
        let delete = try server.kubectl("delete", "deploy", "web", "--cascade=foreground", "--timeout=20s")
        #expect(delete.succeeded, "\(delete.stderr)")
        #expect(try Self.names(server, "deploy").isEmpty)
        #expect(try Self.names(server, "cm").isEmpty)
    }

    @Test func orphanCascadeKeepsDependentsWithoutTheOwnerReference() throws {
        let server = try Self.serverWithDependents()
        let delete = try server.kubectl("delete", "deploy", "web", "--cascade=orphan", "--timeout=20s")
        #expect(delete.succeeded, "\(delete.stderr)")
        #expect(try Self.names(server, "deploy").isEmpty)
        #expect(try Self.names(server, "cm") == ["configmap/dep-a", "configmap/dep-b"])
        let dependent = try JSONValue.parse(try server.kubectl("get", "cm", "dep-a", "-o", "json").stdout)
        #expect(dependent[path: ["metadata", "ownerReferences"]] == nil)
    }
}
