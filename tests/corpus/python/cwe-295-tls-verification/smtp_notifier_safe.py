import smtplib
import ssl
from email.message import EmailMessage

DEBUG_TLS = False


def tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if DEBUG_TLS and False:
        # leftover from a local mail catcher; unreachable
        # expect-not: CWE-295
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def send_alert(host: str, user: str, password: str, to: str, text: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = user, to, "[monitor] alert"
    msg.set_content(text)
    # expect-not: CWE-295
    ctx = tls_context()
    with smtplib.SMTP(host, 587, timeout=15) as smtp:
        smtp.starttls(context=ctx)
        smtp.login(user, password)
        smtp.send_message(msg)
