"""Drives headless Chromium through ipp-web as a province admin would, over the DevTools protocol:
sign in with a token, read the province page, take screenshots (desktop and phone), follow the
link to a kab/kota, sign out. Prints one JSON object with what each page showed.

usage: browser.py BASE_URL TOKEN_FILE PROVINCE REGION SCREENSHOT_DIR
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client

base, token_file, province, region, shots = sys.argv[1:6]
token = open(token_file).read().strip()
os.makedirs(shots, exist_ok=True)
profile = tempfile.mkdtemp(prefix="ipp-chromium-")
chromium = subprocess.Popen(
    [
        shutil.which("chromium") or "chromium",
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pings",
        # Nothing but loopback resolves: the browser cannot reach an outside host.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "about:blank",
    ],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)


class Page:
    """One tab, spoken to in DevTools protocol commands."""

    def __init__(self, socket_url):
        self.socket = websocket.create_connection(socket_url, timeout=60)
        self.next_id = 0
        self.events = []
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for_load(self):
        deadline = time.monotonic() + 30
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == "Page.loadEventFired":
                    del self.events[: index + 1]
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"no page loaded at {self.path()}: {self.evaluate('document.body.innerText')[:500]}"
                )
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                self.events.append(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                pass
            finally:
                self.socket.settimeout(60)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def go(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for_load()

    def act(self, expression):
        """Runs what makes the page navigate (a click, a submit) and waits for the next page."""
        self.events.clear()
        self.evaluate(expression)
        self.wait_for_load()

    def screenshot(self, name, width=1280, mobile=False, tallest=2400):
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=900,
            deviceScaleFactor=1 if not mobile else 2,
            mobile=mobile,
        )
        height = self.evaluate("document.documentElement.scrollHeight")
        image = self.call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": min(height, tallest), "scale": 1},
        )
        with open(os.path.join(shots, name), "wb") as file:
            file.write(base64.b64decode(image["data"]))
        self.call("Emulation.clearDeviceMetricsOverride")

    def path(self):
        return self.evaluate("location.pathname + location.search")


def devtools_port():
    for _ in range(300):
        try:
            return int(open(os.path.join(profile, "DevToolsActivePort")).readline())
        except (OSError, ValueError):
            time.sleep(0.1)
    raise RuntimeError("Chromium did not open its DevTools port")


try:
    port = devtools_port()
    targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
    page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
    seen = {}
    visited = []

    page.go(f"{base}/masuk")
    visited.append(page.path())
    seen["signin_title"] = page.evaluate("document.title")
    # Types the token (into the focused field, as a person would; set directly if the headless
    # window has no focus to type into) and presses the button.
    page.call("Page.bringToFront")
    page.evaluate("document.getElementById('token').focus()")
    page.call("Input.insertText", text=token)
    if page.evaluate("document.getElementById('token').value") != token:
        page.evaluate(f"document.getElementById('token').value = {json.dumps(token)}")
    page.act("document.querySelector('form[action=\"/masuk\"] button').click()")
    visited.append(page.path())
    seen["after_signin"] = page.path()
    seen["cookie_visible_to_script"] = page.evaluate("document.cookie")
    seen["province_h1"] = page.evaluate("document.querySelector('h1').textContent")
    seen["province_rows"] = page.evaluate(
        "document.querySelectorAll('section[aria-labelledby=pengisian] tbody tr').length"
    )
    seen["first_row_late"] = page.evaluate(
        "document.querySelector('section[aria-labelledby=pengisian] tbody tr').classList.contains('late')"
    )
    seen["counts"] = page.evaluate(
        "Array.from(document.querySelectorAll('.counts li')).map(li => li.textContent.trim())"
    )
    seen["chart_label"] = page.evaluate("document.querySelector('svg.chart')?.getAttribute('aria-label')")
    seen["lang"] = page.evaluate("document.documentElement.lang")
    page.screenshot("province.png")
    page.screenshot("province-phone.png", width=390, mobile=True, tallest=1200)
    seen["phone_overflows"] = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )

    page.act(f"document.querySelector('a[href=\"/provinsi/{province}/situs\"]').click()")
    visited.append(page.path())
    seen["sites_path"] = page.path()
    seen["sites_rows"] = page.evaluate("document.querySelectorAll('tbody tr').length")
    seen["sparklines"] = page.evaluate("document.querySelectorAll('svg.sparkline').length")
    page.screenshot("sites.png")

    page.go(f"{base}/provinsi/{province}")
    page.act(f"document.querySelector('section[aria-labelledby=pengisian] a[href=\"/wilayah/{region}\"]').click()")
    visited.append(page.path())
    seen["region_path"] = page.path()
    seen["region_h1"] = page.evaluate("document.querySelector('h1').textContent")
    seen["region_total"] = page.evaluate("document.querySelector('.total strong')?.textContent")
    seen["region_contributions"] = page.evaluate(
        "document.querySelectorAll('section[aria-labelledby=skor] .scroll tbody tr').length"
    )
    page.screenshot("region.png")

    page.act("document.querySelector('form[action=\"/keluar\"] button').click()")
    visited.append(page.path())
    seen["after_signout"] = page.path()
    page.go(f"{base}/provinsi/{province}")
    visited.append(page.path())
    seen["after_signout_province"] = page.path()
    seen["token_in_a_url"] = any(token in path for path in visited)
    print(json.dumps(seen))
finally:
    chromium.kill()
    chromium.wait()
    shutil.rmtree(profile, ignore_errors=True)
