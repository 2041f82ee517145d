#!/usr/bin/env python3
"""Follows a set-password link as a new staff member would (password, authenticator code) and
prints the signed-in session's Cookie header, for the scanners. Standard library only.

Usage: signin.py <set-password link>
"""
import base64
import hashlib
import hmac
import html
import http.cookiejar
import re
import ssl
import struct
import sys
import time
import urllib.parse
import urllib.request

PASSWORD = "een lange zin als wachtwoord voor de scan"

# The site runs with a self-signed certificate on this machine only.
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=context))


def get(url):
    with opener.open(url) as response:
        return response.geturl(), response.read().decode("utf-8")


def post(url, page, fields):
    """Posts the page's first POST form with its hidden fields and the given ones."""
    form = re.search(r'<form[^>]*method="post"[^>]*>(.*?)</form>', page, re.S | re.I)
    if not form:
        sys.exit(f"no form on {url}")
    action = re.search(r'action="([^"]*)"', form.group(0).split(">", 1)[0])
    target = urllib.parse.urljoin(url, action.group(1).replace("&amp;", "&")) if action else url
    data = {}
    for tag in re.findall(r"<input[^>]*>", form.group(1)):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if attributes.get("type") == "hidden" and "name" in attributes:
            data[attributes["name"]] = html.unescape(attributes.get("value", ""))
    data.update(fields)
    request = urllib.request.Request(target, urllib.parse.urlencode(data).encode(), method="POST")
    with opener.open(request) as response:
        return response.geturl(), response.read().decode("utf-8")


def totp(key, at):
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


url, page = get(sys.argv[1])
url, page = post(url, page, {"Password": PASSWORD, "Repeat": PASSWORD})
key = re.search(r'id="authenticator-key"[^>]*>([^<]+)<', page)
if not key:
    sys.exit(f"no authenticator key on {url}")
url, page = post(url, page, {"Code": totp(key.group(1).strip(), time.time())})
if "/beheer" not in url:
    sys.exit(f"not signed in: ended on {url}")
print("; ".join(f"{c.name}={c.value}" for c in jar))
