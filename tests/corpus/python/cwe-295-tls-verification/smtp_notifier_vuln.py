import smtplib
import ssl
from email.message import EmailMessage


def send_alert(host: str, user: str, password: str, to: str, text: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = user, to, "[monitor] alert"
    msg.set_content(text)
    # expect: CWE-295
    ctx = ssl._create_unverified_context()
    with smtplib.SMTP(host, 587, timeout=15) as smtp:
        smtp.starttls(context=ctx)
        smtp.login(user, password)
        smtp.send_message(msg)
