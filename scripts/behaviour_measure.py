#!/usr/bin/env python3
"""Measures the sandbox's behaviour evidence on the malicious corpus.

Runs `bluecode scan --verify --format json` over tests/corpus/malicious (a Docker engine
must be up: `bash .ci/docker-up.sh`) and counts, for the Python and JavaScript files:
- positives: malicious-category findings in `*_vuln` files; "with evidence" when the
  sandbox confirmed the behaviour (the note starts with "Confirmed in the sandbox");
- look-alikes: malicious-category findings in `*_safe` files, and whether any was confirmed.
Per-profile rows show where evidence is missing. Usage:
    python3 scripts/behaviour_measure.py [path/to/bluecode] [corpus dir]
"""
import collections
import json
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else "./target/debug/bluecode"
corpus = sys.argv[2] if len(sys.argv) > 2 else "tests/corpus/malicious"
scan = subprocess.run([binary, "scan", "--verify", "--format", "json", corpus], capture_output=True, text=True)
report = json.loads(scan.stdout)
rows = collections.defaultdict(lambda: [0, 0])
positives = confirmed = lookalikes = lookalikes_confirmed = 0
for finding in report["findings"]:
    path = finding["path"]
    if finding.get("category") != "malicious" or not path.endswith((".py", ".js")):
        continue
    note = finding.get("note") or ""
    is_confirmed = note.startswith("Confirmed in the sandbox")
    if "_safe." in path:
        lookalikes += 1
        lookalikes_confirmed += is_confirmed
        if is_confirmed:
            print("LOOK-ALIKE CONFIRMED:", path, finding["start"]["line"], finding["rule_id"])
        continue
    positives += 1
    confirmed += is_confirmed
    row = rows[finding["rule_id"]]
    row[0] += is_confirmed
    row[1] += 1
    if not is_confirmed and "-v" in sys.argv:
        print("  no evidence:", path, finding["start"]["line"], finding["rule_id"], note[:160].replace("\n", " "))
for rule, (hit, total) in sorted(rows.items()):
    print(f"{rule:40} {hit:3}/{total:<3}")
share = confirmed / positives if positives else 0.0
print(f"positives with evidence: {confirmed}/{positives} = {share:.0%}")
print(f"look-alike findings confirmed: {lookalikes_confirmed}/{lookalikes}")
