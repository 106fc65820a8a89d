import JSON
import KubeProtobuf
import Testing

@Suite struct AutoscalingDecodingTests {
    static func writeTargetRef(_ reference: inout ProtoWriter) {
        reference.string(1, "Deployment")
        reference.string(2, "web")
        reference.string(3, "apps/v1")
    }

    @Test func horizontalPodAutoscalerV2WithMetricsAndBehavior() throws {
        let body = kubeBody(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler") { hpa in
            hpa.newObjectMeta(name: "web", namespace: "default")
            hpa.message(2) { spec in
                spec.message(1, Self.writeTargetRef)
                spec.int(2, 1)
                spec.int(3, 5)
                spec.message(4) { metric in
                    metric.string(1, "Resource")
                    metric.message(4) { resource in
                        resource.string(1, "cpu")
                        resource.message(2) { target in
                            target.string(1, "Utilization")
                            target.int(4, 80)
                        }
                    }
                }
                spec.message(4) { metric in
                    metric.string(1, "Pods")
                    metric.message(3) { pods in
                        pods.message(1) { identifier in
                            identifier.string(1, "requests_per_second")
                            identifier.message(2) { $0.entry(1, "tier", "web") }
                        }
                        pods.message(2) { target in
                            target.string(1, "AverageValue")
                            target.message(3) { $0.string(1, "1k") }
                        }
                    }
                }
                spec.message(5) { behavior in
                    behavior.message(2) { rules in
                        rules.int(3, 300)
                        rules.string(1, "Max")
                        rules.message(2) { policy in
                            policy.string(1, "Percent")
                            policy.int(2, 100)
                            policy.int(3, 15)
                        }
                    }
                }
            }
            hpa.message(3) { status in
                status.int(3, 0)
                status.int(4, 0)
            }
        }
        let object = try KubeProtobuf.decode(body)
        #expect(object["spec"] == [
            "scaleTargetRef": ["kind": "Deployment", "name": "web", "apiVersion": "apps/v1"],
            "minReplicas": 1,
            "maxReplicas": 5,
            "metrics": [
                ["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]],
                ["type": "Pods", "pods": [
                    "metric": ["name": "requests_per_second", "selector": ["matchLabels": ["tier": "web"]]],
                    "target": ["type": "AverageValue", "averageValue": "1k"],
                ]],
            ],
            "behavior": ["scaleDown": [
                "stabilizationWindowSeconds": 300, "selectPolicy": "Max",
                "policies": [["type": "Percent", "value": 100, "periodSeconds": 15]],
            ]],
        ])
        // v2 currentReplicas is omitempty; desiredReplicas is not.
        #expect(object["status"] == ["desiredReplicas": 0])
    }

    @Test func horizontalPodAutoscalerV2StatusWithConditions() throws {
        let body = kubeBody(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler") { hpa in
            hpa.newObjectMeta(name: "web")
            hpa.message(3) { status in
                status.int(1, 2)
                status.time(2, seconds: 1_795_539_753)
                status.int(3, 2)
                status.int(4, 3)
                status.message(5) { metric in
                    metric.string(1, "Resource")
                    metric.message(4) { resource in
                        resource.string(1, "cpu")
                        resource.message(2) { current in
                            current.message(2) { $0.string(1, "250m") }
                            current.int(3, 91)
                        }
                    }
                }
                status.message(6) { condition in
                    condition.string(1, "AbleToScale")
                    condition.string(2, "True")
                    condition.time(3, seconds: 1_795_539_753)
                    condition.string(4, "SucceededRescale")
                    condition.string(5, "")
                }
            }
        }
        let status = try #require(try KubeProtobuf.decode(body)["status"])
        #expect(status == [
            "observedGeneration": 2, "lastScaleTime": "2026-11-24T17:02:33Z",
            "currentReplicas": 2, "desiredReplicas": 3,
            "currentMetrics": [["type": "Resource", "resource": ["name": "cpu", "current": ["averageValue": "250m", "averageUtilization": 91]]]],
            "conditions": [["type": "AbleToScale", "status": "True", "lastTransitionTime": "2026-11-24T17:02:33Z", "reason": "SucceededRescale"]],
        ])
    }

    @Test func horizontalPodAutoscalerV1() throws {
        let body = kubeBody(apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler") { hpa in
            hpa.newObjectMeta(name: "web", namespace: "default")
            hpa.message(2) { spec in
                spec.message(1, Self.writeTargetRef)
                spec.int(3, 4)
            }
            hpa.message(3) { status in
                status.int(3, 1)
                status.int(4, 2)
                status.int(5, 55)
            }
        }
        let object = try KubeProtobuf.decode(body)
        #expect(object["spec"] == [
            "scaleTargetRef": ["kind": "Deployment", "name": "web", "apiVersion": "apps/v1"], "maxReplicas": 4,
        ])
        #expect(object["status"] == ["currentReplicas": 1, "desiredReplicas": 2, "currentCPUUtilizationPercentage": 55])
    }

    @Test func scale() throws {
        let body = kubeBody(apiVersion: "autoscaling/v1", kind: "Scale") { scale in
            scale.newObjectMeta(name: "web", namespace: "default")
            scale.message(2) { $0.int(1, 3) }
            scale.message(3) { status in
                status.int(1, 2)
                status.string(2, "app=web")
            }
        }
        let object = try KubeProtobuf.decode(body)
        #expect(object["spec"] == ["replicas": 3])
        #expect(object["status"] == ["replicas": 2, "selector": "app=web"])
        let zero = try KubeProtobuf.decode(kubeBody(apiVersion: "autoscaling/v1", kind: "Scale") { scale in
            scale.newObjectMeta(name: "web")
            scale.message(2) { $0.int(1, 0) }
            scale.message(3) { status in
                status.int(1, 0)
                status.string(2, "")
            }
        })
        #expect(zero["spec"] == [:])
        #expect(zero["status"] == ["replicas": 0])
    }
}
