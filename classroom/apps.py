from django.apps import AppConfig


class ClassroomConfig(AppConfig):
    name = "classroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: models may be imported only once the app registry is
        # ready, which is what ready() is for.
        from classroom.exports import assignment_results_file
        from classroom.services import lookup_record_for_request, reading_counts_lookups
        from glossary.exports import export_kind_register
        from glossary.models import ExportKind
        from reader.lookups import LookupHook, lookup_hook_register

        # The students' lookups inside an assignment, for the teacher's dashboard.
        lookup_hook_register(
            "assignments",
            LookupHook(counts=reading_counts_lookups, record=lookup_record_for_request),
        )
        # An assignment's results as a file built in the background (glossary's exports).
        export_kind_register(
            ExportKind.ASSIGNMENT_RESULTS,
            lambda owner, params: assignment_results_file(owner, params["assignment"]),
        )
