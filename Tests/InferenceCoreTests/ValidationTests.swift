import InferenceCore
import JSON
import Testing

/// Every decoding and validation failure: its status and the exact message the client sees.
@Suite struct ValidationTests {
    static let model = ModelMetadata(
        name: "mlp",
        inputs: [TensorMetadata(name: "x", datatype: .fp32, shape: [-1, 3]), TensorMetadata(name: "ids", datatype: .int64, shape: [-1])],
        outputs: [TensorMetadata(name: "y", datatype: .fp32, shape: [-1, 2]), TensorMetadata(name: "tag", datatype: .bytes, shape: [-1])])

    static func request(x: String = #"{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,2,3]}"#,
                        ids: String = #"{"name":"ids","shape":[1],"datatype":"INT64","data":[7]}"#, extra: String = "") -> String {
        #"{"inputs":[\#(x),\#(ids)]\#(extra)}"#
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let body: String
        let status: Int
        let message: String
        var testDescription: String { message }
    }

    static let decodeCases: [Case] = [
        Case(body: "{", status: 400, message: "request body is not valid JSON: invalid JSON at line 1, column 2: unexpected end of input in object"),
        Case(body: "[]", status: 400, message: "request body must be a JSON object, got array"),
        Case(body: #"{"id":3,"inputs":[]}"#, status: 400, message: "request: 'id' must be a string, got integer"),
        Case(body: #"{"outputs":[]}"#, status: 400, message: "request: 'inputs' is required and must be an array"),
        Case(body: #"{"inputs":[1]}"#, status: 400, message: "request: inputs[0] must be an object, got integer"),
        Case(body: #"{"inputs":[{"shape":[1],"datatype":"FP32","data":[1]}]}"#, status: 400, message: "input 0: 'name' is required"),
        Case(body: request(x: #"{"name":"x","shape":[1,3],"datatype":"FLOAT","data":[1,2,3]}"#), status: 400, message: "input 'x': unknown datatype 'FLOAT'"),
        Case(body: request(x: #"{"name":"x","shape":[1,-3],"datatype":"FP32","data":[1,2,3]}"#), status: 400, message: "input 'x': shape has -3, expected a non-negative integer"),
        Case(body: request(x: #"{"name":"x","datatype":"FP32","data":[1,2,3]}"#), status: 400, message: "input 'x': 'shape' is required and must be an array of non-negative integers"),
        Case(body: request(x: #"{"name":"x","shape":[1,3],"datatype":"FP32"}"#), status: 400, message: "input 'x': has neither 'data' nor binary_data_size"),
        Case(body: request(x: #"{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,2]}"#), status: 400, message: "input 'x': shape [1, 3] has 3 elements but data has 2"),
        Case(body: request(x: #"{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,"2",3]}"#), status: 400, message: "input 'x': element 1 is string, expected a number for FP32"),
        Case(body: request(x: #"{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,2,1e39]}"#), status: 400, message: "input 'x': element 2 (1e+39) is out of range for FP32"),
        Case(body: request(x: #"{"name":"x","shape":[1,3],"datatype":"FP32","data":{"a":1}}"#), status: 400, message: "input 'x': data must be an array, got object"),
        Case(body: request(x: #"{"name":"x","shape":[2,2],"datatype":"FP32","data":[[1,2],[3]]}"#), status: 400, message: "input 'x': nested data is ragged: data[1] has 1 elements, expected 2"),
        Case(body: request(x: #"{"name":"x","shape":[2,2],"datatype":"FP32","data":[[1,2],3]}"#), status: 400, message: "input 'x': nested data is ragged: data[1] is integer where an array of 2 was expected"),
        Case(body: request(x: #"{"name":"x","shape":[2,2],"datatype":"FP32","data":[[1,[2]],[3,4]]}"#), status: 400, message: "input 'x': nested data is ragged: data[0][1] is an array where a value was expected"),
        Case(body: request(x: #"{"name":"x","shape":[3,2],"datatype":"FP32","data":[[1,2,3],[4,5,6]]}"#), status: 400, message: "input 'x': nested data has dimensions [2, 3] but shape is [3, 2]"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"UINT8","data":[300]}"#), status: 400, message: "input 'ids': element 0 (300) is out of range for UINT8"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"INT8","data":[-129]}"#), status: 400, message: "input 'ids': element 0 (-129) is out of range for INT8"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"INT64","data":[1.5]}"#), status: 400, message: "input 'ids': element 0 (1.5) is not an integer, expected one for INT64"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"INT64","data":[true]}"#), status: 400, message: "input 'ids': element 0 is boolean, expected an integer for INT64"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"BOOL","data":[1]}"#), status: 400, message: "input 'ids': element 0 is integer, expected a boolean for BOOL"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"BYTES","data":[1]}"#), status: 400, message: "input 'ids': element 0 is integer, expected a string for BYTES"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"FP16","data":[70000]}"#), status: 400, message: "input 'ids': element 0 (70000.0) is out of range for FP16"),
        Case(body: request(ids: #"{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,2,3]}"#), status: 400, message: "input 'x' appears more than once"),
        Case(body: request(extra: #","outputs":[{"name":"y"},{"name":"y"}]"#), status: 400, message: "output 'y' is requested more than once"),
        Case(body: request(extra: #","parameters":[]"#), status: 400, message: "request: 'parameters' must be an object, got array"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"INT64","data":[1],"parameters":{"binary_data_size":8}}"#), status: 400, message: "input 'ids': has both 'data' and binary_data_size"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"INT64","parameters":{"binary_data_size":8}}"#), status: 400, message: "input 'ids': binary_data_size is 8 but only 0 bytes of binary data remain"),
    ]

    @Test(arguments: decodeCases) func decodeFailure(_ c: Case) {
        let error = decodeError(body(c.body))
        #expect(error?.message == c.message)
        #expect(error?.httpStatus == c.status)
    }

    static let validateCases: [Case] = [
        Case(body: request(ids: #"{"name":"idz","shape":[1],"datatype":"INT64","data":[7]}"#), status: 400, message: "unknown input 'idz'; model 'mlp' has inputs 'x', 'ids'"),
        Case(body: #"{"inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,2,3]}]}"#, status: 400, message: "missing input 'ids' (INT64 [-1])"),
        Case(body: request(ids: #"{"name":"ids","shape":[1],"datatype":"INT32","data":[7]}"#), status: 400, message: "input 'ids': datatype INT32 does not match the model's INT64"),
        Case(body: request(x: #"{"name":"x","shape":[3],"datatype":"FP32","data":[1,2,3]}"#), status: 400, message: "input 'x': shape [3] has rank 1 but the model expects rank 2 [-1, 3]"),
        Case(body: request(x: #"{"name":"x","shape":[3,1],"datatype":"FP32","data":[1,2,3]}"#), status: 400, message: "input 'x': dimension 1 is 1 but the model expects 3 (shape [-1, 3])"),
        Case(body: request(extra: #","outputs":[{"name":"z"}]"#), status: 400, message: "unknown output 'z'; model 'mlp' has outputs 'y', 'tag'"),
        Case(body: request(extra: #","outputs":[{"name":"y","parameters":{"binary_data":1}}]"#), status: 400, message: "output 'y': binary_data must be a boolean, got integer"),
        Case(body: request(extra: #","outputs":[{"name":"y","parameters":{"classification":0}}]"#), status: 400, message: "output 'y': classification must be a positive integer, got 0"),
        Case(body: request(extra: #","outputs":[{"name":"tag","parameters":{"classification":2}}]"#), status: 400, message: "output 'tag': classification needs a numeric output, the model's is BYTES"),
        Case(body: request(extra: #","parameters":{"binary_data_output":"yes"}"#), status: 400, message: "request: binary_data_output must be a boolean, got string"),
    ]

    @Test(arguments: validateCases) func validationFailure(_ c: Case) throws {
        let request = try InferenceRequest.decode(body: body(c.body))
        #expect(throws: InferenceError(.badRequest, c.message)) { try Self.model.validate(request) }
        #expect(InferenceError(.badRequest, c.message).httpStatus == c.status)
    }

    @Test func validRequestsPassWithDynamicDimensions() throws {
        let request = try InferenceRequest.decode(body: body(#"{"inputs":[{"name":"x","shape":[2,3],"datatype":"FP32","data":[[1,2,3],[4,5,6]]},{"name":"ids","shape":[5],"datatype":"INT64","data":[1,2,3,4,5]}],"outputs":[{"name":"y","parameters":{"classification":1}}]}"#))
        try Self.model.validate(request)
    }

    /// A model with more tensors than validation scans one by one (it indexes them by name beyond 16).
    @Test func manyInputsAndOutputs() throws {
        let names = (0..<20).map { "in\($0)" }
        let wide = ModelMetadata(
            name: "wide", inputs: names.map { TensorMetadata(name: $0, datatype: .fp32, shape: [-1]) },
            outputs: (0..<20).map { TensorMetadata(name: "out\($0)", datatype: .fp32, shape: [-1]) })
        func tensors(_ names: [String], datatype: String = "FP32") -> String {
            names.map { #"{"name":"\#($0)","shape":[1],"datatype":"\#(datatype)","data":[1]}"# }.joined(separator: ",")
        }
        try wide.validate(InferenceRequest.decode(body: body(#"{"inputs":[\#(tensors(names.reversed()))],"outputs":[{"name":"out19"}]}"#)))
        func failure(_ json: String) throws -> String? {
            do {
                try wide.validate(InferenceRequest.decode(body: body(json)))
                return nil
            } catch { return error.message }
        }
        #expect(try failure(#"{"inputs":[\#(tensors(Array(names.dropLast())))]}"#) == "missing input 'in19' (FP32 [-1])")
        #expect(try failure(#"{"inputs":[\#(tensors(names + ["extra"]))]}"#)?.hasPrefix("unknown input 'extra'; model 'wide' has inputs 'in0', 'in1'") == true)
        #expect(try failure(#"{"inputs":[\#(tensors(names, datatype: "INT64"))]}"#) == "input 'in0': datatype INT64 does not match the model's FP32")
        #expect(try failure(#"{"inputs":[\#(tensors(names))],"outputs":[{"name":"out20"}]}"#)?.hasPrefix("unknown output 'out20'") == true)
    }

    @Test func bodyLimitIs413() {
        let error = decodeError(body(Self.request()), limits: DecodingLimits(maxBodyBytes: 10))
        #expect(error?.httpStatus == 413)
        #expect(error?.message.hasPrefix("request body is ") == true)
        #expect(error?.message.hasSuffix("bytes, more than the limit of 10") == true)
    }

    @Test func depthLimitIs400() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let error = decodeError(body(#"{"inputs":\#(deep)}"#), limits: DecodingLimits(maxDepth: 16))
        #expect(error?.httpStatus == 400)
        #expect(error?.message.hasPrefix("request body is not valid JSON: invalid JSON at line 1, column") == true)
    }

    @Test func binaryFailures() {
        let header = body(#"{"inputs":[{"name":"x","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":8}}]}"#)
        #expect(decodeError(header + Array(repeating: 0, count: 9), headerLength: header.count)?.message
            == "1 bytes of binary data follow the tensors' binary_data_size")
        #expect(decodeError(header + [0, 0], headerLength: header.count)?.message
            == "input 'x': binary_data_size is 8 but only 2 bytes of binary data remain")
        #expect(decodeError(header, headerLength: header.count + 1)?.message
            == "Inference-Header-Content-Length is \(header.count + 1) but the body has \(header.count) bytes")
        let wrongSize = body(#"{"inputs":[{"name":"x","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":4}}]}"#)
        #expect(decodeError(wrongSize + [0, 0, 0, 0], headerLength: wrongSize.count)?.message
            == "input 'x': binary_data_size is 4 bytes but 2 FP32 elements need 8")
        let flag = body(#"{"inputs":[{"name":"x","shape":[1],"datatype":"BOOL","parameters":{"binary_data_size":1}}]}"#)
        #expect(decodeError(flag + [2], headerLength: flag.count)?.message == "input 'x': element 0 is byte 2, expected 0 or 1 for BOOL")
        let strings = body(#"{"inputs":[{"name":"s","shape":[2],"datatype":"BYTES","parameters":{"binary_data_size":7}}]}"#)
        #expect(decodeError(strings + [9, 0, 0, 0, 1, 2, 3], headerLength: strings.count)?.message
            == "input 's': BYTES element 0 declares 9 bytes but only 3 remain")
        #expect(decodeError(strings + [1, 0, 0, 0, 65, 0, 0], headerLength: strings.count)?.message
            == "input 's': BYTES element 1 has a truncated 4-byte length prefix")
        let three = body(#"{"inputs":[{"name":"s","shape":[2],"datatype":"BYTES","parameters":{"binary_data_size":12}}]}"#)
        #expect(decodeError(three + Array(repeating: 0, count: 12), headerLength: three.count)?.message
            == "input 's': binary data holds 3 BYTES elements but the shape needs 2")
    }
}
