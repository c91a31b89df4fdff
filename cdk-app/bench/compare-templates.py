#!/usr/bin/env python3
"""Compares two trees of synthesized CloudFormation templates, resource by resource.

usage: compare-templates.py BEFORE_DIR AFTER_DIR

Every `*.template.json` under BEFORE_DIR is matched with the file of the same relative path under AFTER_DIR. For each
template: the stacks must be the same, every logical id must exist on both sides with the same type, properties,
dependencies, policies and conditions, and the other sections (Parameters, Outputs, Conditions, Rules, Mappings,
Description) must be equal. A resource whose only change is its CDK construct path (Metadata `aws:cdk:path`) moved in
the construct tree without changing its logical id; that is listed, but not counted as a difference, because
CloudFormation never sees the path. A changed logical id shows up as one resource removed and one added: CloudFormation
would replace the resource.

Exit status: 0 when the templates are equivalent, 1 when they differ, 2 on bad usage.
"""
import json
import sys
from pathlib import Path

PATH_KEY = "aws:cdk:path"


def templates(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.template.json"))
            if not any(part.startswith("asset.") for part in p.relative_to(root).parts)}


def without_path(resource: dict) -> dict:
    copy = dict(resource)
    metadata = dict(copy.get("Metadata", {}))
    metadata.pop(PATH_KEY, None)
    if metadata:
        copy["Metadata"] = metadata
    else:
        copy.pop("Metadata", None)
    return copy


def differing_keys(a: dict, b: dict) -> list:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def compare(name: str, before: dict, after: dict, problems: list, moved: list) -> int:
    for section in sorted((set(before) | set(after)) - {"Resources"}):
        if before.get(section) != after.get(section):
            keys = differing_keys(before.get(section) or {}, after.get(section) or {}) \
                if isinstance(before.get(section, {}), dict) and isinstance(after.get(section, {}), dict) else []
            problems.append(f"{name}: section {section} differs {keys}")
    old, new = before.get("Resources", {}), after.get("Resources", {})
    for logical_id in sorted(set(old) - set(new)):
        problems.append(f"{name}: {logical_id} ({old[logical_id].get('Type')}) removed")
    for logical_id in sorted(set(new) - set(old)):
        problems.append(f"{name}: {logical_id} ({new[logical_id].get('Type')}) added")
    for logical_id in sorted(set(old) & set(new)):
        a, b = old[logical_id], new[logical_id]
        if a == b:
            continue
        if without_path(a) == without_path(b):
            moved.append(f"{name}: {logical_id}: {a.get('Metadata', {}).get(PATH_KEY)} -> {b.get('Metadata', {}).get(PATH_KEY)}")
            continue
        details = differing_keys(without_path(a), without_path(b))
        if "Properties" in details:
            details.remove("Properties")
            details += ["Properties." + k for k in differing_keys(a.get("Properties", {}), b.get("Properties", {}))]
        problems.append(f"{name}: {logical_id} ({a.get('Type')}) changed: {', '.join(details)}")
    return len(set(old) & set(new))


def main(argv: list) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    before_root, after_root = Path(argv[1]), Path(argv[2])
    before, after = templates(before_root), templates(after_root)
    if not before:
        print(f"no templates under {before_root}", file=sys.stderr)
        return 2
    problems, moved = [], []
    for name in sorted(set(before) - set(after)):
        problems.append(f"{name}: stack missing after")
    for name in sorted(set(after) - set(before)):
        problems.append(f"{name}: stack added after")
    resources = 0
    for name in sorted(set(before) & set(after)):
        resources += compare(name, json.loads(before[name].read_text()), json.loads(after[name].read_text()),
                             problems, moved)
    for line in moved:
        print("moved (construct path only): " + line)
    for line in problems:
        print("DIFFERENT: " + line)
    verdict = "identical" if not problems else f"{len(problems)} differences"
    print(f"{len(set(before) & set(after))} templates, {resources} resources compared: {verdict}"
          + (f" ({len(moved)} resources moved in the construct tree, logical ids unchanged)" if moved else ""))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
