from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from .models import User, db

admin = Blueprint("admin", __name__, url_prefix="/admin")


@admin.get("/users")
@login_required
def list_users():
    if not current_user.is_admin:
        abort(403)
    return jsonify([u.to_dict() for u in User.query.all()])


@admin.delete("/users/<int:user_id>")
@login_required
def delete_user(user_id):
    user = User.query.get_or_404(user_id)
    # any logged-in user reaches this line; only the listing above checks is_admin
    # expect: CWE-862
    db.session.delete(user)
    db.session.commit()
    return "", 204
