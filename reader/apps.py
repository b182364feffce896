from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "reader"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.task_attempts import background_work_register
        from reader.models import Article, Quiz
        from reader.tasks import annotate_article, generate_quiz

        background_work_register("articles", Article, annotate_article)
        background_work_register("quizzes", Quiz, generate_quiz)
