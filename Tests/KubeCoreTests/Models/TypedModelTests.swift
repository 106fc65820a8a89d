import Foundation
import JSON
import KubeCore
import Testing

@Suite struct TypedModelTests {
    func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func intOrStringBothForms() throws {
        let decoded = try JSONDecoder().decode([IntOrString].self, from: Data(#"[8080,"http","25%"]"#.utf8))
        #expect(decoded == [.int(8080), .string("http"), .string("25%")])
        #expect(decoded[0].intValue == 8080 && decoded[1].stringValue == "http")
        #expect(try encoded(decoded) == #"[8080,"http","25%"]"#)
        let literals: [IntOrString] = [80, "metrics"]
        #expect(literals == [.int(80), .string("metrics")])
        #expect(literals.map(\.description) == ["80", "metrics"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(IntOrString.self, from: Data("true".utf8)) }
    }

    @Test func microTimeHasSixFractionalDigits() {
        #expect(MicroTime.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(MicroTime.string(from: Date(timeIntervalSince1970: 1_795_539_300.123456)) == "2026-11-24T16:55:00.123456Z")
        #expect(MicroTime.string(from: Date(timeIntervalSince1970: 1_795_539_330.000001)) == "2026-11-24T16:55:30.000001Z")
        // 0.9999996 s rounds up into the next second.
        #expect(MicroTime.string(from: Date(timeIntervalSince1970: 59.9999996)) == "1970-01-01T00:01:00.000000Z")
        let now = MicroTime.string(from: Date())
        let fraction = now.split(separator: ".").last.map { $0.dropLast() }
        #expect(fraction?.count == 6 && fraction?.allSatisfy(\.isNumber) == true)
        #expect(now.hasSuffix("Z") && now.count == 27)
    }

    @Test func microTimeParsesWhatTheServerSends() throws {
        for s in ["2026-11-24T16:55:00.123456Z", "2026-11-24T16:55:30.000001Z", "1970-01-01T00:00:00.000000Z"] {
            let date = try #require(MicroTime.date(from: s))
            #expect(MicroTime.string(from: date) == s)
        }
        #expect(MicroTime.date(from: "2026-11-24T18:55:00.500000+02:00") == MicroTime.date(from: "2026-11-24T16:55:00.500000Z"))
        #expect(MicroTime.date(from: "2026-11-24T16:55:00Z") == Date(timeIntervalSince1970: 1_795_539_300))
        #expect(MicroTime.date(from: "2026-11-24T16:55:00.5Z") == Date(timeIntervalSince1970: 1_795_539_300.5))
        for bad in ["", "2026-11-24", "2026-11-24T16:55:00", "2026-11-24T16:55:00.Z", "2026-02-30T00:00:00Z",
                    "2026-11-24T16:55:00.123456Zx", "2026-11-24 16:55:00Z", "2026-11-24T16:55:00+0200"] {
            #expect(MicroTime.date(from: bad) == nil, "\(bad)")
        }
        let lease = try #require(try APIServerFixtures.objects(Lease.self, in: "07-lease.json").first)
        let renew = try #require(lease.spec?.renewTime.flatMap(MicroTime.date(from:)))
        #expect(MicroTime.string(from: renew.addingTimeInterval(15)) == "2026-11-24T16:55:15.123456Z")
    }

    @Test func staticTypeInformation() {
        #expect(Deployment.resource == .deployments && Deployment.groupVersionKind.group == "apps")
        #expect(Service.apiVersion == "v1" && Service.resource == .services)
        #expect(HorizontalPodAutoscaler.resource.apiVersion == HorizontalPodAutoscaler.apiVersion)
        #expect(Lease.resource.apiVersion == Lease.apiVersion && Event.resource.apiVersion == Event.apiVersion)
        #expect(HTTPRoute.resource.basePath == "/apis/gateway.networking.k8s.io/v1")
        #expect(HTTPRoute.resource.resource == "httproutes" && HTTPRoute.resource.namespaced)
        #expect(CustomResourceDefinition.resource.apiVersion == CustomResourceDefinition.apiVersion)
        #expect(!CustomResourceDefinition.resource.namespaced)
        #expect(CustomResourceDefinition.resource.description == "customresourcedefinitions.apiextensions.k8s.io")
    }

    @Test func nilFieldsAreOmittedAndHeaderIsWritten() throws {
        let lease = Lease(metadata: ObjectMeta(name: "l"), spec: LeaseSpec(holderIdentity: "me"))
        #expect(try encoded(lease)
            == #"{"apiVersion":"coordination.k8s.io\/v1","kind":"Lease","metadata":{"name":"l"},"spec":{"holderIdentity":"me"}}"#)
    }

    @Test func missingHeaderDefaultsAndUnknownFieldsAreIgnored() throws {
        let json = #"{"metadata":{"name":"a"},"spec":{"type":"ClusterIP","ports":[{"port":80,"appProtocol":"http"}],"ipFamilies":["IPv4"]},"extra":1}"#
        let service = try JSONDecoder().decode(Service.self, from: Data(json.utf8))
        #expect(service.apiVersion == "v1" && service.kind == "Service")
        #expect(service.spec?.ports == [ServicePort(port: 80)])
        let empty = try JSONDecoder().decode(Deployment.self, from: Data("{}".utf8))
        #expect(empty == Deployment())
    }

    @Test func httpRouteRoundTrips() throws {
        let json = #"""
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute",
         "metadata":{"name":"llama","namespace":"models"},
         "spec":{"parentRefs":[{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"inference","namespace":"gw","sectionName":"http"}],
                 "hostnames":["models.example.dev"],
                 "rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/v2/models/llama"}}],
                           "backendRefs":[{"name":"llama-v1","port":8000,"weight":90},
                                          {"group":"","kind":"Service","name":"llama-v2","namespace":"models","port":8000,"weight":10}]}]},
         "status":{"parents":[{"parentRef":{"name":"inference","namespace":"gw"},"controllerName":"example.dev/gateway",
                               "conditions":[{"type":"Accepted","status":"True","observedGeneration":1,"lastTransitionTime":"2026-11-24T16:55:00Z","reason":"Accepted","message":""}]}]}}
        """#
        let route = try JSONDecoder().decode(HTTPRoute.self, from: Data(json.utf8))
        let spec = try #require(route.spec)
        #expect(spec.parentRefs == [ParentReference(
            group: "gateway.networking.k8s.io", kind: "Gateway", name: "inference", namespace: "gw", sectionName: "http")])
        #expect(spec.hostnames == ["models.example.dev"])
        #expect(spec.rules?.first?.matches?.first?.path == .init(type: "PathPrefix", value: "/v2/models/llama"))
        #expect(spec.rules?.first?.backendRefs?.map(\.weight) == [90, 10])
        #expect(spec.rules?.first?.backendRefs?.last?.kind == "Service")
        let parent = try #require(route.status?.parents?.first)
        #expect(parent.controllerName == "example.dev/gateway")
        #expect(parent.conditions?.condition("Accepted")?.status == .true)
        let again = try JSONDecoder().decode(HTTPRoute.self, from: try JSONEncoder().encode(route))
        #expect(again == route)
    }

    @Test func deploymentBuiltInCodeRoundTrips() throws {
        let container = Container(
            name: "server", image: "ghcr.io/stockade/serve:1", command: ["stockade-serve"], args: ["--port", "8000"],
            env: [.init(name: "MODEL", value: "llama")], ports: [.init(name: "http", containerPort: 8000, protocol: "TCP")],
            resources: .init(limits: ["memory": "2Gi"], requests: ["cpu": "500m"]),
            volumeMounts: [.init(name: "models", mountPath: "/models", readOnly: true)],
            readinessProbe: .init(httpGet: .init(path: "/v2/health/ready", port: "http"), initialDelaySeconds: 1,
                                  periodSeconds: 5, failureThreshold: 3),
            livenessProbe: .init(httpGet: .init(path: "/v2/health/live", port: 8000)))
        let deployment = Deployment(
            metadata: ObjectMeta(name: "llama", namespace: "models"),
            spec: DeploymentSpec(
                replicas: 2,
                selector: .init(matchLabels: ["app": "llama"], matchExpressions: [.init(key: "tier", operator: "In", values: ["b", "a"])]),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: ["app": "llama"]),
                    spec: PodSpec(
                        containers: [container], initContainers: [Container(name: "fetch", image: "busybox")],
                        volumes: [.init(name: "models", emptyDir: .init())], serviceAccountName: "stockade",
                        terminationGracePeriodSeconds: 10)),
                strategy: .init(type: "RollingUpdate", rollingUpdate: .init(maxUnavailable: 0, maxSurge: "25%")),
                minReadySeconds: 5))
        let data = try JSONEncoder().encode(deployment)
        let value = try JSONValue.parse(Array(data))
        #expect(value[path: ["spec", "template", "spec", "containers"]]?[0]?[path: ["readinessProbe", "httpGet", "port"]] == .string("http"))
        #expect(value[path: ["spec", "template", "spec", "containers"]]?[0]?[path: ["livenessProbe", "httpGet", "port"]] == .int(8000))
        #expect(value[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]] == .int(0))
        #expect(value[path: ["spec", "template", "spec", "volumes"]]?[0]?["emptyDir"] == .object([:]))
        #expect(deployment.spec?.selector?.labelSelector?.encoded == "app=llama,tier in (a,b)")
        #expect(try JSONDecoder().decode(Deployment.self, from: data) == deployment)
    }

    @Test func eventRegardingBuiltFromObject() {
        var deployment = Deployment(metadata: ObjectMeta(name: "web", namespace: "fixtures"))
        deployment.metadata.uid = "u1"
        let ref = ObjectReference(to: deployment)
        #expect(ref == ObjectReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "fixtures", uid: "u1"))
    }
}
