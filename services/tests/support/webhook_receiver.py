"""A webhook receiver for the tests, as a customer would write one: each delivery is checked by
the Standard Webhooks reference library (PyPI `standardwebhooks`, pinned in
scripts/facturx/requirements.txt), which refuses a bad signature and a timestamp more than five
minutes from now; a delivery whose (webhook-id, webhook-timestamp) was already received is a
replay and is refused too.

    python3 webhook_receiver.py PORT

    PUT  /secret/NAME                 the secret (whsec_...) of the webhook posting to /hooks/NAME
    POST /answer/NAME?status=S&times=N  the next N deliveries to NAME get status S (N=0: always)
    POST /hooks/NAME                  a delivery: 204 when verified, 400 when not, 409 when replayed
    GET  /received/NAME               every delivery to NAME so far, as a JSON list

Each delivery is also printed as one JSON line: name, status, reason, id, timestamp, signature
header and number of signatures, body, and the payload when verified.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from standardwebhooks import Webhook, WebhookVerificationError

lock = threading.Lock()
secrets = {}
answers = {}  # name -> [status, times left or None for always]
seen = set()
received = {}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_PUT(self):
        kind, _, name = urlparse(self.path).path.strip("/").partition("/")
        if kind != "secret":
            return self.reply(404)
        with lock:
            secrets[name] = self.body().decode().strip()
        self.reply(204)

    def do_GET(self):
        kind, _, name = urlparse(self.path).path.strip("/").partition("/")
        if kind != "received":
            return self.reply(404)
        with lock:
            self.reply(200, json.dumps(received.get(name, [])).encode())

    def do_POST(self):
        url = urlparse(self.path)
        kind, _, name = url.path.strip("/").partition("/")
        body = self.body()
        if kind == "answer":
            query = parse_qs(url.query)
            times = int(query.get("times", ["0"])[0])
            with lock:
                answers[name] = [int(query["status"][0]), times or None]
            return self.reply(204)
        if kind != "hooks":
            return self.reply(404)
        headers = {k.lower(): v for k, v in self.headers.items()}
        record = {
            "name": name,
            "id": headers.get("webhook-id"),
            "timestamp": headers.get("webhook-timestamp"),
            "signature": headers.get("webhook-signature", ""),
            "signatures": len(headers.get("webhook-signature", "").split()),
            "body": body.decode(errors="replace"),
        }
        with lock:
            forced = answers.get(name)
            if forced and forced[1] is not None:
                forced[1] -= 1
                if forced[1] == 0:
                    del answers[name]
            secret = secrets.get(name)
        if forced:
            status, record["reason"] = forced[0], "told to"
        elif secret is None:
            status, record["reason"] = 400, "no secret"
        else:
            try:
                record["payload"] = Webhook(secret).verify(body, headers)
                key = (name, record["id"], record["timestamp"])
                with lock:
                    replayed = key in seen
                    seen.add(key)
                status, record["reason"] = (409, "replayed") if replayed else (204, "verified")
            except WebhookVerificationError as error:
                status, record["reason"] = 400, str(error)
        record["status"] = status
        with lock:
            received.setdefault(name, []).append(record)
        print(json.dumps(record), flush=True)
        if status in (301, 302, 303, 307, 308):
            return self.reply(status, location="http://169.254.169.254/latest/meta-data/")
        self.reply(status)


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
print("ready", flush=True)
server.serve_forever()
