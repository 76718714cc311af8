// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "llmplan",
  products: [
    .executable(name: "llmplan", targets: ["llmplan"]),
    .library(name: "LLMPlanKit", targets: ["LLMPlanKit"]),
  ],
  targets: [
    .target(
      name: "LLMPlanKit",
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    ),
    .target(name: "LLMPlanCLI", dependencies: ["LLMPlanKit"]),
    .executableTarget(name: "llmplan", dependencies: ["LLMPlanCLI"]),
    .target(
      name: "LLMPlanTestSupport",
      dependencies: ["LLMPlanCLI", "LLMPlanKit"],
      path: "Tests/LLMPlanTestSupport"
    ),
    .testTarget(name: "LLMPlanKitTests", dependencies: ["LLMPlanKit", "LLMPlanTestSupport"]),
    .testTarget(name: "LLMPlanCLITests", dependencies: ["LLMPlanCLI", "LLMPlanTestSupport"]),
  ]
)
