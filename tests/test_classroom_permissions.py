"""Every classroom view and htmx endpoint, tried by each persona: the class's teacher (owner),
a student of the class (member), another teacher and another student (outsiders).
Anything not theirs is a 404, exactly like an id that does not exist."""

import pytest
from django.urls import reverse

from classroom import services
from classroom.models import Assignment, Classroom, Membership
from reader.models import Correction
from tests.classroom_factories import (
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
    take_quiz,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = make_teacher("owner")
    other_teacher = make_teacher("other_teacher")
    member = make_student("member")
    classmate = make_student("classmate")
    outsider = make_student("outsider")
    classroom = make_class(owner, students=[member, classmate])
    article = make_ready_article(created_by=owner)
    assignment = services.assignment_create(classroom=classroom, article=article)
    services.assignment_open(assignment=assignment, student=member)
    take_quiz(make_quiz(article), member, assignment, [0, 1])
    correction = services.correction_add(
        article=article, user=owner, kind="gloss", key="regierung", data={"gloss": "cabinet"}
    )
    return {
        "owner": owner,
        "other_teacher": other_teacher,
        "member": member,
        "classmate": classmate,
        "outsider": outsider,
        "classroom": classroom,
        "article": article,
        "assignment": assignment,
        "correction": correction,
    }


# (name, method, url builder, {persona: expected status}) -- personas not listed expect 404.
def _urls(w):
    c, a, asg = w["classroom"], w["article"], w["assignment"]
    return [
        (
            "classroom_detail",
            "get",
            reverse("classroom:classroom_detail", args=[c.pk]),
            {"owner": 200, "member": 200},
        ),
        (
            "assignment_create",
            "post",
            reverse("classroom:assignment_create", args=[c.pk]),
            {"owner": 302},
        ),
        (
            "student_remove",
            "post",
            reverse("classroom:student_remove", args=[c.pk, w["classmate"].pk]),
            {"owner": 302},
        ),
        (
            "classroom_close",
            "post",
            reverse("classroom:classroom_close", args=[c.pk]),
            {"owner": 302},
        ),
        ("article_review", "get", reverse("classroom:article_review", args=[a.pk]), {"owner": 200}),
        (
            "article_publish",
            "post",
            reverse("classroom:article_publish", args=[a.pk]),
            {"owner": 302},
        ),
        (
            # A private article: its owner is sent to it, nobody else may copy it.
            "article_copy",
            "post",
            reverse("classroom:article_copy", args=[a.pk]),
            {"owner": 302},
        ),
        (
            "article_status",
            "htmx",
            reverse("classroom:article_status", args=[a.pk]),
            {"owner": 200},
        ),
        (
            "review_word",
            "htmx",
            reverse("classroom:review_word", args=[a.pk, 0, 1]),
            {"owner": 200},
        ),
        (
            "correction_add",
            "post",
            reverse("classroom:correction_add", args=[a.pk, "gloss"]),
            {"owner": 302},
        ),
        (
            "correction_delete",
            "post",
            reverse("classroom:correction_delete", args=[a.pk, w["correction"].pk]),
            {"owner": 302},
        ),
        (
            "assignment_read",
            "get",
            reverse("classroom:assignment_read", args=[asg.pk]),
            {"owner": 302, "member": 200},
        ),
        (
            "assignment_finish",
            "htmx-post",
            reverse("classroom:assignment_finish", args=[asg.pk]),
            {"member": 200},
        ),
        (
            "assignment_dashboard",
            "get",
            reverse("classroom:assignment_dashboard", args=[asg.pk]),
            {"owner": 200},
        ),
        (
            "assignment_dashboard_htmx",
            "htmx",
            reverse("classroom:assignment_dashboard", args=[asg.pk]),
            {"owner": 200},
        ),
        (
            "assignment_csv",
            "get",
            reverse("classroom:assignment_csv", args=[asg.pk]),
            {"owner": 200},
        ),
        (
            "assignment_answers",
            "get",
            reverse("classroom:assignment_answers", args=[asg.pk, w["member"].pk]),
            {"owner": 200, "member": 200},
        ),
        (
            "assignment_deck",
            "get",
            reverse("classroom:assignment_deck", args=[asg.pk]),
            {"owner": 200, "member": 200},
        ),
        (
            "assignment_quiz_settings",
            "post",
            reverse("classroom:assignment_quiz_settings", args=[asg.pk]),
            {"owner": 302},
        ),
        (
            "assignment_delete",
            "post",
            reverse("classroom:assignment_delete", args=[asg.pk]),
            {"owner": 302},
        ),
    ]


PERSONAS = ["owner", "member", "classmate", "other_teacher", "outsider"]
CLASSMATE_ALSO = {"classroom_detail", "assignment_read", "assignment_finish", "assignment_deck"}


def _request(client, method, url):
    if method == "get":
        return client.get(url)
    if method == "htmx":
        return client.get(url, headers={"HX-Request": "true"})
    if method == "htmx-post":
        return client.post(url, headers={"HX-Request": "true"})
    return client.post(url, {"key": "regierung", "gloss": "cabinet"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_view_answers_each_persona_as_expected(client, world, persona):
    client.force_login(world[persona])
    failures = []
    for name, method, url, expected in _urls(world):
        allowed = dict(expected)
        if name in CLASSMATE_ALSO and "member" in allowed:
            allowed["classmate"] = allowed["member"]
        want = allowed.get(persona, 404)
        # Destructive requests by the owner are checked on their own below, so the loop keeps
        # its objects.
        if (
            want != 404
            and method == "post"
            and name
            in {"classroom_close", "assignment_delete", "correction_delete", "student_remove"}
        ):
            continue
        got = _request(client, method, url).status_code
        if got != want:
            failures.append(f"{name}: {got} != {want}")
    assert not failures, failures


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for name, method, url, _ in _urls(world):
        response = _request(client, method, url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    assert client.get(reverse("classroom:home")).status_code == 302


def test_guessed_ids_are_404_for_everyone(client, world):
    client.force_login(world["owner"])
    for url in [
        reverse("classroom:classroom_detail", args=[987654]),
        reverse("classroom:assignment_dashboard", args=[987654]),
        reverse("classroom:assignment_read", args=[987654]),
        reverse("classroom:article_review", args=[987654]),
        reverse("classroom:assignment_answers", args=[world["assignment"].pk, 987654]),
        reverse("classroom:review_word", args=[world["article"].pk, 99, 0]),
    ]:
        assert client.get(url).status_code == 404, url


def test_the_teacher_cannot_look_up_users_outside_the_class_by_id(client, world):
    client.force_login(world["owner"])
    url = reverse(
        "classroom:assignment_answers", args=[world["assignment"].pk, world["outsider"].pk]
    )
    assert client.get(url).status_code == 404
    url = reverse(
        "classroom:assignment_answers", args=[world["assignment"].pk, world["classmate"].pk]
    )
    assert client.get(url).status_code == 200  # in the class, no attempts yet


def test_a_student_cannot_read_a_classmates_answers(client, world):
    client.force_login(world["classmate"])
    url = reverse("classroom:assignment_answers", args=[world["assignment"].pk, world["member"].pk])
    assert client.get(url).status_code == 404
    client.force_login(world["member"])
    response = client.get(url)
    assert response.status_code == 200 and "Ist das gut?" in response.content.decode()


def test_another_teacher_cannot_change_the_class(client, world):
    client.force_login(world["other_teacher"])
    c = world["classroom"]
    assert client.post(reverse("classroom:classroom_close", args=[c.pk])).status_code == 404
    assert (
        client.post(
            reverse("classroom:student_remove", args=[c.pk, world["member"].pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("classroom:assignment_delete", args=[world["assignment"].pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse(
                "classroom:correction_delete", args=[world["article"].pk, world["correction"].pk]
            )
        ).status_code
        == 404
    )
    c.refresh_from_db()
    assert c.closed_at is None
    assert Membership.objects.filter(classroom=c, student=world["member"]).exists()
    assert Assignment.objects.filter(pk=world["assignment"].pk).exists()
    assert Correction.objects.filter(pk=world["correction"].pk).exists()


def test_the_owner_can_remove_a_student_delete_an_assignment_and_close_the_class(client, world):
    client.force_login(world["owner"])
    c = world["classroom"]
    assert (
        client.post(
            reverse("classroom:student_remove", args=[c.pk, world["classmate"].pk])
        ).status_code
        == 302
    )
    assert not Membership.objects.filter(classroom=c, student=world["classmate"]).exists()
    assert (
        client.post(
            reverse(
                "classroom:correction_delete", args=[world["article"].pk, world["correction"].pk]
            )
        ).status_code
        == 302
    )
    assert not Correction.objects.exists()
    assert (
        client.post(
            reverse("classroom:assignment_delete", args=[world["assignment"].pk])
        ).status_code
        == 302
    )
    assert not Assignment.objects.exists()
    assert client.post(reverse("classroom:classroom_close", args=[c.pk])).status_code == 302
    assert Classroom.objects.get(pk=c.pk).is_closed


def test_a_removed_student_loses_access(client, world):
    services.membership_remove(classroom=world["classroom"], student_id=world["member"].pk)
    client.force_login(world["member"])
    assert (
        client.get(reverse("classroom:assignment_read", args=[world["assignment"].pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("classroom:classroom_detail", args=[world["classroom"].pk])).status_code
        == 404
    )


def test_students_and_other_teachers_cannot_use_teacher_only_pages(client, world):
    client.force_login(world["member"])
    # Adding an article is open to learners (issue 18): theirs stays private (reader.access).
    assert client.get(reverse("classroom:article_add")).status_code == 200
    assert client.post(reverse("classroom:classroom_create"), {"name": "Mine"}).status_code == 403
    assert not Classroom.objects.filter(name="Mine").exists()


def test_a_teacher_cannot_assign_another_teachers_article(client, world):
    foreign = make_ready_article(title="Fremd", created_by=world["other_teacher"])
    client.force_login(world["owner"])
    client.post(
        reverse("classroom:assignment_create", args=[world["classroom"].pk]),
        {"article": foreign.pk},
    )
    assert not Assignment.objects.filter(article=foreign).exists()


def test_any_teacher_may_assign_a_seed_article_but_only_its_author_may_correct_one(client, world):
    seed = make_ready_article(title="Seed", seed_order=0)
    mine = world["article"]
    client.force_login(world["other_teacher"])
    assert (
        client.get(
            reverse("classroom:article_status", args=[seed.pk]), headers={"HX-Request": "true"}
        ).status_code
        == 200
    )
    assert client.get(reverse("classroom:article_review", args=[seed.pk])).status_code == 404
    assert (
        client.get(
            reverse("classroom:article_status", args=[mine.pk]), headers={"HX-Request": "true"}
        ).status_code
        == 404
    )
    classroom = make_class(world["other_teacher"], name="Andere")
    client.post(reverse("classroom:assignment_create", args=[classroom.pk]), {"article": seed.pk})
    assert Assignment.objects.filter(classroom=classroom, article=seed).exists()
    client.force_login(world["member"])
    assert (
        client.get(
            reverse("classroom:article_status", args=[seed.pk]), headers={"HX-Request": "true"}
        ).status_code
        == 404
    )


def test_every_classroom_url_is_in_the_permission_matrix(world):
    from classroom.urls import urlpatterns

    covered = {name.removesuffix("_htmx") for name, *_ in _urls(world)}
    # Checked by the tests above: anonymous redirect, 403 for learners, joining and adding an
    # article are open to all.
    covered |= {"home", "classroom_create", "article_add", "join", "join_code"}
    assert {p.name for p in urlpatterns} <= covered
