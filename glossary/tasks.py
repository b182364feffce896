from django.tasks import task

from glossary.services import export_build


@task()
def build_export(export_id: int) -> bool:
    """Build a queued export in the background (see glossary.services.export_build, which
    records a failed run on the export and re-raises: the task result is FAILED too). Does
    nothing for an export no longer pending: a second task a lease queued for it, say."""
    return export_build(export_id)
