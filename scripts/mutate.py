#!/usr/bin/env python3
"""mutate.py MUTANT TREE: apply one tests/mutants file to the kernel tree.

Exits 2 with a message when the text to replace does not occur exactly
once, so a mutant that no longer matches the code is reported, not skipped.
"""
import sys


def parse(path):
    spec, part = {"from": [], "to": []}, None
    for line in open(path).read().split("\n"):
        if part is None and line.startswith("file: "):
            spec["file"] = line[len("file: "):].strip()
        elif line in ("--- from", "--- to"):
            part = line[4:]
        elif part:
            spec[part].append(line)
    for part in ("from", "to"):
        while spec[part] and spec[part][-1] == "":
            spec[part].pop()
    return spec


def main():
    mutant, tree = sys.argv[1], sys.argv[2]
    spec = parse(mutant)
    path = f"{tree}/{spec['file']}"
    text = open(path).read()
    old = "\n".join(spec["from"]) + "\n"
    new = "\n".join(spec["to"]) + "\n" if spec["to"] else ""
    if text.count(old) != 1:
        sys.exit(f"{mutant}: the text to replace occurs {text.count(old)} times in {spec['file']}")
    open(path, "w").write(text.replace(old, new))


if __name__ == "__main__":
    sys.exit(main())
