#!/usr/bin/env bash
# Attacks the site on this machine with sqlmap (SQL injection) and wapiti (SQL and blind SQL
# injection, stored and reflected XSS, command execution, file disclosure, CRLF, open redirects, XXE,
# CSRF, security headers, cookie flags) while signed in as national staff, on a throwaway SQLite
# data folder with the demo programme, over HTTPS as in production. Fails on any finding and on any
# server error. Each scanner is bounded in time (SCAN_MINUTES, default 5).
#
#   bash security/scan.sh          # results in security/results/, summary in docs/security.md
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${SCAN_PORT:-5443}
MINUTES=${SCAN_MINUTES:-5}
OUT=security/results
BASE="https://127.0.0.1:$PORT"

need=()
command -v sqlmap >/dev/null || need+=(sqlmap)
command -v wapiti >/dev/null || need+=(wapiti)
command -v openssl >/dev/null || need+=(openssl)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
    else
        echo "scan.sh: please install ${need[*]} (Debian: apt-get install ${need[*]})" >&2
        exit 2
    fi
fi

WORK=$(mktemp -d)
APP=
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
rm -rf "$OUT" && mkdir -p "$OUT"

# A certificate for 127.0.0.1: the site's cookies are Secure and __Host- prefixed, as in production.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$WORK/key.pem" -in "$WORK/cert.pem" -out "$WORK/site.pfx" -passout pass:

dotnet publish src/SamenHier.Web -c Release -v q --nologo -o "$WORK/site" >/dev/null
export ASPNETCORE_ENVIRONMENT=Production SAMENHIER_DATA="$WORK/data" Database__SeedDemoData=true \
    App__PublicBaseUrl="$BASE" ASPNETCORE_URLS="$BASE" Email__SenderEnabled=false \
    Kestrel__Certificates__Default__Path="$WORK/site.pfx" Kestrel__Certificates__Default__Password= \
    RateLimits__PublicPostsPerWindow=100000 RateLimits__SignUpsPerWindow=100000
# From its own folder, as a service runs it: appsettings.json is read from the working directory.
LINK=$(cd "$WORK/site" && dotnet SamenHier.Web.dll create-admin scan@samenhier.nl Scanner | grep -o "$BASE/[^ ]*")
(cd "$WORK/site" && exec dotnet SamenHier.Web.dll) >"$OUT/site.log" 2>&1 &
APP=$!
for _ in $(seq 60); do curl -skf "$BASE/health" >/dev/null && break; sleep 1; done
COOKIE=$(python3 security/signin.py "$LINK")
signed_in() { [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/beheer")" = 200 ]; }
signed_in || { echo "scan.sh: could not sign in" >&2; exit 1; }
echo "scan.sh: site on $BASE with demo data, signed in as national staff"

# sqlmap: every query-string parameter of the public and back-office pages (forms: wapiti).
cat >"$WORK/targets.txt" <<TARGETS
$BASE/beheer/groepen?stad=1&status=Complete&zoek=test&sorteer=naam&pagina=1
$BASE/beheer/nieuwkomers?stad=1&route=Welcome&status=Waiting&zoek=test&sorteer=naam&pagina=1
$BASE/beheer/medewerkers?zoek=test&rol=Coordinator&stad=1&pagina=1
$BASE/beheer/community-bouwers?stad=1&taal=ar&zoek=test
$BASE/beheer/berichten?soort=Offer&stand=open
$BASE/aanmelden/status?code=abcdef
$BASE/inloggen/link?code=abcdef
$BASE/taal/en?terug=%2Fsteden
TARGETS
timeout $((MINUTES * 60)) sqlmap -m "$WORK/targets.txt" --batch --cookie="$COOKIE" --level=1 --risk=1 \
    --threads=2 --timeout=15 --flush-session --output-dir="$WORK/sqlmap" --disable-coloring >"$OUT/sqlmap.log" 2>&1 || true

# wapiti: crawls what the signed-in staff member can reach and attacks every form and parameter. (Its
# -x exclusion fails on Python 3.11; the sign-out form needs its untampered token, so no attack ends
# the session, which is checked below.)
timeout $((MINUTES * 60 * 3)) wapiti -u "$BASE/" --scope domain -H "Cookie: $COOKIE" \
    --max-scan-time $((MINUTES * 60)) --max-attack-time 60 -t 10 --max-links-per-page 40 --max-files-per-dir 25 -d 4 \
    -m "sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,xxe,csrf,http_headers,cookieflags" \
    --flush-session -f json -o "$OUT/wapiti.json" --verify-ssl 0 >"$OUT/wapiti.log" 2>&1 || true
signed_in || echo "scan.sh: note: the session ended during the scan (later requests were not signed in)"

python3 - "$OUT" <<'PY'
import json, re, sys
out = sys.argv[1]
findings = []
# Findings looked at and accepted, each with its reason (printed, never hidden). Nothing else passes.
ACCEPTED = {
    ("HttpOnly Flag cookie", r"HttpOnly flag is not set in the cookie : (__Host-samenhier-(auth|af|aanmelding)|\.AspNetCore\.Culture)$"):
        "wapiti 3.0.4 looks for 'HttpOnly' case-sensitively; ASP.NET Core writes 'httponly' (attribute names are "
        "case-insensitive, RFC 6265 5.2). The flags are asserted by Accounts/SessionSecurityTests and PublicSiteTests.",
    ("HTTP Secure Headers", r"X-XSS-Protection is not set$"):
        "deprecated header: browsers removed the XSS auditor, and OWASP's Secure Headers Project advises against "
        "enabling it; the protection is the Content-Security-Policy without inline script (PublicSiteTests).",
}
sqlmap = open(f"{out}/sqlmap.log", encoding="utf-8", errors="replace").read()
if re.search(r"identified the following injection point|is vulnerable", sqlmap):
    findings.append("sqlmap: injection point")
if re.search(r"HTTP error codes detected.*500", sqlmap):
    findings.append("sqlmap: the site answered 500")
tested = len(set(re.findall(r"testing URL '([^']+)'", sqlmap)))
try:
    report = json.load(open(f"{out}/wapiti.json", encoding="utf-8"))
except (OSError, ValueError):
    report = None
    findings.append("wapiti: no report")
counts = {}
if report:
    for section in ("vulnerabilities", "anomalies"):
        for name, items in report.get(section, {}).items():
            for item in items:
                info = item.get("info") or ""
                reason = next((r for (n, p), r in ACCEPTED.items() if n == name and re.search(p, info)), None)
                if reason:
                    print(f"ACCEPTED wapiti {name}: {info} ({reason})")
                else:
                    findings.append(f"wapiti {section}: {name}: {item.get('method')} {item.get('path')} {item.get('parameter') or ''} {info}")
    crawled = report.get("infos", {}).get("crawled_pages_nbr") or len(report.get("infos", {}).get("crawled_pages", []))
    if not crawled:
        # wapiti 3.0.4's report does not count them; its log does.
        found = re.search(r"Wapiti found (\d+) URLs and forms", open(f"{out}/wapiti.log", encoding="utf-8", errors="replace").read())
        crawled = int(found.group(1)) if found else 0
else:
    crawled = 0
print(f"scan.sh: sqlmap tested {tested} URLs; wapiti crawled {crawled} pages")
for f in findings:
    print(f"FINDING {f}")
print(f"scan.sh: {len(findings)} finding(s)")
sys.exit(1 if findings else 0)
PY
