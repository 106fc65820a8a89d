/// The Kubernetes version the embedded API server reports and whose API behaviour it follows.
public enum ServerVersion {
    public static let major = "1"
    public static let minor = "36"
    public static let gitVersion = "v1.36.0+stockade"
}
