"""Students in a classroom at 8:00, for locust (driven by bench/load.py, which writes the
configuration this file reads from $RANDNOTIZ_BENCH_CONFIG).

Each simulated student holds a session of a pre-created student (see bench/load.py for why the
sessions are made before the run) and, with short pauses: reads the assigned article, opens
popovers, saves words, and takes the quiz. `ArticleReader` only reloads the article page; it
measures the page-view capacity the issue sets a target for.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

CONFIG = json.loads(open(os.environ["RANDNOTIZ_BENCH_CONFIG"], encoding="utf-8").read())
_sessions = itertools.cycle(CONFIG["sessions"])
ANSWER_URL = re.compile(r'hx-post="(/articles/\d+/quiz/\d+/answer/)"')
RETRY_URL = re.compile(r'action="(/articles/\d+/quiz/retry/)"')


class Student(FastHttpUser):
    abstract = True
    # A student reads between clicks; 0.3-0.7 s is far busier than a real class (so the numbers
    # are a capacity test) but keeps the load below saturation, where latency is what a
    # student feels and not the length of the queue.
    wait_time = between(0.3, 0.7)

    def on_start(self):
        session = next(_sessions)
        self.cookies = f"sessionid={session['sessionid']}; csrftoken={session['csrftoken']}"
        self.csrf = session["csrftoken"]
        self.base_headers = {
            "Cookie": self.cookies,
            # Behind the school's TLS proxy (PRODUCTION=1 trusts X-Forwarded-Proto).
            "X-Forwarded-Proto": "https",
            "Referer": CONFIG["referer"],
        }

    def get(self, url, name, **headers):
        with self.client.get(
            url, name=name, headers={**self.base_headers, **headers}, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response

    def post(self, url, name, data, **headers):
        headers = {**self.base_headers, "X-CSRFToken": self.csrf, "HX-Request": "true", **headers}
        with self.client.post(
            url, name=name, data=data, headers=headers, catch_response=True
        ) as response:
            if response.status_code not in (200, 204, 302):
                response.failure(
                    f"{response.status_code}: {response.text[:200] if response.text else ''}"
                )
            return response


class ReadingStudent(Student):
    @task(5)
    def read_article(self):
        self.get(CONFIG["article_url"], "article page")

    @task(4)
    def open_popover(self):
        s, t = random.choice(CONFIG["words"])
        self.get(CONFIG["popover_url"].format(s=s, t=t), "popover", **{"HX-Request": "true"})

    @task(1)
    def save_word(self):
        if not CONFIG.get("save_url"):
            return
        s, t = random.choice(CONFIG["savable"])
        self.post(
            CONFIG["save_url"], "save word", {"article": CONFIG["article_pk"], "s": s, "t": t}
        )

    @task(1)
    def take_quiz(self):
        if not CONFIG.get("quiz_url"):
            return
        # Answer one open question (the quiz keeps its state in the session); a finished quiz
        # is started again, as a student trying for a better score would.
        html = self.get(CONFIG["quiz_url"], "quiz page").text or ""
        answers = ANSWER_URL.findall(html)
        if answers:
            self.post(random.choice(answers), "quiz answer", {"choice": random.choice([0, 1])})
        elif retry := RETRY_URL.findall(html):
            self.post(retry[0], "quiz retry", {}, **{"HX-Request": "false"})


class ClassroomStudent(ReadingStudent):
    # Students actually reading: a popover, a saved word or a quiz answer every few seconds.
    # Still busier than a class (a sentence of German takes a learner longer than 5 s).
    wait_time = between(2, 8)


class ArticleReader(Student):
    @task
    def read_article(self):
        self.get(CONFIG["article_url"], "article page")
