from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils import timezone

        from core.task_attempts import background_work_register
        from glossary.models import Export
        from glossary.tasks import build_export

        background_work_register(
            "exports", Export, build_export, failed_fields=lambda: {"finished_at": timezone.now()}
        )
