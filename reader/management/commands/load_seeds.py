from django.conf import settings
from django.core.management.base import BaseCommand

from reader.models import Article
from reader.services import article_annotate, article_create
from reader.text_input import parse_seed_file


class Command(BaseCommand):
    help = "Load the seed articles from seeds/ (idempotent: existing seeds keep their rows)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reannotate", action="store_true", help="annotate existing seeds again"
        )

    def handle(self, *args, reannotate=False, **options):
        seed_files = sorted(settings.RANDNOTIZ_SEEDS_DIR.glob("*.txt"))
        for order, path in enumerate(seed_files):
            seed = parse_seed_file(path.read_text(encoding="utf-8"))
            article = Article.objects.filter(seed_order=order).first()
            if article is None:
                article = article_create(
                    title=seed.title,
                    text=seed.text,
                    source=seed.source,
                    published=seed.published,
                    seed_order=order,
                    annotate="inline",
                )
                self.stdout.write(f"loaded seed {path.name}: {article.title} ({article.status})")
            elif reannotate or article.status != Article.Status.READY:
                article_annotate(article.pk)
                article.refresh_from_db()
                self.stdout.write(f"annotated seed {path.name} again ({article.status})")
            else:
                self.stdout.write(f"seed {path.name} already loaded")
