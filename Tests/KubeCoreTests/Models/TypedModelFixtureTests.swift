import Foundation
import JSON
import KubeCore
import Testing

@Suite struct TypedModelFixtureTests {
    @Test func deploymentsDecodeAndRoundTrip() throws {
        let all = try APIServerFixtures.objects(Deployment.self, in: "04-deployment.json")
        #expect(all.count >= 20)
        let created = all[0]
        #expect(created.apiVersion == "apps/v1" && created.kind == "Deployment")
        #expect(created.metadata.name == "web" && created.metadata.namespace == "fixtures")
        let spec = try #require(created.spec)
        #expect(spec.replicas == 2)
        #expect(spec.selector?.matchLabels == ["app": "web"])
        #expect(spec.selector?.labelSelector?.encoded == "app=web")
        #expect(spec.strategy?.type == "RollingUpdate")
        #expect(spec.strategy?.rollingUpdate?.maxSurge == .string("25%"))
        #expect(spec.revisionHistoryLimit == 10 && spec.progressDeadlineSeconds == 600)
        let pod = try #require(spec.template?.spec)
        #expect(spec.template?.metadata?.labels == ["app": "web"])
        #expect(pod.terminationGracePeriodSeconds == 30)
        let app = try #require(pod.containers.first)
        #expect(app.name == "app" && app.image == "nginx:1.27")
        #expect(app.ports == [ContainerPort(containerPort: 80, protocol: "TCP")])
        #expect(app.env == [Container.EnvVar(name: "A", value: "1")])
        #expect(app.resources == ResourceRequirements())

        // After the controller ran: status and DeploymentConditions.
        let observed = try #require(all.first { $0.status?.conditions?.condition("Progressing") != nil })
        let status = try #require(observed.status)
        #expect(status.observedGeneration != nil)
        let progressing = try #require(status.conditions?.condition("Progressing"))
        #expect(progressing.status == .true)
        #expect(progressing.lastUpdateTime != nil && progressing.lastTransitionTime != nil)
        #expect(progressing.reason != nil)

        // A sidecar with a command (strategic merge patch transcript).
        let sidecar = all.lazy.compactMap { $0.spec?.template?.spec?.containers.first { $0.name == "sidecar" } }.first
        #expect(sidecar?.command == ["sleep", "3600"])
    }

    @Test func servicesDecodeAndRoundTrip() throws {
        let all = try APIServerFixtures.objects(Service.self, in: "05-service.json")
        let web = try #require(all.first { $0.metadata.name == "svc-web" })
        #expect(web.spec?.selector == ["app": "web"])
        #expect(web.spec?.type == "ClusterIP" && web.spec?.sessionAffinity == "None")
        #expect(web.spec?.ports?.first?.port == 80)
        #expect(web.spec?.ports?.first?.targetPort == .int(80))
        #expect(web.spec?.ports?.first?.protocol == "TCP")
        #expect(web.spec?.clusterIP?.isEmpty == false)

        let named = try #require(all.first { $0.spec?.ports?.contains { $0.name == "http" } == true })
        let http = try #require(named.spec?.ports?.first { $0.name == "http" })
        #expect(http.targetPort == .string("http") && http.port == 8080)
        #expect(named.spec?.ports?.contains { $0.protocol == "UDP" && $0.targetPort == 53 } == true)

        let lb = try #require(all.first { $0.spec?.type == "LoadBalancer" })
        #expect(lb.spec?.ports?.first?.nodePort == 30443)
        #expect(lb.status?.loadBalancer != nil)
        #expect(all.contains { $0.spec?.clusterIP == "None" })
    }

