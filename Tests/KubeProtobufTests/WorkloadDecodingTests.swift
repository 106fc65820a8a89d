import JSON
import KubeProtobuf
import Testing

@Suite struct WorkloadDecodingTests {
    /// A container carrying most of what `kubectl create deployment`/`run` and hand-written specs set.
    static func writeContainer(_ container: inout ProtoWriter) {
        container.string(1, "app")
        container.string(2, "registry.example/app:1.0")
        container.strings(3, ["/bin/app"])
        container.strings(4, ["--port", "8080"])
        container.string(5, "")
        container.message(6) { port in
            port.string(1, "http")
            port.int(2, 0)
            port.int(3, 8080)
            port.string(4, "TCP")
            port.string(5, "")
        }
        container.message(7) { env in
            env.string(1, "MODE")
            env.string(2, "fast")
        }
        container.message(7) { env in
            env.string(1, "POD_NAME")
            env.string(2, "")
            env.message(3) { source in
                source.message(1) { field in
                    field.string(1, "v1")
                    field.string(2, "metadata.name")
                }
            }
        }
        container.message(7) { env in
            env.string(1, "TOKEN")
            env.message(3) { source in
                source.message(4) { selector in
                    selector.message(1) { $0.string(1, "creds") }
                    selector.string(2, "token")
                    selector.bool(3, true)
                }
            }
        }
        container.message(8) { resources in
            resources.quantityEntry(1, "cpu", "500m")
            resources.quantityEntry(1, "memory", "256Mi")
            resources.quantityEntry(2, "cpu", "100m")
        }
        container.message(9) { mount in
            mount.string(1, "data")
            mount.bool(2, true)
            mount.string(3, "/data")
            mount.string(4, "")
        }
        container.message(11) { probe in
            probe.message(1) { handler in
                handler.message(2) { get in
                    get.string(1, "/healthz")
                    get.intOrString(2, 8080)
                    get.string(4, "HTTP")
                }
            }
            probe.int(2, 5)
            probe.int(3, 0)
            probe.int(4, 10)
        }
        container.message(12) { lifecycle in
            lifecycle.message(2) { handler in handler.message(1) { $0.strings(1, ["sh", "-c", "sleep 5"]) } }
        }
        container.string(13, "/dev/termination-log")
        container.string(14, "IfNotPresent")
        container.message(15) { security in
            security.message(1) { $0.strings(2, ["ALL"]) }
            security.bool(7, false)
            security.int(4, 1000)
            security.bool(5, true)
            security.message(11) { $0.string(1, "RuntimeDefault") }
        }
        container.bool(16, false)
        container.bool(18, false)
        container.string(20, "File")
    }

