import InferenceCore
import JSON
import Testing

@Suite struct CodecTests {
    @Test func jsonRoundTripEveryDatatype() throws {
        let request = InferenceRequest(
            id: "r1", parameters: ["timeout": 5000], inputs: sampleTensors,
            outputs: [RequestedOutput(name: "y", parameters: ["binary_data": true, "classification": 3])])
        let encoded = request.encoded()
        #expect(encoded.headerLength == nil)
        let decoded = try InferenceRequest.decode(body: encoded.bytes)
        #expect(decoded == request)
        #expect(decoded.timeout == .milliseconds(5))
        #expect(decoded.outputs.first?.classification == 3)
    }

    @Test func binaryRoundTripEveryDatatype() throws {
        let request = InferenceRequest(id: "bin", inputs: sampleTensors + [
            InferTensor(name: "raw", shape: [2], data: .bytes([[0xFF, 0x00, 0xC3], [0x80]])),
            InferTensor(name: "nan", shape: [1], data: .fp16([0x7E00])),
        ])
        let names = Set(request.inputs.map(\.name))
        let encoded = request.encoded(binaryInputs: names)
        let headerLength = try #require(encoded.headerLength)
        let header = try JSONValue.parse(encoded.bytes[0..<headerLength])
        #expect(header["inputs"]?[0]?["data"] == nil)
        #expect(header["inputs"]?[0]?["parameters"]?["binary_data_size"] == 4)
        let decoded = try InferenceRequest.decode(body: encoded.bytes, headerLength: headerLength)
        #expect(decoded == request)
    }

    @Test func mixedJSONAndBinaryInputsKeepOrder() throws {
        let request = InferenceRequest(inputs: sampleTensors)
        let encoded = request.encoded(binaryInputs: ["u16", "f64"])
        let decoded = try InferenceRequest.decode(body: encoded.bytes, headerLength: encoded.headerLength)
        #expect(decoded == request)
    }

    @Test func handWrittenBinaryBodyIsLittleEndian() throws {
        let header = body(#"{"inputs":[{"name":"x","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":8}},{"name":"s","shape":[1],"datatype":"BYTES","parameters":{"binary_data_size":6}}]}"#)
        let bytes = header + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0] + [2, 0, 0, 0, 0x68, 0x69]
        let request = try InferenceRequest.decode(body: bytes, headerLength: header.count)
        #expect(request.inputs[0].data == .fp32([1, -2]))
        #expect(request.inputs[1].data == .bytes([Array("hi".utf8)]))
    }

