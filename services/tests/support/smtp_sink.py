"""A local SMTP server for the tests: Python's own smtpd receives each message and its email
package decodes it (headers, transfer encodings); each message is printed as one JSON line.

    python3 smtp_sink.py PORT
"""
import asyncore
import email
import json
import smtpd
import sys
from email import policy


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        message = email.message_from_bytes(data, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        print(json.dumps({
            "from": mailfrom,
            "to": rcpttos,
            "subject": str(message["subject"]),
            "body": body.get_content() if body is not None else "",
        }), flush=True)


Sink(("127.0.0.1", int(sys.argv[1])), None, decode_data=False)
print("ready", flush=True)
asyncore.loop()
