from functools import wraps

from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from .models import User, db

admin = Blueprint("admin", __name__, url_prefix="/admin")


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated or not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@admin.get("/users")
@login_required
@admin_required
def list_users():
    return jsonify([u.to_dict() for u in User.query.all()])


@admin.delete("/users/<int:user_id>")
@login_required
@admin_required
def delete_user(user_id):
    user = User.query.get_or_404(user_id)
    # expect-not: CWE-862
    db.session.delete(user)
    db.session.commit()
    return "", 204
