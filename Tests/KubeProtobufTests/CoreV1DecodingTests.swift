import JSON
import KubeProtobuf
import Testing

@Suite struct CoreV1DecodingTests {
    @Test func configMapWithEveryField() throws {
        let body = kubeBody(apiVersion: "v1", kind: "ConfigMap") { cm in
            cm.entry(2, "b", "2")
            cm.newObjectMeta(name: "settings", namespace: "prod") { meta in
                meta.entry(11, "app", "web")
                meta.entry(12, "note", "hello")
                meta.strings(14, ["example.com/guard", "other"])
            }
            cm.entry(2, "a", "1")
            cm.entry(3, "bin", bytes: [0xDE, 0xAD, 0xBE, 0xEF, 0x00])
            cm.bool(4, false)
        }
        let object = try KubeProtobuf.decode(body)
        // apiVersion and kind come first, then the Go field order, whatever the wire order was.
        #expect(object.objectValue?.keys == ["apiVersion", "kind", "metadata", "immutable", "data", "binaryData"])
        #expect(object[path: ["metadata"]] == [
            "name": "settings", "namespace": "prod", "creationTimestamp": nil,
            "labels": ["app": "web"], "annotations": ["note": "hello"],
            "finalizers": ["example.com/guard", "other"],
        ])
        // immutable is a *bool: an explicit false is kept.
        #expect(object["immutable"] == false)
        #expect(object["data"] == ["b": "2", "a": "1"])
        #expect(object["binaryData"] == ["bin": "3q2+7wA="])
    }

    @Test func objectMetaOwnerReferencesAndManagedFields() throws {
        let body = kubeBody(apiVersion: "v1", kind: "ConfigMap") { cm in
            cm.message(1) { meta in
                meta.string(1, "child")
                meta.string(5, "8a1d-uid")
                meta.string(6, "42")
                meta.int(7, 3)
                meta.time(8, seconds: 1_795_539_753)  // 2026-11-24T17:02:33Z
                meta.time(9, seconds: 1_795_539_813, nanos: 999_999_999)
                meta.int(10, 0)
                meta.message(13) { owner in
                    owner.string(1, "Deployment")
                    owner.string(3, "web")
                    owner.string(4, "uid-1")
                    owner.string(5, "apps/v1")
                    owner.bool(6, true)
                    owner.bool(7, false)
                }
                meta.message(17) { entry in
                    entry.string(1, "kubectl-create")
                    entry.string(2, "Update")
                    entry.string(3, "v1")
                    entry.time(4, seconds: 1_795_539_753)
                    entry.string(6, "FieldsV1")
                    entry.message(7) { $0.bytes(1, Array(#"{"f:data":{".":{},"f:a":{}}}"#.utf8)) }
                    entry.string(8, "")
                }
            }
        }
        let meta = try #require(try KubeProtobuf.decode(body)["metadata"])
        #expect(meta["generation"] == 3)
        #expect(meta["creationTimestamp"] == "2026-11-24T17:02:33Z")
        #expect(meta["deletionTimestamp"] == "2026-11-24T17:03:33Z")  // Time truncates to seconds
        #expect(meta["deletionGracePeriodSeconds"] == 0)  // *int64: explicit zero kept
        #expect(meta["ownerReferences"] == [[
            "apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "uid-1",
            "controller": true, "blockOwnerDeletion": false,
        ]])
        #expect(meta["managedFields"] == [[
            "manager": "kubectl-create", "operation": "Update", "apiVersion": "v1",
            "time": "2026-11-24T17:02:33Z", "fieldsType": "FieldsV1",
            "fieldsV1": ["f:data": [".": [:], "f:a": [:]]],
        ]])
    }

    @Test func secretWithTypeStringDataAndImmutable() throws {
        let body = kubeBody(apiVersion: "v1", kind: "Secret") { secret in
            secret.newObjectMeta(name: "tls", namespace: "default")
            secret.entry(2, "tls.key", bytes: Array("key".utf8))
            secret.entry(2, "empty", bytes: [])
            secret.string(3, "kubernetes.io/tls")
            secret.entry(4, "plain", "text")
            secret.bool(5, true)
        }
        let object = try KubeProtobuf.decode(body)
        #expect(object["data"] == ["tls.key": "a2V5", "empty": ""])
        #expect(object["stringData"] == ["plain": "text"])
        #expect(object["type"] == "kubernetes.io/tls")
        #expect(object["immutable"] == true)
    }

    @Test func namespaceWithSpecFinalizersAndStatusPhase() throws {
        let body = kubeBody(apiVersion: "v1", kind: "Namespace") { namespace in
            namespace.newObjectMeta(name: "fixtures")
            namespace.message(2) { $0.string(1, "kubernetes") }
            namespace.message(3) { status in
                status.string(1, "Terminating")
                status.message(2) { condition in
                    condition.string(1, "NamespaceDeletionContentFailure")
                    condition.string(2, "False")
                    condition.time(4, seconds: 0)
                    condition.string(5, "ContentDeleted")
                    condition.string(6, "")
                }
            }
        }
        let object = try KubeProtobuf.decode(body)
        #expect(object["spec"] == ["finalizers": ["kubernetes"]])
        #expect(object["status"] == [
            "phase": "Terminating",
            "conditions": [[
                "type": "NamespaceDeletionContentFailure", "status": "False",
                "lastTransitionTime": "1970-01-01T00:00:00Z", "reason": "ContentDeleted",
            ]],
        ])
    }

    @Test func serviceAccountWithSecretsAndPullSecrets() throws {
        let body = kubeBody(apiVersion: "v1", kind: "ServiceAccount") { account in
            account.newObjectMeta(name: "robot", namespace: "default")
            account.message(2) { reference in
                reference.string(1, "")
                reference.string(3, "robot-token")
                reference.string(2, "default")
            }
            account.message(3) { $0.string(1, "registry") }
            account.bool(4, false)
        }
        let object = try KubeProtobuf.decode(body)
        #expect(object["secrets"] == [["namespace": "default", "name": "robot-token"]])
        #expect(object["imagePullSecrets"] == [["name": "registry"]])
        #expect(object["automountServiceAccountToken"] == false)
    }

    @Test func serviceSpecPortsAndPointerFields() throws {
        let body = kubeBody(apiVersion: "v1", kind: "Service") { service in
            service.newObjectMeta(name: "web", namespace: "default")
            service.message(2) { spec in
                spec.message(1) { port in
                    port.string(1, "http")
                    port.string(2, "TCP")
                    port.int(3, 80)
                    port.intOrString(4, "web")
                    port.int(5, 0)
                    port.string(6, "kubernetes.io/h2c")
                }
                spec.entry(2, "app", "web")
                spec.string(3, "None")
                spec.string(18, "None")
                spec.string(4, "ClusterIP")
                spec.string(7, "ClientIP")
                spec.int(12, 0)
                spec.bool(13, false)
                spec.message(14) { $0.message(1) { $0.int(1, 10_800) } }
                spec.string(19, "IPv4")
                spec.string(17, "SingleStack")
                spec.string(22, "Cluster")
            }
            service.message(3) { status in
                status.message(1) { balancer in
                    balancer.message(1) { ingress in
                        ingress.string(1, "10.0.0.9")
                        ingress.string(2, "")
                        ingress.message(4) { portStatus in
                            portStatus.int(1, 80)
                            portStatus.string(2, "TCP")
                        }
                    }
                }
            }
        }
        let object = try KubeProtobuf.decode(body)
        #expect(object["spec"] == [
            "ports": [["name": "http", "protocol": "TCP", "appProtocol": "kubernetes.io/h2c", "port": 80, "targetPort": "web"]],
            "selector": ["app": "web"],
            "clusterIP": "None", "clusterIPs": ["None"], "type": "ClusterIP",
            "sessionAffinity": "ClientIP",
            "sessionAffinityConfig": ["clientIP": ["timeoutSeconds": 10_800]],
            "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "internalTrafficPolicy": "Cluster",
        ])
        #expect(object["status"] == ["loadBalancer": ["ingress": [["ip": "10.0.0.9", "ports": [["port": 80, "protocol": "TCP"]]]]]])
    }
}

extension ProtoWriter {
    mutating func strings(_ field: Int, _ values: [String]) {
        for value in values { string(field, value) }
    }
}
