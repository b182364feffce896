"""`manage.py reannotate`: annotate articles again after a pipeline or lexicon upgrade.

Only `Article.annotation` (with its version, time and level) is replaced, in one transaction
per article (reader.services.article_annotate), and nothing learners or teachers made is lost:

- word statuses and teachers' gloss and compound corrections are keyed by lemma, and a new
  pipeline may give a word another lemma ("Truppen" -> "Truppe"). The same transaction
  compares the two annotations word by word and carries each learner's status, and the
  article's corrections, over to the new lemma (reader/lemma_changes.py,
  reader/status_carryover.py, reader/correction_carryover.py). Statuses on the old
  lemma stay for the other articles that use it;
- saved words keep their own copies of lemma and sentence (their key is part of the Anki
  note's identity and does not move: the popover of a word whose lemma changed no longer marks
  it saved, the vocabulary list and decks still hold it), quiz attempts belong to the stored
  quiz, and corrections are applied on top of the annotation each time it is shown. Idiom
  corrections name their sentence and words by index, which a pipeline that splits sentences
  or tokens differently would shift: nothing moves them yet.

An article whose new annotation fails keeps its previous one and stays readable. Annotating
here is new work asked for, as queueing it is: its runs are counted from the first again
(core/task_attempts.py).

    manage.py reannotate             articles older than the pipeline, or not ready
    manage.py reannotate --all       every article
    manage.py reannotate 3 7         these articles
    manage.py reannotate --enqueue   queue them for `db_worker` instead of working here
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from nlp.pipeline import ANNOTATION_VERSION
from reader.models import Article
from reader.services import article_annotate, article_enqueue_annotation


class Command(BaseCommand):
    help = (
        "Annotate articles again (after a pipeline or dictionary upgrade), keeping all user data."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="only these articles")
        parser.add_argument(
            "--all", action="store_true", help="every article, not only outdated ones"
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="queue tasks instead of annotating here"
        )

    def handle(self, *args, ids=(), all=False, enqueue=False, **options):
        articles = Article.objects.order_by("pk").only("pk", "title")
        if ids:
            articles = articles.filter(pk__in=ids)
        elif not all:
            articles = articles.filter(
                Q(annotation_version__isnull=True)
                | Q(annotation_version__lt=ANNOTATION_VERSION)
                | ~Q(status=Article.Status.READY)
            )
        done, failed = 0, []
        for article in articles.iterator():
            if enqueue:
                article_enqueue_annotation(article)
                done += 1
                continue
            if article_annotate(article.pk, new_work=True):
                done += 1
            else:
                failed.append(article)
            if options["verbosity"] > 1:
                self.stdout.write(f"{article.pk}: {article.title}")
        verb = "queued" if enqueue else "annotated"
        self.stdout.write(f"{done} article(s) {verb}, {len(failed)} failed")
        if failed:
            for article in failed:
                message = (
                    Article.objects.filter(pk=article.pk)
                    .values_list("status_message", flat=True)
                    .first()
                )
                self.stderr.write(f"  {article.pk} {article.title}: {message or 'see the log'}")
            raise CommandError(f"{len(failed)} article(s) could not be annotated")
