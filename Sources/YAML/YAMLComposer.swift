import JSON

/// Turns libyaml events into `JSONValue` documents: resolves scalars, anchors, aliases and merge keys,
/// rejects duplicate and complex keys, and enforces the node and depth limits.
///
/// Anchors are scoped to their document. The node budget covers the whole stream and counts every node
/// an alias expands to, so an exponential alias chain (a "billion laughs") fails fast, while the composed
/// value itself shares storage between the copies and stays small.
struct YAMLComposer {
    private let parser: LibYAMLParser
    private let limits: YAMLLimits
    private let recordPositions: Bool
    private var nodeCount = 0
    private var anchors: [String: Node] = [:]
    private var path: [YAMLPath.Component] = []
    private var positions: [YAMLPath: YAMLMark] = [:]
    /// Above zero while composing something that has no path of its own (keys, merge sources).
    private var positionlessDepth = 0

    /// A composed node: its value, where it starts, how many levels of collections it spans (a scalar
    /// spans none) and how many nodes it expands to.
    private struct Node {
        var value: JSONValue
        var mark: YAMLMark
        var height: Int
        var size: Int
    }

    init(bytes: some Collection<UInt8>, limits: YAMLLimits, recordPositions: Bool) throws(YAMLError) {
        parser = try LibYAMLParser(bytes: bytes)
        self.limits = limits
        self.recordPositions = recordPositions
    }

    /// Every document in the stream, or, with `single`, at most one (a second is an error at its start).
    mutating func composeDocuments(single: Bool) throws(YAMLError) -> [YAMLDocument] {
        guard case .streamStart = try parser.next() else {
            throw YAMLError(message: "expected the start of a YAML stream", line: 1, column: 1)
        }
        var documents: [YAMLDocument] = []
        while true {
            switch try parser.next() {
            case .streamEnd:
                return documents
            case .documentStart(let mark):
                if single, !documents.isEmpty {
                    throw YAMLError("expected a single YAML document but found another one", at: mark)
                }
                anchors = [:]
                positions = [:]
                let root = try node(from: try parser.next(), depth: 0)
                guard case .documentEnd = try parser.next() else {
                    throw YAMLError("expected the end of the document", at: root.mark)
                }
                documents.append(YAMLDocument(value: root.value, positions: positions))
            default:
                throw YAMLError(message: "unexpected YAML event between documents", line: 1, column: 1)
            }
        }
    }

    private mutating func node(from event: YAMLEvent, depth: Int) throws(YAMLError) -> Node {
        let node: Node
        switch event {
        case .scalar(let scalar):
            try count(1, at: scalar.mark)
            node = Node(value: try YAMLScalarResolver.resolve(scalar), mark: scalar.mark, height: 0, size: 1)
            if let anchor = scalar.anchor { anchors[anchor] = node }
        case .alias(let anchor, let mark):
            guard var target = anchors[anchor] else { throw YAMLError("unknown anchor \"\(anchor)\"", at: mark) }
            try count(target.size, at: mark)
            guard depth + target.height <= limits.maxDepth else { throw depthError(at: mark) }
            target.mark = mark
            node = target
        case .sequenceStart(let anchor, let tag, let mark):
            try checkCollectionTag(tag, expected: "seq", at: mark)
            node = try sequence(at: mark, depth: depth)
            if let anchor { anchors[anchor] = node }
        case .mappingStart(let anchor, let tag, let mark):
            try checkCollectionTag(tag, expected: "map", at: mark)
            node = try mapping(at: mark, depth: depth)
            if let anchor { anchors[anchor] = node }
        default:
            throw YAMLError(message: "unexpected YAML event where a node was expected", line: 1, column: 1)
        }
        if recordPositions, positionlessDepth == 0 { positions[YAMLPath(path)] = node.mark }
        return node
    }

    private mutating func sequence(at mark: YAMLMark, depth: Int) throws(YAMLError) -> Node {
        guard depth < limits.maxDepth else { throw depthError(at: mark) }
        let start = nodeCount
        try count(1, at: mark)
        var items: [JSONValue] = []
        var height = 1
        while true {
            let event = try parser.next()
            if case .sequenceEnd = event { break }
            path.append(.index(items.count))
            let item = try node(from: event, depth: depth + 1)
            path.removeLast()
            items.append(item.value)
            height = max(height, item.height + 1)
        }
        return Node(value: .array(items), mark: mark, height: height, size: nodeCount - start)
    }

