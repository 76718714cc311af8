import Foundation
import LLMPlanTestSupport
import Testing

@testable import LLMPlanCLI

/// `fit --emit k8s`: the manifest, parsed back, requests the plan's GPUs.
@Suite("Kubernetes manifests")
struct ManifestTests {
  static func objects(_ arguments: [String]) throws -> [[String: Any]] {
    let outcome = runCLI(arguments: ["fit"] + arguments + ["--emit", "k8s", "--format", "json"])
    #expect(outcome.code == .success)
    return try #require(
      JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
  }

  static func value(_ object: Any?, _ path: [String]) -> Any? {
    var current = object
    for key in path {
      if let array = current as? [Any], let index = Int(key) {
        current = index < array.count ? array[index] : nil
      } else {
        current = (current as? [String: Any])?[key]
      }
    }
    return current
  }

  // Llama-3-70B on H100 at 8K fits on 3 GPUs (TP1 × PP3): one Deployment, one pod of 3 GPUs.
  @Test func singleNodeDeployment() throws {
    let objects = try Self.objects(["llama3-70b", "--gpu", "h100"])
    #expect(objects.count == 1)
    #expect(objects[0]["kind"] as? String == "Deployment")
    let container = ["spec", "template", "spec", "containers", "0"]
    #expect(
      Self.value(objects[0], container + ["resources", "limits", "nvidia.com/gpu"]) as? Int == 3)
    #expect(
      Self.value(objects[0], container + ["readinessProbe", "httpGet", "path"]) as? String
        == "/health")
    #expect(
      Self.value(objects[0], ["spec", "template", "spec", "volumes", "0", "emptyDir", "medium"])
        as? String == "Memory")
  }

  // 16 GPUs as TP8 × DP2 over two 8-GPU nodes: a LeaderWorkerSet of 2 pods of 8 GPUs each,
  // 2 × 8 = 16, the leader running the head node's vLLM step.
  @Test func multiNodeLeaderWorkerSet() throws {
    let objects = try Self.objects(["llama3-70b", "--gpu", "h100", "--gpus", "16"])
    let lws = try #require(objects.first)
    #expect(lws["kind"] as? String == "LeaderWorkerSet")
    let template = ["spec", "leaderWorkerTemplate"]
    let size = try #require(Self.value(lws, template + ["size"]) as? Int)
    let limits = ["spec", "containers", "0", "resources", "limits", "nvidia.com/gpu"]
    let leader = try #require(Self.value(lws, template + ["leaderTemplate"] + limits) as? Int)
    let worker = try #require(Self.value(lws, template + ["workerTemplate"] + limits) as? Int)
    #expect(size == 2 && leader == 8 && worker == 8)
    #expect(size * leader == 16)
  }

  // The YAML form: documents of `key: value` lines and `- ` items, the GPU requests as in JSON.
  @Test func yamlForm() {
    let yaml = runCLI("fit", "llama3-70b", "--gpu", "h100", "--gpus", "16", "--emit", "k8s").stdout
    let lines = yaml.split(separator: "\n")
    #expect(lines.first == "---")
    #expect(lines.filter { String($0).trimming(" ") == "nvidia.com/gpu: 8" }.count == 2)
    for line in lines where line != "---" {
      let text = String(line).trimming(" ")
      #expect(text.hasPrefix("- ") || text.contains(": ") || text.hasSuffix(":"), "\(line)")
    }
  }

  // What no manifest can start: exit 2 with the reason; nothing fits: exit 1.
  @Test func refusals() {
    let triton = runCLI(
      "fit", "llama-3.1-8b", "--gpu", "h100", "--engine", "trtllm@0.10", "--emit", "k8s")
    #expect(triton.code == .usage)
    #expect(triton.stderr.contains("Triton"))
    let none = runCLI("fit", "llama-3.1-405b", "--gpu", "t4", "--max-gpus", "4", "--emit", "k8s")
    #expect(none.code == .doesNotFit)
    #expect(none.stdout.isEmpty)
  }
}
