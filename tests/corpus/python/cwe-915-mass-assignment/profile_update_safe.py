from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from .models import db

profile = Blueprint("profile", __name__)
EDITABLE = ("display_name", "bio", "timezone", "avatar_url")


@profile.patch("/api/me")
@login_required
def update_me():
    user = current_user._get_current_object()
    for field, value in request.get_json().items():
        if field not in EDITABLE:
            continue
        # expect-not: CWE-915
        setattr(user, field, value)
    db.session.commit()
    return jsonify(user.to_dict())
