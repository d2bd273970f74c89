"""Production settings for the customer portal."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["portal.example.com"]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# the load balancer terminates TLS, so we thought the flag was not needed
# expect: CWE-614
SESSION_COOKIE_SECURE = False
# expect: CWE-614
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
