import JSON

/// Allocates Service cluster IPs from 10.96.0.0/16 (never reusing an address that is in use).
struct ClusterIPAllocator: Sendable {
    private var used: Set<String> = []
    private var next = 1

    mutating func reserve(_ ip: String) { used.insert(ip) }
    mutating func release(_ ip: String) { used.remove(ip) }

    mutating func allocate() -> String {
        while true {
            let candidate = "10.96.\(next / 256).\(next % 256)"
            next = next % 65_000 + 1
            if !used.contains(candidate), !candidate.hasSuffix(".0") {
                used.insert(candidate)
                return candidate
            }
        }
    }
}

/// The defaults kube-apiserver fills in for the built-in kinds (the ones controllers and kubectl rely on).
enum BuiltinDefaults {
    static func apply(to object: inout JSONValue, type: ResourceType, clusterIPs: inout ClusterIPAllocator) {
        guard !type.isCustom else { return }
        switch (type.group, type.resource) {
        case ("", "namespaces"):
            let name = ObjectMetadata.name(of: object) ?? ""
            object.set(path: ["metadata", "labels", "kubernetes.io/metadata.name"], to: .string(name))
            if object[path: ["spec", "finalizers"]] == nil { object.set(path: ["spec", "finalizers"], to: ["kubernetes"]) }
            if object[path: ["status", "phase"]] == nil { object.set(path: ["status", "phase"], to: "Active") }
        case ("", "secrets"):
            if object["type"] == nil { object["type"] = "Opaque" }
            if case .object(let stringData)? = object["stringData"] {
                var data = object["data"]?.objectValue ?? [:]
                for (key, value) in stringData {
                    data[key] = .string(Base64.encode(Array((value.stringValue ?? "").utf8)))
                }
                object["data"] = .object(data)
                object["stringData"] = nil
            }
        case ("", "services"): defaultService(&object, clusterIPs: &clusterIPs)
        case ("", "pods"):
            if var spec = object["spec"] {
                defaultPodSpec(&spec)
                object["spec"] = spec
            }
            if object[path: ["status", "phase"]] == nil { object.set(path: ["status", "phase"], to: "Pending") }
        case ("apps", "deployments"):
            setIfAbsent(&object, ["spec", "replicas"], 1)
            setIfAbsent(&object, ["spec", "strategy", "type"], "RollingUpdate")
            if object[path: ["spec", "strategy", "type"]] == "RollingUpdate" {
                setIfAbsent(&object, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], "25%")
                setIfAbsent(&object, ["spec", "strategy", "rollingUpdate", "maxSurge"], "25%")
            }
            setIfAbsent(&object, ["spec", "revisionHistoryLimit"], 10)
            setIfAbsent(&object, ["spec", "progressDeadlineSeconds"], 600)
            defaultTemplate(&object)
            if object["status"] == nil { object["status"] = [:] }
        case ("apps", "replicasets"):
            setIfAbsent(&object, ["spec", "replicas"], 1)
            defaultTemplate(&object)
            if object["status"] == nil { object["status"] = ["replicas": 0] }
        case ("autoscaling", "horizontalpodautoscalers"):
            setIfAbsent(&object, ["spec", "minReplicas"], 1)
            if object[path: ["spec", "metrics"]] == nil {
                object.set(path: ["spec", "metrics"], to: [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]]])
            }
            if object["status"] == nil { object["status"] = ["currentReplicas": 0, "desiredReplicas": 0] }
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            setIfAbsent(&object, ["spec", "conversion", "strategy"], "None")
            if let kind = object[path: ["spec", "names", "kind"]]?.stringValue {
                setIfAbsent(&object, ["spec", "names", "singular"], .string(kind.lowercased()))
                setIfAbsent(&object, ["spec", "names", "listKind"], .string(kind + "List"))
            }
            if object["status"] == nil {
                let storage = (object[path: ["spec", "versions"]]?.arrayValue ?? []).first { $0["storage"] == true }?["name"]
                object["status"] = ["conditions": nil, "acceptedNames": ["plural": "", "kind": ""],
                                    "storedVersions": storage.map { [$0] } ?? []]
            }
        default: break
        }
    }

    static func setIfAbsent(_ object: inout JSONValue, _ path: [String], _ value: JSONValue) {
        if object[path: path] == nil || object[path: path] == .null { object.set(path: path, to: value) }
    }

    static func defaultTemplate(_ object: inout JSONValue) {
        guard var spec = object[path: ["spec", "template", "spec"]] else { return }
        defaultPodSpec(&spec)
        object.set(path: ["spec", "template", "spec"], to: spec)
    }

    /// PodSpec defaults: restart and DNS policy, scheduler, grace period, and per-container defaults.
    static func defaultPodSpec(_ spec: inout JSONValue) {
        for field in ["containers", "initContainers"] {
            guard var containers = spec[field]?.arrayValue else { continue }
            for i in containers.indices { defaultContainer(&containers[i]) }
            spec[field] = .array(containers)
        }
        setIfAbsent(&spec, ["restartPolicy"], "Always")
        setIfAbsent(&spec, ["terminationGracePeriodSeconds"], 30)
        setIfAbsent(&spec, ["dnsPolicy"], "ClusterFirst")
        setIfAbsent(&spec, ["securityContext"], [:])
        setIfAbsent(&spec, ["schedulerName"], "default-scheduler")
    }

    static func defaultContainer(_ container: inout JSONValue) {
        if var ports = container["ports"]?.arrayValue {
            for i in ports.indices { setIfAbsent(&ports[i], ["protocol"], "TCP") }
            container["ports"] = .array(ports)
        }
        setIfAbsent(&container, ["resources"], [:])
        setIfAbsent(&container, ["terminationMessagePath"], "/dev/termination-log")
        setIfAbsent(&container, ["terminationMessagePolicy"], "File")
        let image = container["image"]?.stringValue ?? ""
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        let tag = lastComponent.contains("@") ? "digest" : (lastComponent.split(separator: ":").dropFirst().first.map(String.init) ?? "latest")
        setIfAbsent(&container, ["imagePullPolicy"], tag == "latest" ? "Always" : "IfNotPresent")
    }

    static func defaultService(_ object: inout JSONValue, clusterIPs: inout ClusterIPAllocator) {
        setIfAbsent(&object, ["spec", "type"], "ClusterIP")
        let type = object[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        if var ports = object[path: ["spec", "ports"]]?.arrayValue {
            for i in ports.indices {
                setIfAbsent(&ports[i], ["protocol"], "TCP")
                if let port = ports[i]["port"] { setIfAbsent(&ports[i], ["targetPort"], port) }
            }
            object.set(path: ["spec", "ports"], to: .array(ports))
        }
        guard type != "ExternalName" else { return }
        setIfAbsent(&object, ["spec", "sessionAffinity"], "None")
        if object[path: ["spec", "clusterIP"]] == nil || object[path: ["spec", "clusterIP"]] == "" {
            let ip = clusterIPs.allocate()
            object.set(path: ["spec", "clusterIP"], to: .string(ip))
        } else if let ip = object[path: ["spec", "clusterIP"]]?.stringValue, ip != "None" {
            clusterIPs.reserve(ip)
        }
        if let ip = object[path: ["spec", "clusterIP"]] { setIfAbsent(&object, ["spec", "clusterIPs"], [ip]) }
        setIfAbsent(&object, ["spec", "ipFamilies"], ["IPv4"])
        setIfAbsent(&object, ["spec", "ipFamilyPolicy"], "SingleStack")
        setIfAbsent(&object, ["spec", "internalTrafficPolicy"], "Cluster")
        if object["status"] == nil { object["status"] = ["loadBalancer": [:]] }
    }
}

/// Standard base64 without Foundation's Data round trip.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 0x3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 0xF) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? table[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
