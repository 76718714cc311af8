import LLMPlanCLI
