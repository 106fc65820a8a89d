import Foundation
@testable import KubeSchema
import Testing

@Suite struct BundleLookupTests {
    @Test func resourceIsFoundInTheBuiltBundleBeforeTheSourceTree() throws {
        let candidates = BuiltinSchemas.resourceCandidates()
        let found = try #require(candidates.first { FileManager.default.isReadableFile(atPath: $0.path) })
        #expect(found.path.contains("_KubeSchema.resources"))
        #expect(candidates.last?.path.hasSuffix("Sources/KubeSchema/Resources/builtin-definitions.json") == true)
    }
}
