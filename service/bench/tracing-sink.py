"""A stand-in for the collector's OTLP/HTTP receiver, on loopback, for service/bench/tracing.sh.

Answers every POST as the collector does when it accepts everything: 200 with an empty ExportTraceServiceResponse
(an empty protobuf message is zero bytes). Keeps "<requests> <bytes>" received in the file given, so that the
benchmark shows the traced instance really exported.
Usage: python3 tracing-sink.py PORT COUNT_FILE
"""
import http.server
import sys
import threading

PORT = int(sys.argv[1])
COUNT_FILE = sys.argv[2]
lock = threading.Lock()
totals = [0, 0]


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        with lock:
            totals[0] += 1
            totals[1] += length
            with open(COUNT_FILE, "w") as f:
                f.write(f"{totals[0]} {totals[1]}\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


with open(COUNT_FILE, "w") as f:
    f.write("0 0\n")
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Sink).serve_forever()
