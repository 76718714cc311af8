import LLMPlanCLI

LLMPlan.main(arguments: Array(CommandLine.arguments.dropFirst()), terminal: .current()).deliver()