    private mutating func mapping(at mark: YAMLMark, depth: Int) throws(YAMLError) -> Node {
        guard depth < limits.maxDepth else { throw depthError(at: mark) }
        let start = nodeCount
        try count(1, at: mark)
        var object = JSONObject()
        var explicitKeys: [String: YAMLMark] = [:]
        var height = 1
        while true {
            let keyEvent = try parser.next()
            if case .mappingEnd = keyEvent { break }
            if case .scalar(let scalar) = keyEvent, scalar.isPlainUntagged, scalar.value == "<<" {
                positionlessDepth += 1
                let source = try node(from: try parser.next(), depth: depth + 1)
                positionlessDepth -= 1
                try merge(source, into: &object, skipping: explicitKeys)
                height = max(height, source.height + 1)
                continue
            }
            let (key, keyMark) = try mappingKey(keyEvent, depth: depth + 1)
            if let first = explicitKeys[key] {
                throw YAMLError("duplicate key \"\(key)\" in mapping (first defined at \(first))", at: keyMark)
            }
            explicitKeys[key] = keyMark
            path.append(.key(key))
            let value = try node(from: try parser.next(), depth: depth + 1)
            path.removeLast()
            object[key] = value.value
            height = max(height, value.height + 1)
        }
        return Node(value: .object(object), mark: mark, height: height, size: nodeCount - start)
    }

    /// A mapping key as a string, the way sigs.k8s.io/yaml converts non-string keys.
    private mutating func mappingKey(_ event: YAMLEvent, depth: Int) throws(YAMLError) -> (String, YAMLMark) {
        switch event {
        case .sequenceStart(_, _, let mark), .mappingStart(_, _, let mark):
            throw Self.complexKeyError(at: mark)
        default:
            break
        }
        positionlessDepth += 1
        defer { positionlessDepth -= 1 }
        let key = try node(from: event, depth: depth)
        switch key.value {
        case .string(let s): return (s, key.mark)
        case .int(let i): return (String(i), key.mark)
        case .double(let d): return (Self.keyString(d), key.mark)
        case .bool(let b): return (b ? "true" : "false", key.mark)
        case .null: return ("null", key.mark)
        case .array, .object:
            throw Self.complexKeyError(at: key.mark)
        }
    }

    /// Merge-key (`<<`) semantics: keys written in the mapping win over merged ones, and among several
    /// merged mappings the earlier one wins.
    private func merge(_ source: Node, into object: inout JSONObject, skipping explicitKeys: [String: YAMLMark])
        throws(YAMLError)
    {
        let sources: [JSONValue]
        switch source.value {
        case .object: sources = [source.value]
        case .array(let items): sources = items
        default: throw YAMLError("a merge key (<<) needs a mapping or a sequence of mappings", at: source.mark)
        }
        for candidate in sources {
            guard case .object(let members) = candidate else {
                throw YAMLError("a merge key (<<) needs a mapping or a sequence of mappings", at: source.mark)
            }
            for (key, value) in members where explicitKeys[key] == nil && object[key] == nil {
                object[key] = value
            }
        }
    }

    private mutating func count(_ nodes: Int, at mark: YAMLMark) throws(YAMLError) {
        nodeCount += nodes
        guard nodeCount <= limits.maxNodes else {
            throw YAMLError(
                "the document expands to more than \(limits.maxNodes) nodes (aliases are expanded; "
                    + "is this an alias bomb?)", at: mark)
        }
    }

    private static func complexKeyError(at mark: YAMLMark) -> YAMLError {
        YAMLError("complex mapping keys (a mapping or sequence used as a key) are not supported", at: mark)
    }

    private func depthError(at mark: YAMLMark) -> YAMLError {
        YAMLError("nesting is deeper than \(limits.maxDepth) levels", at: mark)
    }

    private func checkCollectionTag(_ tag: String?, expected: String, at mark: YAMLMark) throws(YAMLError) {
        guard let tag, tag != "!", tag != YAMLScalarResolver.tagPrefix + expected else { return }
        guard YAMLScalarResolver.knownTags.contains(tag) else {
            throw YAMLError("unknown tag \(YAMLScalarResolver.shortTag(tag))", at: mark)
        }
        let kind = expected == "map" ? "mapping" : "sequence"
        throw YAMLError("the tag \(YAMLScalarResolver.shortTag(tag)) cannot be applied to a \(kind)", at: mark)
    }

    /// A float key as text: integral values without a fraction, others in Swift's shortest form.
    private static func keyString(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e21, let i = Int64(exactly: d) { return String(i) }
        return d.description
    }
}
