from django.db import migrations


def snapshot_recorded_answers(apps, schema_editor):
    """Answers recorded before attempts kept what was asked get it from the question rows still
    there (reader.quiz.services.question_snapshot); those a regeneration already deleted cannot
    be recovered and stay as they were."""
    QuizAttempt = apps.get_model("reader", "QuizAttempt")
    QuizQuestion = apps.get_model("reader", "QuizQuestion")
    for attempt in QuizAttempt.objects.iterator():
        answers = dict(attempt.answers or {})
        missing = [int(k) for k, mark in answers.items() if "choices" not in mark]
        if not missing:
            continue
        questions = {q.pk: q for q in QuizQuestion.objects.filter(pk__in=missing)}
        for key in list(answers):
            q = questions.get(int(key))
            if q is None or "choices" in answers[key]:
                continue
            prompt = q.prompt.split("\n", 1)[1] if "\n" in q.prompt else q.prompt
            answers[key] = {
                **answers[key],
                "kind": q.kind,
                "prompt": prompt,
                "sentence": q.sentence,
                "choices": list(q.choices),
                "answer": q.answer,
                "position": q.position,
            }
        attempt.answers = answers
        attempt.save(update_fields=["answers"])


class Migration(migrations.Migration):
    dependencies = [("reader", "0006_article_visibility")]

    operations = [migrations.RunPython(snapshot_recorded_answers, migrations.RunPython.noop)]
