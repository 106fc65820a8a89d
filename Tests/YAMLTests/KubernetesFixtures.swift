/// Real-world documents shared by the Kubernetes, fuzz and decoder tests.
enum KubernetesFixtures {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: resnet
          namespace: models
          labels:
            app.kubernetes.io/name: resnet
            app.kubernetes.io/managed-by: stockade
          annotations:
            stockade.dev/revision: "0123"
            description: >-
              Image classifier
              served by stockade
        spec:
          replicas: 3
          revisionHistoryLimit: 0
          selector:
            matchLabels: &labels
              app.kubernetes.io/name: resnet
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
          template:
            metadata:
              labels: *labels
            spec:
              containers:
              - name: serve
                image: ghcr.io/stockade/serve:1.0   # pinned
                args: ["--model", /models/resnet.onnx, --port=8000]
                ports:
                - containerPort: 8000
                  name: http
                  protocol: TCP
                env:
                - name: ENABLE_BATCHING
                  value: "true"
                - name: MAX_BATCH
                  value: "8"
                - name: SCRIPT
                  value: |
                    #!/bin/sh
                    exec serve "$@"
                resources:
                  limits: {cpu: "2", memory: 4Gi}
                  requests:
                    cpu: 500m
                    memory: 1Gi
                readinessProbe:
                  httpGet: {path: /v2/health/ready, port: http}
                  periodSeconds: 5
                  failureThreshold: 0x3
                securityContext:
                  runAsNonRoot: yes
                  readOnlyRootFilesystem: on
              terminationGracePeriodSeconds: 30
              nodeSelector: ~

        """

    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: dev
        preferences: {}
        clusters:
        - name: dev
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority-data: LS0tLS1CRUdJTg==
            insecure-skip-tls-verify: false
        - name: prod
          cluster:
            server: https://prod.example.com
        contexts:
        - name: dev
          context:
            cluster: dev
            user: admin
            namespace: models
        users:
        - name: admin
          user:
            token: abc.def
        - name: exec-user
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: aws
              args: [eks, get-token]
              env: null

        """

    /// Multi-byte characters everywhere, so truncations cut UTF-8 sequences.
    static let unicode = """
        名前: "データ"
        emoji: 😀😀
        list:
        - café
        - 'naïve'
        - |
          ünïcödé
          text

        """
}
