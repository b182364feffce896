"""An article fetched from its web address: the page's main text, title, date and source
(trafilatura), navigation and footers dropped.

The server makes the request, so it must not become a way into the networks it can reach:
every address the host name resolves to must be public (no loopback, private, link-local,
shared or reserved range) unless settings.RANDNOTIZ_URL_IMPORT_PRIVATE allows them, and the
connection goes to the address that was checked (a second lookup could answer differently).
Redirects are followed by hand, each hop checked again. Size, time and type are limited: an
HTML answer of at most MAX_BYTES, within TOTAL_SECONDS.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import trafilatura
import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError

MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
TOTAL_SECONDS = 15
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "Randnotiz article import (+https://randnotiz.invalid)"


@dataclass(frozen=True)
class FetchedArticle:
    url: str
    title: str
    text: str
    source: str
    published: dt.date | None


def address_allowed(address: str) -> bool:
    """Whether the server may connect to this IP address: public ones only, unless allowed."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped:  # ::ffff:127.0.0.1 is 127.0.0.1
        ip = ip.ipv4_mapped
    if settings.RANDNOTIZ_URL_IMPORT_PRIVATE:
        return not ip.is_multicast and not ip.is_unspecified
    return ip.is_global and not ip.is_multicast


def checked_address(host: str, port: int) -> str:
    """One address of the host, after checking every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(f"The address {host} could not be found.") from None
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(address_allowed(a) for a in addresses):
        raise ValidationError(
            f"{host} is on a local or private network; articles can only be imported from "
            "public web addresses."
        )
    return addresses[0]


def _open(url: str, deadline: float) -> urllib3.BaseHTTPResponse:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("Give a web address starting with http:// or https://.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port)
    remaining = max(0.5, deadline - time.monotonic())
    timeout = urllib3.Timeout(connect=min(5, remaining), read=min(10, remaining))
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        return pool.urlopen(
            "GET",
            path,
            headers={"Host": host_header, "User-Agent": USER_AGENT, "Accept": "text/html"},
            redirect=False,
            preload_content=False,
        )
    except urllib3.exceptions.HTTPError:
        raise ValidationError(f"{parts.hostname} did not answer in time or refused.") from None


def fetch_html(url: str) -> tuple[str, str]:
    """(final address, HTML) for a web address, under the limits in this module's docstring."""
    deadline = time.monotonic() + TOTAL_SECONDS
    for _hop in range(MAX_REDIRECTS + 1):
        response = _open(url, deadline)
        if response.status in (301, 302, 303, 307, 308):
            location = response.headers.get("Location")
            response.release_conn()
            if not location:
                break
            url = urljoin(url, location)
            continue
        if response.status != 200:
            raise ValidationError(f"The page answered with error {response.status}.")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in HTML_TYPES:
            raise ValidationError(
                f"That address gives {content_type or 'something'} rather than a web page; "
                "download the file and upload it instead."
            )
        body = bytearray()
        try:
            for chunk in response.stream(64 * 1024):
                body += chunk
                if len(body) > MAX_BYTES:
                    raise ValidationError(
                        f"The page is larger than {MAX_BYTES // 2**20} MB; it cannot be imported."
                    )
                if time.monotonic() > deadline:
                    raise ValidationError("The page took too long to load.")
        except urllib3.exceptions.HTTPError:
            raise ValidationError("The page could not be loaded completely.") from None
        finally:
            response.release_conn()
        charset = response.headers.get("Content-Type", "").partition("charset=")[2].strip()
        try:
            return url, bytes(body).decode(charset or "utf-8", errors="replace")
        except LookupError:
            return url, bytes(body).decode("utf-8", errors="replace")
    raise ValidationError("The page redirects too often.")


def article_from_html(html: str, url: str) -> FetchedArticle:
    """The main text and its metadata, as trafilatura finds them; pure, for tests and reuse."""
    found = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    data = json.loads(found) if found else {}
    text = (data.get("text") or "").strip()  # "raw_text" runs the paragraphs together
    if not text:
        raise ValidationError("No article text was found on that page.")
    # trafilatura keeps a paragraph per line; the reader wants a blank line between them.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    published = None
    if data.get("date"):
        try:
            published = dt.date.fromisoformat(data["date"][:10])
        except ValueError:
            published = None
    # JSON output names the site "source-hostname" (sitename), "hostname" the address.
    source = (
        data.get("source-hostname")
        or data.get("sitename")
        or data.get("hostname")
        or urlsplit(url).hostname
        or ""
    )
    title = (data.get("title") or "").strip() or urlsplit(url).hostname or url
    return FetchedArticle(
        url=url, title=title[:300], text=text, source=source[:200], published=published
    )


def article_from_url(url: str) -> FetchedArticle:
    final_url, html = fetch_html(url.strip())
    return article_from_html(html, final_url)