    @Test func horizontalPodAutoscalersDecodeAndRoundTrip() throws {
        let all = try APIServerFixtures.objects(HorizontalPodAutoscaler.self, in: "06-hpa.json")
        #expect(all.allSatisfy { $0.apiVersion == "autoscaling/v2" })
        let behavior = try #require(all.first { $0.metadata.name == "hpa-behavior" })
        let spec = try #require(behavior.spec)
        #expect(spec.scaleTargetRef == .init(apiVersion: "apps/v1", kind: "Deployment", name: "web"))
        #expect(spec.minReplicas == 2 && spec.maxReplicas == 6)
        #expect(spec.metrics == [.resource("memory", target: .init(type: "AverageValue", averageValue: "100Mi"))])
        #expect(spec.behavior?.scaleDown?.stabilizationWindowSeconds == 60)
        #expect(spec.behavior?.scaleUp?.selectPolicy == "Max")
        #expect(spec.behavior?.scaleUp?.policies?.first == .init(type: "Pods", value: 4, periodSeconds: 15))
        #expect(behavior.status?.currentMetrics == nil)  // `null` on the wire

        let synced = try #require(all.last { $0.metadata.name == "hpa-min" })
        #expect(synced.spec?.metrics?.first?.resource?.target.averageUtilization == 80)
        #expect(synced.status?.currentReplicas == 2 && synced.status?.desiredReplicas == 0)
        #expect(synced.status?.currentMetrics?[0]?["type"] == .string(""))
        let able = try #require(synced.status?.conditions?.first { $0.type == "AbleToScale" })
        #expect(able.status == .true && able.reason == "SucceededGetScale")
    }

    @Test func leasesDecodeAndRoundTrip() throws {
        let all = try APIServerFixtures.objects(Lease.self, in: "07-lease.json")
        let acquired = all[0]
        #expect(acquired.metadata.name == "my-controller")
        #expect(acquired.spec == LeaseSpec(
            holderIdentity: "pod-a_1b2c3d", leaseDurationSeconds: 15, acquireTime: "2026-11-24T16:55:00.123456Z",
            renewTime: "2026-11-24T16:55:00.123456Z", leaseTransitions: 0))
        let takeover = try #require(all.first { $0.spec?.leaseTransitions == 1 })
        #expect(takeover.spec?.holderIdentity == "pod-b_9z8y")
        // Offset MicroTimes come back normalized to UTC.
        #expect(all.contains { $0.spec?.renewTime == "2026-11-24T16:55:00.500000Z" })
    }

    @Test func eventsDecodeAndRoundTrip() throws {
        let all = try APIServerFixtures.objects(Event.self, in: "08-events.json")
        let created = all[0]
        #expect(created.eventTime == "2026-11-24T16:56:00.000001Z")
        #expect(created.reportingController == "example.dev/fixture-controller")
        #expect(created.reportingInstance == "fixture-controller-7d9f")
        #expect(created.action == "Reconcile" && created.reason == "Synced" && created.type == "Normal")
        #expect(created.regarding == ObjectReference(
            apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "fixtures",
            uid: "4e8feef7-8da8-4342-8183-086021d2a537"))
        #expect(created.note == "Deployment synced by the fixture controller")

        let series = try #require(all.first { $0.series != nil }?.series)
        #expect(series == Event.Series(count: 2, lastObservedTime: "2026-11-24T16:56:30.000000Z"))
        // A legacy core event read through events.k8s.io/v1 has a null eventTime.
        #expect(all.contains { $0.eventTime == nil && $0.reason == "LegacyReason" })
    }

    @Test func customResourceDefinitionsDecodeAndRoundTrip() throws {
        let all = try APIServerFixtures.objects(CustomResourceDefinition.self, in: "09-crd.json")
        let created = all[0]
        #expect(created.metadata.name == "modeldeployments.serving.example.dev")
        let spec = try #require(created.spec)
        #expect(spec.group == "serving.example.dev" && spec.scope == "Namespaced")
        #expect(spec.names.plural == "modeldeployments" && spec.names.kind == "ModelDeployment")
        #expect(spec.names.shortNames == ["mdep"])
        let version = try #require(spec.versions.first)
        #expect(version.name == "v1alpha1" && version.served && version.storage)
        #expect(version.schema?["openAPIV3Schema"]?["type"] == .string("object"))
        // Right after create: conditions null, names not yet accepted.
        #expect(created.status?.conditions == nil)
        #expect(created.status?.acceptedNames?.plural == "")
        #expect(!created.isEstablished)

        let established = try #require(all.last)
        #expect(established.isEstablished)
        #expect(established.status?.acceptedNames?.kind == "ModelDeployment")
        #expect(established.status?.storedVersions == ["v1alpha1"])
    }
}