    @Test func deploymentWithAFullPodTemplate() throws {
        let body = kubeBody(apiVersion: "apps/v1", kind: "Deployment") { deployment in
            deployment.newObjectMeta(name: "web", namespace: "default") { $0.entry(11, "app", "web") }
            deployment.message(2) { spec in
                spec.int(1, 0)
                spec.message(2) { selector in
                    selector.entry(1, "app", "web")
                    selector.message(2) { requirement in
                        requirement.string(1, "tier")
                        requirement.string(2, "In")
                        requirement.strings(3, ["front", "edge"])
                    }
                }
                spec.message(3) { template in
                    template.newObjectMeta(name: "") { $0.entry(11, "app", "web") }
                    template.message(2) { pod in
                        pod.message(1) { volume in
                            volume.string(1, "data")
                            volume.message(2) { source in source.message(2) { $0.string(1, "") } }
                        }
                        pod.message(1) { volume in
                            volume.string(1, "config")
                            volume.message(2) { source in
                                source.message(19) { configMap in
                                    configMap.message(1) { $0.string(1, "settings") }
                                    configMap.int(3, 420)
                                }
                            }
                        }
                        pod.message(2, Self.writeContainer)
                        pod.string(3, "Always")
                        pod.int(4, 30)
                        pod.string(6, "ClusterFirst")
                        pod.string(8, "")
                        pod.bool(11, false)
                        pod.message(14) { _ in }
                        pod.string(19, "default-scheduler")
                        pod.message(22) { toleration in
                            toleration.string(1, "dedicated")
                            toleration.string(2, "Equal")
                            toleration.string(3, "gpu")
                            toleration.string(4, "NoSchedule")
                        }
                        pod.string(24, "")
                    }
                }
                spec.message(4) { strategy in
                    strategy.string(1, "RollingUpdate")
                    strategy.message(2) { rolling in
                        rolling.intOrString(1, "25%")
                        rolling.intOrString(2, 1)
                    }
                }
                spec.int(5, 0)
                spec.int(6, 10)
                spec.bool(7, false)
                spec.int(9, 600)
            }
            deployment.message(3) { status in
                status.int(1, 0)
                status.int(2, 0)
            }
        }
        let object = try KubeProtobuf.decode(body)
        let spec = try #require(object["spec"])
        #expect(spec["replicas"] == 0)  // *int32: an explicit zero is kept
        #expect(spec["selector"] == [
            "matchLabels": ["app": "web"],
            "matchExpressions": [["key": "tier", "operator": "In", "values": ["front", "edge"]]],
        ])
        #expect(spec["strategy"] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": 1]])
        #expect(spec["revisionHistoryLimit"] == 10)
        #expect(spec["progressDeadlineSeconds"] == 600)
        #expect(spec["minReadySeconds"] == nil)
        #expect(spec["paused"] == nil)
        #expect(object["status"] == [:])

        let pod = try #require(spec[path: ["template", "spec"]])
        #expect(pod.objectValue?.keys == [
            "volumes", "containers", "restartPolicy", "terminationGracePeriodSeconds", "dnsPolicy",
            "securityContext", "schedulerName", "tolerations",
        ])
        #expect(pod["volumes"] == [
            ["name": "data", "emptyDir": [:]],
            ["name": "config", "configMap": ["name": "settings", "defaultMode": 420]],
        ])
        #expect(pod["securityContext"] == [:])
        #expect(pod["terminationGracePeriodSeconds"] == 30)
        #expect(pod["tolerations"] == [["key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"]])

        #expect(pod["containers"]?[0] == [
            "name": "app",
            "image": "registry.example/app:1.0",
            "command": ["/bin/app"],
            "args": ["--port", "8080"],
            "ports": [["name": "http", "containerPort": 8080, "protocol": "TCP"]],
            "env": [
                ["name": "MODE", "value": "fast"],
                ["name": "POD_NAME", "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.name"]]],
                ["name": "TOKEN", "valueFrom": ["secretKeyRef": ["name": "creds", "key": "token", "optional": true]]],
            ],
            "resources": ["limits": ["cpu": "500m", "memory": "256Mi"], "requests": ["cpu": "100m"]],
            "volumeMounts": [["name": "data", "readOnly": true, "mountPath": "/data"]],
            "readinessProbe": ["httpGet": ["path": "/healthz", "port": 8080, "scheme": "HTTP"], "initialDelaySeconds": 5, "periodSeconds": 10],
            "lifecycle": ["preStop": ["exec": ["command": ["sh", "-c", "sleep 5"]]]],
            "terminationMessagePath": "/dev/termination-log",
            "terminationMessagePolicy": "File",
            "imagePullPolicy": "IfNotPresent",
            "securityContext": [
                "capabilities": ["drop": ["ALL"]], "runAsUser": 1000, "runAsNonRoot": true,
                "allowPrivilegeEscalation": false, "seccompProfile": ["type": "RuntimeDefault"],
            ],
        ])
    }

    @Test func podWithAffinityAndPackedSupplementalGroups() throws {
        let body = kubeBody(apiVersion: "v1", kind: "Pod") { pod in
            pod.newObjectMeta(name: "p", namespace: "default")
            pod.message(2) { spec in
                spec.message(2) { container in
                    container.string(1, "c")
                    container.string(2, "busybox")
                    container.message(8) { _ in }
                }
                spec.message(14) { security in
                    security.packed(4, [1000, 2000])
                    security.int(4, 3000)  // unpacked elements append to packed ones
                    security.int(5, 2000)
                    security.message(7) { sysctl in
                        sysctl.string(1, "net.core.somaxconn")
                        sysctl.string(2, "1024")
                    }
                }
                spec.message(18) { affinity in
                    affinity.message(1) { node in
                        node.message(1) { selector in
                            selector.message(1) { term in
                                term.message(1) { requirement in
                                    requirement.string(1, "kubernetes.io/os")
                                    requirement.string(2, "In")
                                    requirement.strings(3, ["linux"])
                                }
                            }
                        }
                    }
                    affinity.message(3) { anti in
                        anti.message(2) { weighted in
                            weighted.int(1, 100)
                            weighted.message(2) { term in
                                term.message(1) { $0.entry(1, "app", "p") }
                                term.string(3, "kubernetes.io/hostname")
                            }
                        }
                    }
                }
                spec.int(25, -5)  // negative int32 as a 10-byte varint
            }
            pod.message(3) { status in
                status.string(1, "Pending")
                status.string(9, "BestEffort")
                status.string(6, "")
            }
        }
        let object = try KubeProtobuf.decode(body)
        let spec = try #require(object["spec"])
        #expect(spec["containers"] == [["name": "c", "image": "busybox", "resources": [:]]])
        #expect(spec["securityContext"] == [
            "supplementalGroups": [1000, 2000, 3000], "fsGroup": 2000,
            "sysctls": [["name": "net.core.somaxconn", "value": "1024"]],
        ])
        #expect(spec[path: ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"]] == [
            "nodeSelectorTerms": [["matchExpressions": [["key": "kubernetes.io/os", "operator": "In", "values": ["linux"]]]]],
        ])
        #expect(spec[path: ["affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution"]] == [[
            "weight": 100,
            "podAffinityTerm": ["labelSelector": ["matchLabels": ["app": "p"]], "topologyKey": "kubernetes.io/hostname"],
        ]])
        #expect(spec["priority"] == -5)
        #expect(object["status"] == ["phase": "Pending", "qosClass": "BestEffort"])
    }
}
