from django import forms

from core.ids import IdField
from glossary.library import SORTS
from glossary.models import SavedWord
from reader.models import WordStatus


class WordPositionForm(forms.Form):
    """A word in an article: sentence `s`, token `t`; `x` picks the sentence's expression the
    token belongs to (save the idiom or separable verb as one unit); `sense` one of the senses
    the popover lists (0 = the first). An article id beyond 64 bits is refused here, before
    any query."""

    article = IdField()
    s = forms.IntegerField(min_value=0)
    t = forms.IntegerField(min_value=0)
    x = forms.IntegerField(min_value=0, required=False)
    sense = forms.IntegerField(min_value=0, max_value=2, required=False)


class WordStatusForm(WordPositionForm):
    status = forms.ChoiceField(choices=WordStatus.choices)


class StatusOnlyForm(forms.Form):
    status = forms.ChoiceField(choices=WordStatus.choices)


class VocabularyFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "German, English, note…"}),
    )
    article = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Article")
    status = forms.ChoiceField(
        required=False, label="Status", choices=[("", "Any status"), *WordStatus.choices]
    )
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [
            ("", "All articles"),
            *[(pk, title) for pk, title in articles],
        ]


class SavedWordForm(forms.ModelForm):
    class Meta:
        model = SavedWord
        fields = ["gloss", "note"]
        labels = {"gloss": "English", "note": "Note"}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title or text…"}),
    )
    sort = forms.ChoiceField(required=False, label="Sort", choices=list(SORTS.items()))
