from django.tasks import task
from django.utils import timezone

from glossary.anki import NothingToExport
from glossary.models import Export, ExportStatus
from glossary.services import export_build


@task()
def build_export(export_id: int) -> bool:
    """Build a queued export in the background (see glossary.services.export_build)."""
    try:
        return export_build(export_id)
    except Exception as error:
        # export_build writes the file and "ready" in its last update, so nothing of the file
        # is stored; the export says why. Re-raised: the task result is FAILED with the
        # traceback too.
        reason = (
            str(error) if isinstance(error, NothingToExport) else f"{type(error).__name__}: {error}"
        )
        Export.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, status_message=reason[:2000], finished_at=timezone.now()
        )
        raise
