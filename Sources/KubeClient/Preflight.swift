public import KubeCore
import JSON

/// `stockade check`: what a user runs before installing Stockade, in the spirit of `linkerd check`.
/// Loads the configuration exactly as the operator will, connects, and reports one line per check with
/// what to do when it fails.
public enum Preflight {
    /// One reported check.
    public struct Check: Sendable, Hashable {
        public enum Outcome: Sendable, Hashable { case passed, failed, optionalMissing }
        public var outcome: Outcome
        public var line: String

        /// `✔ ...`, `✘ ...` or `– ...` (an optional API that is not there).
        public var rendered: String {
            switch outcome {
            case .passed: return "✔ " + line
            case .failed: return "✘ " + line
            case .optionalMissing: return "– " + line
            }
        }
    }

    /// An API Stockade uses, and whether the operator cannot work without it.
    public struct RequiredAPI: Sendable {
        public var resource: GroupVersionResource
        public var required: Bool
        public var hint: String
    }

    public static let apis: [RequiredAPI] = [
        RequiredAPI(resource: .deployments, required: true, hint: "Deployments (apps/v1) are part of every Kubernetes; is this an API server?"),
        RequiredAPI(resource: .horizontalPodAutoscalers, required: true, hint: "autoscaling/v2 needs Kubernetes 1.23 or newer"),
        RequiredAPI(resource: .leases, required: true, hint: "coordination.k8s.io/v1 Leases need Kubernetes 1.14 or newer"),
        RequiredAPI(resource: .events, required: true, hint: "events.k8s.io/v1 needs Kubernetes 1.19 or newer"),
        RequiredAPI(resource: GroupVersionResource(group: "serving.stockade.dev", version: "v1alpha1", resource: "modeldeployments"),
                    required: true, hint: "install the ModelDeployment CRD (kubectl apply -f crds/)"),
        RequiredAPI(resource: GroupVersionResource(group: "gateway.networking.k8s.io", version: "v1", resource: "httproutes"),
                    required: false, hint: "optional: install the Gateway API CRDs for exact canary weights; without them traffic is split by replica ratio"),
    ]

    /// Runs every check against the cluster `client` talks to. `configurationSource` says where the
    /// configuration came from, `authentication` how requests are authenticated.
    public static func run(client: KubeClient, configurationSource: String, authentication: String) async -> [Check] {
        var checks = [Check(outcome: .passed, line: "configuration: \(configurationSource)")]
        do {
            let version = try await client.serverVersion()
            checks.append(Check(outcome: .passed, line: "connected: Kubernetes \(version["gitVersion"] ?? "unknown version")"))
        } catch {
            checks.append(Check(outcome: .failed, line: "cannot reach the API server: \(error.description) — check the server URL, the CA and the network"))
            return checks
        }
        do {
            _ = try await client.list(.namespaces, options: ListOptions(limit: 1))
            checks.append(Check(outcome: .passed, line: await identity(client: client) + "with \(authentication)"))
        } catch {
            let advice = error.kind == .unauthorized ? "the server rejected the credentials: refresh the token or certificate"
                : error.kind == .forbidden ? "the credentials are valid but may not list namespaces: grant the RBAC in deploy/" : "request failed"
            checks.append(Check(outcome: .failed, line: "authentication with \(authentication): \(advice) (\(error.description))"))
            return checks
        }
        for api in apis {
            let name = "\(api.resource.group.isEmpty ? "" : api.resource.group + "/")\(api.resource.version) \(api.resource.resource)"
            do {
                if try await client.isServed(api.resource) {
                    checks.append(Check(outcome: .passed, line: "\(name) is served"))
                } else {
                    checks.append(Check(outcome: api.required ? .failed : .optionalMissing, line: "\(name) is not served: \(api.hint)"))
                }
            } catch {
                checks.append(Check(outcome: .failed, line: "\(name): discovery failed: \(error.description)"))
            }
        }
        checks.append(await watchRoundTrip(client: client))
        return checks
    }

    /// `authenticated as USER (GROUPS) ` from a SelfSubjectReview, or `authenticated ` where the server
    /// cannot say (no SelfSubjectReview API, or it refused the review).
    static func identity(client: KubeClient) async -> String {
        guard let user = try? await client.whoAmI(), !user.username.isEmpty else { return "authenticated " }
        let groups = user.groups.filter { $0 != "system:authenticated" }
        return "authenticated as \(user.username)" + (groups.isEmpty ? " " : " (\(groups.joined(separator: ", "))) ")
    }

    /// Lists namespaces, then watches from the list's resourceVersion until the server ends the watch.
    static func watchRoundTrip(client: KubeClient) async -> Check {
        do {
            let (items, resourceVersion) = try await client.listAll(.namespaces)
            var events = 0
            for try await _ in client.watch(.namespaces, options: WatchOptions(resourceVersion: resourceVersion, timeoutSeconds: 1), resume: false) {
                events += 1
            }
            return Check(outcome: .passed, line: "list-then-watch round trip (\(items.count) namespaces, watch from resourceVersion \(resourceVersion))")
        } catch {
            return Check(outcome: .failed, line: "list-then-watch round trip failed: \(error) — watches must reach the API server (proxies must not buffer streaming responses)")
        }
    }
}
