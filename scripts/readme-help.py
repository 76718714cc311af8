#!/usr/bin/env python3
"""Rewrites the output quoted in README.md from the real binary: every "$ llmplan …" block
(help and examples), except excerpts (blocks with a line "…").

Usage: python3 scripts/readme-help.py [path/to/llmplan]   (default: .build/debug/llmplan)
The README drift test (Tests/LLMPlanCLITests/CommandTests.swift) fails until this is run.
"""
import os
import re
import shlex
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "debug", "llmplan")
path = os.path.join(root, "README.md")
readme = open(path, encoding="utf-8").read()


def replace(match):
    command, body = match.group(1), match.group(2)
    if "\n…\n" in "\n" + body:
        return match.group(0)
    arguments = shlex.split(command.split("#")[0])
    run = subprocess.run([binary] + arguments, capture_output=True, text=True)
    return "```\n$ llmplan " + command + "\n" + run.stdout + "```"


updated = re.sub(r"```\n\$ llmplan ([^\n]*)\n(.*?)```", replace, readme, flags=re.S)
open(path, "w", encoding="utf-8").write(updated)
