# ruff: noqa: E501  (the students set-up script below is embedded as a string)
"""Load: 200 students on the seed article, served by gunicorn on loopback, driven by locust.

    .venv/bin/python bench/load.py [--db sqlite postgres] [--users 200] [--spawn-rate 50]
                                   [--time 60s] [--workers 2] [--threads 2] [--scenario both]

For each database it builds a fresh one (migrate, the full Ding import, the seed articles),
creates the students, starts `gunicorn config.wsgi` in production mode (PRODUCTION=1, hashed
static files, secure cookies behind an https proxy header) on 127.0.0.1 only, runs locust
headless and prints requests/s and p50/p95/p99 latency per request type, and the errors.

Scenarios: `mixed` (ReadingStudent: article page, popovers, saving words, the quiz, a click every
0.3-0.7 s: a capacity test), `class` (ClassroomStudent: the same clicks every 2-8 s, students
actually reading) and `article` (ArticleReader: the article page only, the page-view capacity).

Before each run the fresh gunicorn serves the article, a popover and the quiz page 60 times each
(warm_up): every worker has built its cached markup, as after the first minute of a school day.

Students' sessions are made before the run with Django's own session machinery (what a login
leaves behind). Logging 200 students in through the form would measure PBKDF2 instead: Django's
default hasher costs about 1 s of CPU per login here, by design; see docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_URL = "postgres://postgres@127.0.0.1:5432/randnotiz_bench"
DING = "/usr/share/trans/de-en"
SCENARIOS = {"mixed": "ReadingStudent", "class": "ClassroomStudent", "article": "ArticleReader"}

SETUP_STUDENTS = r"""
import json, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils.module_loading import import_string
from django.contrib.auth.hashers import make_password
from importlib import import_module
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.urls import NoReverseMatch, reverse
from reader.models import Article

