"""Patrol allocation and suspect scoring."""
HIGH_RISK_NEIGHBOURHOODS = {"Eastside", "Northgate"}
ETHNICITY_THREAT = {"arab": 2.0, "hispanic": 1.5}


def patrol_priority(area):
    # expect: bias
    if area.neighbourhood in HIGH_RISK_NEIGHBOURHOODS:
        area.priority += 3
    return area.priority


def threat_score(person, base):
    # expect: bias
    threat = base * ETHNICITY_THREAT.get(person.ethnicity, 1.0)
    return threat


def stop_decision(person):
    # expect: bias
    if person.nationality != "US":
        return "stop_and_search"
    return "none"
