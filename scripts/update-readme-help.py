"""Rewrites every transcript quoted in README.md as "```\n$ llmplan ARGS\n…```" from the built
binary (the README drift test checks the help ones). Blocks whose command line carries a
comment are left alone. Usage: swift build && python3 scripts/update-readme-help.py"""
import re
import subprocess

readme = open("README.md").read()
for match in re.findall(r"```\n\$ llmplan ([^#\n]+)\n", readme):
    help_text = subprocess.run([".build/debug/llmplan"] + match.split(), capture_output=True, text=True).stdout
    pattern = re.compile(r"(```\n\$ llmplan " + re.escape(match) + r"\n)(.*?)(```)", re.S)
    readme = pattern.sub(lambda m: m.group(1) + help_text + m.group(3), readme)
open("README.md", "w").write(readme)
