#!/usr/bin/env python3
"""`spodeli serve` under load: 1,000 pages asking for the live-reload stream at once, then a page
over a new connection. Prints the server's threads and resident memory before, during and after,
how the streams were answered (200 listening, 503 refused), and the page's time.

    cargo build --release && python3 benches/serve-load.py [SITE] [STREAMS]

SITE defaults to tests/sites/full (copied to a temporary folder), STREAMS to 1000.
"""
import os, re, shutil, socket, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
site = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tests/sites/full")
streams = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
work = tempfile.mkdtemp()
copy = os.path.join(work, "site")
shutil.copytree(site, copy)
server = subprocess.Popen(
    [os.path.join(root, "target/release/spodeli"), "serve", "--lang", "en", "--port", "0", "--root", copy],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
line = server.stdout.readline()
host, port = re.search(r"http://([0-9.]+):(\d+)", line).groups()
port = int(port)

def stat():
    threads = len(os.listdir(f"/proc/{server.pid}/task"))
    rss = next(l for l in open(f"/proc/{server.pid}/status") if l.startswith("VmRSS")).split()[1]
    return f"{threads} threads, {int(rss) // 1024} MB"

def page():
    started = time.time()
    s = socket.create_connection((host, port))
    s.sendall(f"GET /en/ HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    return data.split(b" ")[1].decode(), (time.time() - started) * 1000

try:
    print("before:", stat(), "page %s in %.1f ms" % page())
    sockets = []
    for i in range(streams):
        s = socket.create_connection((host, port))
        s.sendall(f"GET /__spodeli/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        sockets.append(s)
        if i % 100 == 99:
            time.sleep(0.2)  # within the listen backlog
    time.sleep(2)
    answers = {}
    for s in sockets:
        s.settimeout(0.5)
        try:
            data = s.recv(64)
            code = data.split(b" ")[1].decode() if data else "closed"
        except OSError:
            code = "no answer"
        answers[code] = answers.get(code, 0) + 1
    print(f"{streams} streams asked:", stat(), answers, "page %s in %.1f ms" % page())
    for s in sockets:
        s.close()
    time.sleep(3)
    print("after:", stat(), "page %s in %.1f ms" % page())
finally:
    server.kill()
    shutil.rmtree(work)
