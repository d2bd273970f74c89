# verify: note_export CWE-117
def note_export(user, report):
    with open("exports.log", "a", encoding="utf-8") as trail:
        trail.write(f"{user} exported {report}\n")
