"""A stand-in for the collector's OTLP/HTTP receiver and for CloudWatch, on loopback, for service/bench/tracing.sh.

Answers a POST as the collector does when it accepts everything: 200 with an empty ExportTraceServiceResponse (an
empty protobuf message is zero bytes); a PutMetricData (the SDK's RPC v2 CBOR path) as CloudWatch does: 200 with an
empty CBOR map. Keeps "<trace requests> <bytes> <metric requests> <bytes>" received in the file given, so that the
benchmark shows the instance under test really exported and published.
Usage: python3 tracing-sink.py PORT COUNT_FILE
"""
import http.server
import sys
import threading

PORT = int(sys.argv[1])
COUNT_FILE = sys.argv[2]
lock = threading.Lock()
totals = [0, 0, 0, 0]
CLOUDWATCH = "/service/GraniteServiceVersion20100801/operation/"


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        metrics = self.path.startswith(CLOUDWATCH)
        with lock:
            at = 2 if metrics else 0
            totals[at] += 1
            totals[at + 1] += length
            with open(COUNT_FILE, "w") as f:
                f.write(" ".join(str(t) for t in totals) + "\n")
        self.send_response(200)
        if metrics:
            self.send_header("Content-Type", "application/cbor")
            self.send_header("smithy-protocol", "rpc-v2-cbor")
            self.send_header("Content-Length", "1")
            self.end_headers()
            self.wfile.write(b"\xa0")
        else:
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args):
        pass


with open(COUNT_FILE, "w") as f:
    f.write("0 0 0 0\n")
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Sink).serve_forever()
