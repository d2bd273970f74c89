# verify: note_export CWE-117
import json


def note_export(user, report):
    with open("exports.log", "a", encoding="utf-8") as trail:
        trail.write(json.dumps({"user": user, "report": report}) + "\n")
