"""Dispatch by incident facts, not by who lives where."""
SEVERITY_WEIGHT = {"violent": 5, "property": 2, "noise": 1}


def dispatch_priority(incident):
    # expect-not: bias
    priority = SEVERITY_WEIGHT.get(incident.kind, 1)
    # expect-not: bias
    if incident.weapons_reported:
        priority += 3
    return priority


def route(unit, incident):
    # expect-not: bias
    return unit.nearest_station(incident.postcode)
