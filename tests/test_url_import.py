"""Importing an article by its address (classroom/url_import.py): a page served on loopback by
a test HTTP server, the refusal of local and private addresses, redirects checked per hop."""

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from classroom import url_import
from classroom.url_import import address_allowed, article_from_url
from reader.models import Article
from tests.classroom_factories import make_teacher

PARAGRAPHS = [
    "Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes weitere Truppen nach "
    "Russland geschickt. Die Soldaten sollen in der Region Kursk eingesetzt werden.",
    "In Seoul schaut man mit Sorge auf die Achse Pjöngjang-Moskau. Die Regierung beriet am "
    "Montag über mögliche Antworten und über Waffenlieferungen an die Ukraine.",
    "Fachleute erwarten, dass Nordkorea im Gegenzug Technik für seine Raketen erhält. Das "
    "würde die Lage auf der koreanischen Halbinsel weiter verschärfen, sagen sie.",
]
PAGE = f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Truppen in Kursk | Beispielzeitung</title>
<meta property="og:site_name" content="Beispielzeitung">
<meta property="article:published_time" content="2024-11-05T08:00:00+01:00">
</head><body>
<nav><ul><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sportmeldungen</a></li></ul></nav>
<main><article><h1>Truppen in Kursk</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article></main>
<footer><p>Impressum · Datenschutz · Alle Rechte vorbehalten</p></footer>
</body></html>""".encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/artikel":
            self.answer(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/umleitung":
            self.send_response(302)
            self.send_header("Location", "/artikel")
            self.end_headers()
        elif self.path == "/weiter-nach-innen":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/geheim")
            self.end_headers()
        elif self.path == "/bild.png":
            self.answer(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
        elif self.path == "/riesig":
            self.answer(200, "text/html", b"<p>" + b"x" * (url_import.MAX_BYTES + 10))
        else:
            self.answer(404, "text/plain", b"nicht da")

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def private_allowed(settings):
    settings.RANDNOTIZ_URL_IMPORT_PRIVATE = True


def test_main_text_title_date_and_source_are_kept_navigation_and_footer_dropped(
    site, private_allowed
):
    article = article_from_url(site + "/umleitung")
    assert article.url == site + "/artikel"  # the redirect was followed
    assert "Truppen in Kursk" in article.title
    assert article.source == "Beispielzeitung"
    assert article.published == dt.date(2024, 11, 5)
    assert article.text.split("\n\n")[-3:] == PARAGRAPHS
    assert "Sportmeldungen" not in article.text and "Impressum" not in article.text


def test_loopback_is_refused_when_the_setting_is_off(site, settings):
    settings.RANDNOTIZ_URL_IMPORT_PRIVATE = False
    with pytest.raises(ValidationError, match="local or private network"):
        article_from_url(site + "/artikel")


def test_a_redirect_into_a_private_network_is_checked_again(site, settings, monkeypatch):
    # The first hop (loopback, standing in for a public server) passes; the second must not.
    real = url_import.address_allowed
    monkeypatch.setattr(url_import, "address_allowed", lambda a: a == "127.0.0.1" or real(a))
    settings.RANDNOTIZ_URL_IMPORT_PRIVATE = False
    with pytest.raises(ValidationError, match="10.0.0.1 is on a local or private network"):
        article_from_url(site + "/weiter-nach-innen")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/bild.png", "image/png rather than a web page"),
        ("/riesig", "larger than 2 MB"),
        ("/fehlt", "error 404"),
    ],
)
def test_answers_that_are_no_article_page_get_a_clear_message(site, private_allowed, path, message):
    with pytest.raises(ValidationError, match=message):
        article_from_url(site + path)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a.txt", "file:///etc/passwd", "javascript:alert(1)", "Kursk"]
)
def test_only_web_addresses_are_fetched(url):
    with pytest.raises(ValidationError, match="http:// or https://"):
        article_from_url(url)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.10",
        "172.16.5.4",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_local_private_and_link_local_addresses_are_not_allowed(address, settings):
    settings.RANDNOTIZ_URL_IMPORT_PRIVATE = False
    assert not address_allowed(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_allowed(address, settings):
    settings.RANDNOTIZ_URL_IMPORT_PRIVATE = False
    assert address_allowed(address)


@pytest.mark.django_db
def test_teacher_adds_an_article_by_its_address(client, site, private_allowed):
    client.force_login(make_teacher())
    response = client.post(reverse("classroom:article_add"), {"url": site + "/artikel"})
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.title == "Truppen in Kursk" and article.source == "Beispielzeitung"
    assert article.published == dt.date(2024, 11, 5)
    assert PARAGRAPHS[1] in article.text and "Impressum" not in article.text


@pytest.mark.django_db
def test_a_refused_address_is_said_next_to_its_field_and_nothing_is_stored(client, site):
    client.force_login(make_teacher())
    response = client.post(
        reverse("classroom:article_add"), {"title": "Kursk", "url": site + "/artikel"}
    )
    assert response.status_code == 400
    assert "local or private network" in " ".join(response.context["form"].errors["url"])
    assert not Article.objects.exists()
