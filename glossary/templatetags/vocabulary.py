"""The popover's vocabulary block asks here for the learner's status and saved senses, so the
reading view itself stays unaware of the vocabulary app."""

from django import template

from glossary import selectors
from glossary.models import SavedWord
from glossary.selectors import saved_senses, word_status

register = template.Library()


@register.simple_tag(takes_context=True)
def vocab_state(context, word) -> dict:
    user = context["request"].user
    key = word["key"]
    senses = saved_senses(user, key)
    expression_keys = {x["lemma"].lower() for x in word.get("expressions", []) if x.get("lemma")}
    saved_expressions = set()
    if expression_keys and user.is_authenticated:
        saved_expressions = set(
            SavedWord.objects.filter(user=user, key__in=expression_keys).values_list(
                "key", flat=True
            )
        )
    first_sense = word["senses"][0] if word.get("senses") else ""
    return {
        "status": word_status(user, key),
        "saved": first_sense in senses,
        "saved_any": bool(senses),
        "saved_expressions": saved_expressions,
    }


@register.simple_tag(takes_context=True)
def known_shares(context, articles) -> dict:
    """article id -> {"known", "total", "percent"} for the learner, one query for the list."""
    return selectors.known_shares(context["request"].user, list(articles))


@register.filter
def share_for(shares: dict, article_id) -> dict | None:
    return (shares or {}).get(article_id)