    @Test func nestedAndFlatDataDecodeAlike() throws {
        let flat = try InferenceRequest.decode(body: body(#"{"inputs":[{"name":"x","shape":[2,3],"datatype":"INT32","data":[1,2,3,4,5,6]}]}"#))
        let nested = try InferenceRequest.decode(body: body(#"{"inputs":[{"name":"x","shape":[2,3],"datatype":"INT32","data":[[1,2,3],[4,5,6]]}]}"#))
        #expect(flat == nested)
        #expect(flat.inputs[0].data == .int32([1, 2, 3, 4, 5, 6]))
        let deep = try InferenceRequest.decode(body: body(#"{"inputs":[{"name":"x","shape":[1,2,2],"datatype":"FP64","data":[[[1,2.5],[3,4]]]}]}"#))
        #expect(deep.inputs[0].data == .fp64([1, 2.5, 3, 4]))
    }

    @Test func jsonIntegersAcceptExactDoublesAndFloatsAcceptIntegers() throws {
        let r = try InferenceRequest.decode(body: body(#"{"inputs":[{"name":"a","shape":[2],"datatype":"INT64","data":[3.0,-1]},{"name":"b","shape":[2],"datatype":"FP16","data":[1,0.5]}]}"#))
        #expect(r.inputs[0].data == .int64([3, -1]))
        #expect(r.inputs[1].data == .fp16([0x3C00, 0x3800]))
    }

    @Test func responseJSONAndBinaryRoundTrip() throws {
        let response = InferenceResponse(modelName: "mlp", modelVersion: "2", id: "abc", parameters: ["p": 1], outputs: sampleTensors)
        let json = response.encoded()
        #expect(json.headerLength == nil)
        #expect(try InferenceResponse.decode(body: json.bytes) == response)
        let binary = response.encoded(binaryOutputs: ["f32", "s"])
        #expect(binary.headerLength != nil)
        #expect(try InferenceResponse.decode(body: binary.bytes, headerLength: binary.headerLength) == response)
    }

    @Test func responseHonoursBinaryDataOutputAndPerOutputOverride() throws {
        let request = InferenceRequest(parameters: ["binary_data_output": true], inputs: [],
                                       outputs: [RequestedOutput(name: "a", parameters: ["binary_data": false])])
        #expect(request.wantsBinary(output: "a") == false)
        #expect(request.wantsBinary(output: "b") == true)
        let response = InferenceResponse(modelName: "m", outputs: [
            InferTensor(name: "a", shape: [1], data: .fp32([1])), InferTensor(name: "b", shape: [1], data: .fp32([2])),
        ])
        let encoded = response.encoded(for: request)
        let length = try #require(encoded.headerLength)
        let header = try JSONValue.parse(encoded.bytes[0..<length])
        #expect(header["outputs"]?[0]?["data"] == [1.0])
        #expect(header["outputs"]?[1]?["parameters"]?["binary_data_size"] == 4)
        #expect(encoded.bytes.count == length + 4)
    }

    @Test func responseJSONShape() throws {
        let response = InferenceResponse(modelName: "m", modelVersion: "1", id: "q", outputs: [InferTensor(name: "y", shape: [1, 2], data: .int64([1, 2]))])
        let value = try JSONValue.parse(response.encoded().bytes)
        #expect(value == ["model_name": "m", "model_version": "1", "id": "q",
                          "outputs": [["name": "y", "datatype": "INT64", "shape": [1, 2], "data": [1, 2]]]])
    }

    @Test func errorBody() throws {
        let error = InferenceError(.badRequest, #"input "x" is bad"#)
        #expect(try JSONValue.parse(error.body) == ["error": #"input "x" is bad"#])
    }

    @Test func metadataRoundTrip() throws {
        let model = ModelMetadata(name: "mlp", versions: ["1", "2"], inputs: [TensorMetadata(name: "x", datatype: .fp32, shape: [-1, 4])],
                                  outputs: [TensorMetadata(name: "y", datatype: .int64, shape: [-1])])
        #expect(model.json["inputs"]?[0]?["shape"] == [-1, 4])
        #expect(model.json["platform"] == "onnxruntime_onnx")
        #expect(try ModelMetadata(json: JSONValue.parse(model.json.serialized())) == model)
        #expect(model.hasBatchDimension)
        let server = ServerMetadata(name: "stockade-serve", version: "0.1.0")
        #expect(try ServerMetadata(json: server.json) == server)
        #expect(server.json["extensions"] == ["binary_tensor_data", "classification"])
    }

    @Test func metadataLabelsAreListedOnlyWhenPresent() throws {
        let probabilities = TensorMetadata(name: "probabilities", datatype: .fp32, shape: [-1, 2], labels: ["cat", "dog"])
        let model = ModelMetadata(name: "clf", inputs: [TensorMetadata(name: "x", datatype: .fp32, shape: [-1, 4])], outputs: [probabilities])
        #expect(model.json["outputs"]?[0]?["labels"] == ["cat", "dog"])
        #expect(model.json["inputs"]?[0]?["labels"] == nil)
        #expect(try ModelMetadata(json: JSONValue.parse(model.json.serialized())) == model)
        let bad: JSONValue = ["name": "clf", "outputs": [["name": "y", "datatype": "FP32", "shape": [-1, 2], "labels": ["a", 1]]]]
        #expect(throws: InferenceError.self) { try ModelMetadata(json: bad) }
    }

    @Test func float16KnownValuesAndExhaustiveRoundTrip() {
        #expect(Float16Bits.fromFloat(1) == 0x3C00)
        #expect(Float16Bits.fromFloat(-2) == 0xC000)
        #expect(Float16Bits.fromFloat(65504) == 0x7BFF)
        #expect(Float16Bits.fromFloat(65520) == 0x7C00)  // rounds up to infinity
        #expect(Float16Bits.toFloat(0x0001) == Float(sign: .plus, exponent: -24, significand: 1))
        #expect(Float16Bits.fromFloat(1 + 1.0 / 2048) == 0x3C00)  // tie rounds to even
        #expect(Float16Bits.toFloat(0x7C00) == .infinity)
        #expect(Float16Bits.toFloat(0x7E00).isNaN)
        let mismatches = (0...UInt16.max).filter { bits in
            let isNaN = bits & 0x7C00 == 0x7C00 && bits & 0x03FF != 0
            return !isNaN && Float16Bits.fromFloat(Float16Bits.toFloat(bits)) != bits
        }
        #expect(mismatches.isEmpty)
    }
}