count, out = int(sys.argv[1]), sys.argv[2]
User = get_user_model()
password = make_password("student passphrase 8am")  # one hash for all: the bench is not about PBKDF2
User.objects.bulk_create(
    [User(username=f"student{i:03d}", password=password) for i in range(count)], ignore_conflicts=True
)
sessions = []
for user in User.objects.filter(username__startswith="student").order_by("username")[:count]:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The backend a login through the form records: the first that can load a user (axes'
    # LoginLimitBackend, first in the list, only refuses locked-out logins).
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append({"sessionid": store.session_key, "csrftoken": _mask_cipher_secret(_get_new_csrf_string())})

article = Article.objects.get(seed_order=0)
assert article.status == "ready", (article.status, article.status_message)
from reader.rendering import is_interactive
from nlp.document import Annotation
from glossary.vocabulary import candidate_at
document = Annotation.from_json(article.annotation)
words = [(s, t) for s, t, token in document.tokens() if is_interactive(token)]
savable = [(s, t) for s, t in words if candidate_at(document, s, t, None) is not None]

def url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None

config = {
    "sessions": sessions,
    "article_pk": article.pk,
    "article_url": reverse("reader:article_detail", args=[article.pk]),
    "popover_url": reverse("reader:word_popover", args=[article.pk, 0, 0]).replace("/0/0/", "/{s}/{t}/"),
    "save_url": url("glossary:word_save") if savable else None,
    "quiz_url": url("reader:quiz_take", article.pk),
    "words": words,
    "savable": savable,
}
json.dump(config, open(out, "w"))
print(f"{len(sessions)} students, {len(words)} words, quiz={config['quiz_url']}, save={config['save_url']}")
"""


def log(message: str) -> None:
    print(f"[load] {message}", file=sys.stderr, flush=True)


def manage(env, *args, quiet=True):
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def fresh_database(db: str, workdir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SQLITE_PATH", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="ERROR",
    )
    if db == "sqlite":
        env["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    else:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute("DROP DATABASE IF EXISTS randnotiz_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE randnotiz_bench")
        env["DATABASE_URL"] = PG_URL
    return env


def prepare(db: str, args, workdir: Path) -> tuple[dict[str, str], Path]:
    config, saved_env = workdir / f"{db}-config.json", workdir / f"{db}-env.json"
    if args.reuse and config.exists() and saved_env.exists():
        log(f"{db}: reusing the database prepared in {workdir}")
        return json.loads(saved_env.read_text()), config
    env = fresh_database(db, workdir)
    started = time.monotonic()
    log(f"{db}: migrate, dictionary import, seeds")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "import_ding", args.ding)
    manage(env, "load_seeds")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    subprocess.run(
        [PY, "-c", SETUP_STUDENTS, str(args.users), str(config)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
    )
    settings = json.loads(config.read_text())
    # Django's CSRF check on https requests wants a same-origin Referer.
    settings["referer"] = f"https://127.0.0.1:{args.port}{settings['article_url']}"
    config.write_text(json.dumps(settings))
    saved_env.write_text(json.dumps(env))
    log(f"{db}: ready in {time.monotonic() - started:.0f} s")
    return env, config


def start_gunicorn(env, args) -> subprocess.Popen:
    command = [
        str(Path(PY).parent / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--log-level",
        "warning",
        *args.gunicorn_args,
    ]
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            # Something else (a dev server left running) would be measured instead.
            raise SystemExit(f"port {args.port} is in use: stop what runs there or pass --port")
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{args.port}/", headers={"X-Forwarded-Proto": "https"}
            )
            urllib.request.urlopen(request, timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def warm_up(config: Path, args, rounds: int = 60) -> None:
    """Each worker thread serves the article, a popover and the quiz before the measurement,
    as it would have in the first minute of a school day: the first request of a process
    builds its cached markup, which is no cost a student meets twice."""
    settings = json.loads(config.read_text())
    session = settings["sessions"][0]
    headers = {
        "Cookie": f"sessionid={session['sessionid']}",
        "X-Forwarded-Proto": "https",
    }
    s, t = settings["words"][0]
    urls = [settings["article_url"], settings["popover_url"].format(s=s, t=t)]
    if settings.get("quiz_url"):
        urls.append(settings["quiz_url"])

    def get(url: str) -> None:
        request = urllib.request.Request(f"http://127.0.0.1:{args.port}{url}", headers=headers)
        urllib.request.urlopen(request, timeout=30).read()

    with ThreadPoolExecutor(max_workers=args.workers * args.threads * 2) as pool:
        list(pool.map(get, urls * rounds))


def stop(server: subprocess.Popen) -> None:
    # Only the process group this script started.
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def run_locust(env, args, config: Path, scenario: str, prefix: Path) -> list[dict]:
    command = [
        str(Path(PY).parent / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "-u",
        str(args.users),
        "-r",
        str(args.spawn_rate),
        "-t",
        args.time,
        "--host",
        f"http://127.0.0.1:{args.port}",
        "--csv",
        str(prefix),
        "--only-summary",
        # Let a student finish the click in flight when the time is up: cutting requests off
        # shows as connection errors ("0") that no user would see.
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
        SCENARIOS[scenario],
    ]
    subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "RANDNOTIZ_BENCH_CONFIG": str(config)},
        stdout=subprocess.DEVNULL,
        check=False,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def cpu_seconds(pid: int) -> float:
    return sum(worker_cpu_seconds(pid).values())


def worker_cpu_seconds(pid: int) -> dict[int, float]:
    """CPU seconds of the gunicorn master and of each worker, by pid."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
        return {p.pid: p.cpu_times().user + p.cpu_times().system for p in processes}
    except psutil.NoSuchProcess:
        return {}


def report(
    db: str, scenario: str, rows: list[dict], seconds: float, server_cpu: float, locust_cpu: float
) -> str:
    lines = [
        f"#### {db}, {scenario}",
        "",
        "| request | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.0f} | {row['50%']} | {row['95%']} | {row['99%']} "
            f"| {float(row['Max Response Time']):.0f} |"
        )
    lines.append("")
    lines.append(
        f"CPU over {seconds:.0f} s of load: gunicorn {server_cpu:.0f} s, locust {locust_cpu:.0f} s "
        f"(2 cores = {2 * seconds:.0f} s; the rest went to other work on the machine)."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument(
        "--scenario",
        choices=[*SCENARIOS, "both", "all"],
        default="both",
        help="both: mixed, article",
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=int, default=50)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--ding", default=DING, help="Ding file to import (default: %(default)s)")
    parser.add_argument(
        "--workdir", help="keep the prepared databases here (with --reuse: use them)"
    )
    parser.add_argument("--reuse", action="store_true", help="reuse what --workdir holds")
    parser.add_argument("--gunicorn-args", nargs=argparse.REMAINDER, default=[])
    args = parser.parse_args()
    scenarios = {"both": ["mixed", "article"], "all": list(SCENARIOS)}.get(
        args.scenario, [args.scenario]
    )

    workdir = (
        Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="randnotiz-load-"))
    )
    workdir.mkdir(parents=True, exist_ok=True)
    reports = []
    try:
        for db in args.db:
            env, config = prepare(db, args, workdir)
            for scenario in scenarios:
                server = start_gunicorn(env, args)
                try:
                    warm_up(config, args)
                    workers_before = worker_cpu_seconds(server.pid)
                    cpu_before, started = sum(workers_before.values()), time.monotonic()
                    locust_before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    log(
                        f"{db}/{scenario}: locust -u {args.users} -r {args.spawn_rate} -t {args.time}"
                    )
                    rows = run_locust(env, args, config, scenario, workdir / f"{db}-{scenario}")
                    workers_after = worker_cpu_seconds(server.pid)
                    elapsed, cpu = (
                        time.monotonic() - started,
                        sum(workers_after.values()) - cpu_before,
                    )
                    split = sorted(
                        (workers_after[p] - workers_before.get(p, 0.0) for p in workers_after),
                        reverse=True,
                    )
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    locust_cpu = (after.ru_utime + after.ru_stime) - (
                        locust_before.ru_utime + locust_before.ru_stime
                    )
                finally:
                    stop(server)
                text = report(db, scenario, rows, elapsed, cpu, locust_cpu)
                text += " Per gunicorn process: " + ", ".join(f"{c:.0f} s" for c in split) + "."
                print(text + "\n", flush=True)
                reports.append(text)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"(workers={args.workers} threads={args.threads} users={args.users} "
        f"spawn-rate={args.spawn_rate} time={args.time})"
    )


if __name__ == "__main__":
    main()
