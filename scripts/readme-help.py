#!/usr/bin/env python3
"""Rewrites the help quoted in README.md ("$ llmplan … --help" blocks) from the real binary.

Usage: python3 scripts/readme-help.py [path/to/llmplan]   (default: .build/debug/llmplan)
The README drift test (Tests/LLMPlanCLITests/CommandTests.swift) fails until this is run.
"""
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "debug", "llmplan")
path = os.path.join(root, "README.md")
readme = open(path, encoding="utf-8").read()


def replace(match):
    arguments = match.group(1).split()
    help_text = subprocess.run([binary] + arguments, capture_output=True, text=True, check=True)
    return "```\n$ llmplan " + match.group(1) + "\n" + help_text.stdout + "```"


updated = re.sub(r"```\n\$ llmplan ((?:\S+ )?--help)\n.*?```", replace, readme, flags=re.S)
open(path, "w", encoding="utf-8").write(updated)
