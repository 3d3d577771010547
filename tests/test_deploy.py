"""The sample nginx site (deploy/nginx/tremplin.conf) in front of gunicorn, run for real: the file as
shipped, with only its addresses, certificate and folders pointed at this test. nginx comes from
.ci/run (apt-get install nginx-light); without it here the test says how to get it."""

import getpass
import shutil
import socket
import ssl
import subprocess
import urllib.request

import pytest

from .test_gunicorn import free_port, web_server  # noqa: F401 - the gunicorn fixture

SITE = "deploy/nginx/tremplin.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if shutil.os.path.exists("/usr/sbin/nginx") else None)

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed: apt-get install nginx-light")


@pytest.fixture
def nginx(web_server, tmp_path, settings):  # noqa: F811
    gunicorn_port, _process = web_server
    https, http = free_port(), free_port()
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "app.css").write_text("body { color: #1b1b1f; }")
    site = (settings.BASE_DIR / SITE).read_text()
    for old, new in [
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("/etc/letsencrypt/live/tremplin.example.fr/fullchain.pem", str(tmp_path / "cert.pem")),
        ("/etc/letsencrypt/live/tremplin.example.fr/privkey.pem", str(tmp_path / "key.pem")),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{gunicorn_port};"),
        ("/srv/tremplin/var/static/", f"{static}/"),
        ("/srv/tremplin/var/media/", f"{tmp_path}/media/"),
        ("server_name tremplin.example.fr;", "server_name localhost;"),
    ]:
        assert old in site, old
        site = site.replace(old, new)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)  # no IPv6 needed here
    (tmp_path / "site.conf").write_text(site)
    temp = tmp_path / "temp"
    temp.mkdir()
    (tmp_path / "nginx.conf").write_text(
        # The test's folders are private to this user: nginx's workers run as the same one.
        f"user {getpass.getuser()};\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\nhttp {{\n"
        f"include /etc/nginx/mime.types;\naccess_log {tmp_path}/access.log;\n"
        + "".join(f"{name}_temp_path {temp}/{name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"include {tmp_path}/site.conf;\n}}\n"
    )
    check = subprocess.run([NGINX, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    subprocess.run([NGINX, "-c", str(tmp_path / "nginx.conf")], check=True)
    yield https, http
    subprocess.run([NGINX, "-c", str(tmp_path / "nginx.conf"), "-s", "stop"], check=False)


def fetch(url):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the test's own certificate

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers={"Host": "localhost"}), timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), ""


def test_the_sample_nginx_site_serves_tremplin_through_gunicorn(nginx):
    https, http = nginx
    status, headers, body = fetch(f"https://127.0.0.1:{https}/")
    assert status == 200 and "Tremplin" in body, (status, headers, body[:500])
    assert "gunicorn" not in headers.get("Server", "")  # nginx answers, gunicorn stays behind
    status, headers, _body = fetch(f"http://127.0.0.1:{http}/cours/")
    assert status == 301 and headers["Location"] == "https://localhost/cours/"
    status, headers, body = fetch(f"https://127.0.0.1:{https}/static/css/app.css")
    assert status == 200 and "#1b1b1f" in body and "immutable" in headers["Cache-Control"]
    status, _headers, _body = fetch(f"https://127.0.0.1:{https}/fichiers-proteges/anything")
    assert status == 404  # internal: only a Django view's X-Accel-Redirect reaches stored files
    # A client that sends its headers slowly waits in nginx, not in gunicorn.
    slow = socket.create_connection(("127.0.0.1", https), timeout=5)
    try:
        assert fetch(f"https://127.0.0.1:{https}/comptes/connexion/")[0] == 200
    finally:
        slow.close()
